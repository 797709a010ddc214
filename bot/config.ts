import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { readPlatformAuth, type PlatformAuth } from './platformAuth';
import { isIP } from 'node:net';
import { isProxyEntry } from './web/TrustedProxies';
import { readNoticeConfig, type NoticeConfig } from './notices/noticeConfig';

/** Demo: the sandbox, the messenger, anonymous Bot Framework on loopback. Deployment: none of those, ever. */
export type Mode = 'demo' | 'deployment';

/** How `/api/messages` is served: anonymous only in a demo, for the Emulator on this machine. */
export type BotFrameworkAccess = 'anonymous' | 'authenticated' | 'closed';

export interface Config {
  /** Decided once, here: see readMode. */
  mode: Mode;
  /** Why this is a deployment (or "no deployment setting"), for the banner and error messages. */
  modeReason: string;
  botFramework: BotFrameworkAccess;
  /** Messages per citizen per minute, on every channel (WeChat OpenID, Bot Framework user). */
  citizenRatePerMinute: number;
  port: number;
  /** The address to listen on: loopback in a demo (its sandbox pages are open to whoever reaches them), all interfaces in a deployment. */
  host: string;
  dataDir: string;
  store: 'sqlite' | 'mongo';
  mongodbUri?: string;
  platform: 'sandbox' | 'http';
  platformUrl?: string;
  /** The gateway's credentials with PLATFORM=http (bearer token, TLS client certificate, CA): never logged. */
  platformAuth?: PlatformAuth;
  /** Where the sandbox clock starts (09:00 China time that day; demos, tests); POST /sandbox/clock moves it on. */
  sandboxToday?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Bot Framework channel authentication; anonymous (Emulator) when no app id is set. */
  microsoftAppId?: string;
  microsoftAppPassword?: string;
  microsoftAppType?: string;
  microsoftAppTenantId?: string;
  /** Per-attempt timeout of traffic platform calls. */
  platformTimeoutMs: number;
  /** Bearer token of /metrics (closed without one). */
  metricsToken?: string;
  /** A waiting citizen is told no agent is free after this many minutes. */
  handoffWaitMinutes: number;
  /** Conversations an agent holds at once before new handoffs are offered to others (AGENT_CAPACITY). */
  agentCapacity: number;
  /** Seconds an offered handoff waits for the agent to accept before it is offered to the next (AGENT_OFFER_SECONDS). */
  agentOfferSeconds: number;
  /** The WeChat official-account channel; absent when not configured (http platform without WECHAT_*). */
  wechat?: WeChatConfig;
  /** Requests per minute each agent or admin account may make to the console APIs. */
  accountRates: AccountRates;
  /** Bot processes serving one port (node:cluster) on one store: 1 is a single process. */
  workers: number;
  /**
   * Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (TRUST_PROXY: IP addresses, CIDR
   * ranges or "loopback"); empty: none, the socket's peer is the client.
   */
  trustProxy: readonly string[];
  /** Notices citizens subscribed to: quiet hours, daily cap, WeChat template ids (NOTICE_*). */
  notices: NoticeConfig;
}

/** Per-account limits of the agent and admin APIs (a window of one minute, shared by every process). */
export interface AccountRates {
  /** GET requests (and other calls that change nothing); an event stream counts once, when it opens. */
  readsPerMinute: number;
  /** Changes (every request carrying the CSRF token: messages, accepts, edits, training runs…). */
  writesPerMinute: number;
}

export interface WeChatConfig {
  token: string;
  appId: string;
  appSecret: string;
  /** Safe mode when set (43 characters). */
  encodingAesKey?: string;
  /** WeChat's API; undefined in sandbox mode means this bot's own /sandbox/wechat. */
  apiUrl?: string;
  /** Passive-reply budget (WeChat waits 5 s). */
  replyBudgetMs: number;
}

/** The sandbox official account of the demo (the messenger page plays WeChat). Not secrets. */
export const SANDBOX_WECHAT = { token: 'jiaoguanSandboxToken', appId: 'wx5a4db1e0c0ffee01', appSecret: 'sandbox-app-secret' } as const;

