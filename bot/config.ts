import { resolve } from 'node:path';

export interface Config {
  port: number;
  dataDir: string;
  store: 'sqlite' | 'mongo';
  mongodbUri?: string;
  platform: 'sandbox' | 'http';
  platformUrl?: string;
  /** Fixes the sandbox clock to this China date (demos, tests). */
  sandboxToday?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Bot Framework channel authentication; anonymous (Emulator) when no app id is set. */
  microsoftAppId?: string;
  microsoftAppPassword?: string;
  microsoftAppType?: string;
  microsoftAppTenantId?: string;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads and validates the configuration from the environment; every problem is reported at once,
 * naming the variable, so a misconfigured deployment fails fast with a clear message.
 */
export function readConfig(env: NodeJS.ProcessEnv): Config {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const portText = get('PORT') ?? '3978';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) problems.push(`PORT must be a port number (1-65535), got "${portText}"`);
  const store = get('STORE') ?? 'sqlite';
  if (store !== 'sqlite' && store !== 'mongo') problems.push(`STORE must be "sqlite" or "mongo", got "${store}"`);
  const mongodbUri = get('MONGODB_URI');
  if (store === 'mongo' && !mongodbUri) problems.push('STORE=mongo needs MONGODB_URI (e.g. mongodb://host:27017/jiaoguan?replicaSet=rs0)');
  if (mongodbUri && !/^mongodb(\+srv)?:\/\//.test(mongodbUri)) problems.push('MONGODB_URI must start with mongodb:// or mongodb+srv://');
  const platform = get('PLATFORM') ?? 'sandbox';
  if (platform !== 'sandbox' && platform !== 'http') problems.push(`PLATFORM must be "sandbox" or "http", got "${platform}"`);
  const platformUrl = get('PLATFORM_URL');
  if (platform === 'http' && !platformUrl) problems.push('PLATFORM=http needs PLATFORM_URL (the traffic platform gateway, e.g. https://gateway.example/)');
  if (platformUrl && !/^https?:\/\//.test(platformUrl)) problems.push('PLATFORM_URL must be an http(s) URL');
  const sandboxToday = get('SANDBOX_TODAY');
  if (sandboxToday && (!/^\d{4}-\d{2}-\d{2}$/.test(sandboxToday) || Number.isNaN(Date.parse(`${sandboxToday}T00:00:00Z`)))) {
    problems.push(`SANDBOX_TODAY must be a date YYYY-MM-DD, got "${sandboxToday}"`);
  }
  if (sandboxToday && platform !== 'sandbox') problems.push('SANDBOX_TODAY only applies to PLATFORM=sandbox');
  const logLevel = get('LOG_LEVEL') ?? 'info';
  if (!(LEVELS as readonly string[]).includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got "${logLevel}"`);
  const microsoftAppId = get('MicrosoftAppId');
  const microsoftAppPassword = get('MicrosoftAppPassword');
  if (microsoftAppId && !microsoftAppPassword && get('MicrosoftAppType') !== 'UserAssignedMSI') {
    problems.push('MicrosoftAppId is set but MicrosoftAppPassword is not');
  }
  if (problems.length) throw new ConfigError(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return {
    port,
    dataDir: resolve(get('DATA_DIR') ?? './data'),
    store: store as Config['store'],
    mongodbUri,
    platform: platform as Config['platform'],
    platformUrl,
    sandboxToday,
    logLevel: logLevel as Config['logLevel'],
    microsoftAppId,
    microsoftAppPassword,
    microsoftAppType: get('MicrosoftAppType'),
    microsoftAppTenantId: get('MicrosoftAppTenantId'),
  };
}