/** The console APIs' per-account limits when CONSOLE_READS_PER_MINUTE / CONSOLE_WRITES_PER_MINUTE are not set. */
export const DEFAULT_ACCOUNT_RATES: AccountRates = { readsPerMinute: 300, writesPerMinute: 60 };

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
  const host = get('HOST');
  if (host !== undefined && isIP(host) === 0 && !/^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})$/.test(host)) problems.push(`HOST must be an IP address or a host name to listen on, got "${host}"`);
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
  const platformAuth = readPlatformAuth(get, platform, platformUrl, problems);
  const sandboxToday = get('SANDBOX_TODAY');
  if (sandboxToday && (!/^\d{4}-\d{2}-\d{2}$/.test(sandboxToday) || Number.isNaN(Date.parse(`${sandboxToday}T00:00:00Z`)))) {
    problems.push(`SANDBOX_TODAY must be a date YYYY-MM-DD, got "${sandboxToday}"`);
  }
  const logLevel = get('LOG_LEVEL') ?? 'info';
  if (!(LEVELS as readonly string[]).includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got "${logLevel}"`);
  const microsoftAppId = get('MicrosoftAppId');
  const microsoftAppPassword = get('MicrosoftAppPassword');
  if (microsoftAppId && !microsoftAppPassword && get('MicrosoftAppType') !== 'UserAssignedMSI') {
    problems.push('MicrosoftAppId is set but MicrosoftAppPassword is not');
  }
  const { mode, reason: modeReason } = readMode(get, problems);
  if (mode === 'deployment') {
    if (platform === 'sandbox') {
      problems.push(`this is a deployment (${modeReason}): it never runs the sandbox platform; set PLATFORM=http and PLATFORM_URL (the traffic platform gateway)`);
    }
    for (const name of SANDBOX_ONLY) {
      if (get(name) !== undefined) problems.push(`${name} is a demo-only setting; a deployment (${modeReason}) refuses it`);
    }
  }
  const citizenRateText = get('CITIZEN_RATE_PER_MINUTE') ?? get('WECHAT_RATE_PER_MINUTE') ?? '30';
  const citizenRatePerMinute = Number(citizenRateText);
  if (!Number.isInteger(citizenRatePerMinute) || citizenRatePerMinute < 1) problems.push('CITIZEN_RATE_PER_MINUTE must be a positive integer (messages per citizen per minute)');
  const wechat = readWeChat(get, mode === 'demo', problems);
  const botFramework: BotFrameworkAccess = microsoftAppId ? 'authenticated' : mode === 'demo' ? 'anonymous' : 'closed';
  if (mode === 'deployment' && !wechat && botFramework === 'closed') {
    problems.push('a deployment needs a channel: set the WECHAT_* variables (WeChat official account) and/or MicrosoftAppId and MicrosoftAppPassword (Bot Framework)');
  }
  const platformTimeoutMs = Number(get('PLATFORM_TIMEOUT_MS') ?? '3000');
  if (!Number.isInteger(platformTimeoutMs) || platformTimeoutMs < 100 || platformTimeoutMs > 60_000) problems.push('PLATFORM_TIMEOUT_MS must be 100-60000');
  const metricsToken = get('METRICS_TOKEN');
  if (metricsToken && metricsToken.length < 16) problems.push('METRICS_TOKEN must have at least 16 characters');
  const handoffWaitMinutes = Number(get('HANDOFF_WAIT_MINUTES') ?? '10');
  if (!(handoffWaitMinutes > 0 && handoffWaitMinutes <= 240)) problems.push('HANDOFF_WAIT_MINUTES must be a number of minutes between 0 and 240');
  const agentCapacity = Number(get('AGENT_CAPACITY') ?? '3');
  if (!Number.isInteger(agentCapacity) || agentCapacity < 1 || agentCapacity > 50) problems.push('AGENT_CAPACITY must be a whole number of conversations from 1 to 50');
  const agentOfferSeconds = Number(get('AGENT_OFFER_SECONDS') ?? '30');
  if (!Number.isInteger(agentOfferSeconds) || agentOfferSeconds < 5 || agentOfferSeconds > 600) problems.push('AGENT_OFFER_SECONDS must be a whole number of seconds from 5 to 600');
  const accountRates = {
    readsPerMinute: Number(get('CONSOLE_READS_PER_MINUTE') ?? DEFAULT_ACCOUNT_RATES.readsPerMinute),
    writesPerMinute: Number(get('CONSOLE_WRITES_PER_MINUTE') ?? DEFAULT_ACCOUNT_RATES.writesPerMinute),
  };
  if (!Number.isInteger(accountRates.readsPerMinute) || accountRates.readsPerMinute < 1) problems.push('CONSOLE_READS_PER_MINUTE must be a positive integer');
  if (!Number.isInteger(accountRates.writesPerMinute) || accountRates.writesPerMinute < 1) problems.push('CONSOLE_WRITES_PER_MINUTE must be a positive integer');
  const workersText = get('WORKERS') ?? '1';
  const workers = workersText === 'auto' ? availableParallelism() : Number(workersText);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) problems.push('WORKERS must be "auto" or a number of processes from 1 to 64');
  const trustProxy = (get('TRUST_PROXY') ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of trustProxy.filter((e) => !isProxyEntry(e))) {
    problems.push(`TRUST_PROXY must list proxy IP addresses, CIDR ranges (such as 10.0.0.0/8) or "loopback", separated by commas; "${entry}" is none of these`);
  }
  const notices = readNoticeConfig(get, mode === 'demo', problems);
  if (problems.length) throw new ConfigError(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return {
    mode,
    modeReason,
    botFramework,
    citizenRatePerMinute,
    port,
    host: host ?? (mode === 'demo' ? '127.0.0.1' : '0.0.0.0'),
    dataDir: resolve(get('DATA_DIR') ?? './data'),
    store: store as Config['store'],
    mongodbUri,
    platform: platform as Config['platform'],
    platformUrl,
    platformAuth,
    sandboxToday,
    logLevel: logLevel as Config['logLevel'],
    microsoftAppId,
    microsoftAppPassword,
    microsoftAppType: get('MicrosoftAppType'),
    microsoftAppTenantId: get('MicrosoftAppTenantId'),
    wechat,
    handoffWaitMinutes,
    agentCapacity,
    agentOfferSeconds,
    platformTimeoutMs,
    metricsToken,
    accountRates,
    workers,
    trustProxy,
    notices,
  };
}

/** Settings that only make sense against the sandbox; a deployment refuses them by name. */
const SANDBOX_ONLY = ['SANDBOX_TODAY'] as const;
/** The official account's real credentials: any of them makes the bot a deployment. */
const REAL_WECHAT = ['WECHAT_TOKEN', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'WECHAT_API_URL'] as const;

/**
 * Demo or deployment, decided once: a real traffic platform (PLATFORM=http), real WeChat credentials,
 * NODE_ENV=production or MODE=deployment make a deployment; none of these is a demo. MODE=demo next to real
 * settings is refused.
 */
function readMode(get: (name: string) => string | undefined, problems: string[]): { mode: Mode; reason: string } {
  const explicit = get('MODE');
  if (explicit !== undefined && explicit !== 'demo' && explicit !== 'deployment') problems.push(`MODE must be "demo" or "deployment", got "${explicit}"`);
  const reasons: string[] = [];
  if (get('NODE_ENV') === 'production') reasons.push('NODE_ENV=production');
  if (get('PLATFORM') === 'http') reasons.push('PLATFORM=http');
  const wechat = REAL_WECHAT.filter((n) => get(n) !== undefined);
  if (wechat.length) reasons.push(`${wechat.join(', ')} set`);
  if (explicit === 'demo' && reasons.length) {
    problems.push(`MODE=demo cannot be used with ${reasons.join(' and ')}: real settings make a deployment`);
    return { mode: 'demo', reason: 'MODE=demo' };
  }
  if (explicit === 'deployment') reasons.unshift('MODE=deployment');
  return reasons.length ? { mode: 'deployment', reason: reasons.join(', ') } : { mode: 'demo', reason: 'no deployment setting' };
}

function readWeChat(get: (name: string) => string | undefined, demo: boolean, problems: string[]): WeChatConfig | undefined {
  const names = ['WECHAT_TOKEN', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'WECHAT_ENCODING_AES_KEY', 'WECHAT_API_URL'];
  const anySet = names.some((n) => get(n) !== undefined);
  if (!anySet && !demo) return undefined;
  // A demo always plays the sandbox official account (real credentials would have made it a deployment).
  const token = get('WECHAT_TOKEN') ?? (demo ? SANDBOX_WECHAT.token : undefined);
  const appId = get('WECHAT_APP_ID') ?? (demo ? SANDBOX_WECHAT.appId : undefined);
  const appSecret = get('WECHAT_APP_SECRET') ?? (demo ? SANDBOX_WECHAT.appSecret : undefined);
  if (!token) problems.push('WECHAT_TOKEN is required for the WeChat channel (the Token set in the official account console)');
  else if (!/^[A-Za-z0-9]{3,32}$/.test(token)) problems.push('WECHAT_TOKEN must be 3-32 letters or digits, as WeChat requires');
  if (!appId) problems.push('WECHAT_APP_ID is required for the WeChat channel');
  if (!appSecret) problems.push('WECHAT_APP_SECRET is required for the WeChat channel');
  const encodingAesKey = get('WECHAT_ENCODING_AES_KEY');
  if (encodingAesKey && !/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) problems.push('WECHAT_ENCODING_AES_KEY must be the 43-character EncodingAESKey');
  const apiUrl = get('WECHAT_API_URL') ?? (demo ? undefined : 'https://api.weixin.qq.com');
  if (apiUrl && !/^https?:\/\//.test(apiUrl)) problems.push('WECHAT_API_URL must be an http(s) URL');
  const budget = Number(get('WECHAT_REPLY_BUDGET_MS') ?? '4000');
  if (!Number.isInteger(budget) || budget < 100 || budget > 4500) problems.push('WECHAT_REPLY_BUDGET_MS must be 100-4500 (WeChat waits 5 s)');
  if (!token || !appId || !appSecret) return undefined;
  return { token, appId, appSecret, encodingAesKey, apiUrl, replyBudgetMs: budget };
}
