import { ConfigError, readConfig } from './config';
import { compose } from './compose';
import { openStores } from './openStores';
import { createLogger } from './logger';

/** How long a shutdown waits for turns in progress. */
const DRAIN_MS = 10_000;

async function main(): Promise<void> {
  let config;
  try {
    config = readConfig(process.env);
  } catch (e) {
    process.stderr.write(`jiaoguan-bot: ${(e as Error).message}\n`);
    process.exit(2);
  }
  const logger = createLogger(config.logLevel);
  const app = compose(config, logger, { stores: await openStores(config, logger) });
  await app.ready;
  await new Promise<void>((resolve) => app.server.listen(config.port, resolve));
  const url = `http://localhost:${config.port}`;
  logger.info({ port: config.port, store: config.store, platform: config.platform, sandboxToday: config.sandboxToday }, 'jiaoguan-bot ready');
  const messenger = config.platform === 'sandbox' && config.wechat && !config.wechat.apiUrl;
  process.stdout.write(`\njiaoguan-bot is running on ${url}\n` +
    (messenger ? `  open the WeChat-style messenger: ${url}/chat/\n` : '') +
    `  hotline agent console: ${url}/agent/   NLU admin console: ${url}/admin/ (create accounts with npm run agent)\n` +
    (config.wechat ? `  WeChat webhook (URL to enter in the official account console): ${url}/api/wechat\n` : '') +
    `  Bot Framework Emulator: ${url}/api/messages (no app id or password needed)\n` +
    `  health: ${url}/healthz\n` +
    (config.platform === 'sandbox' ? `  sandbox SMS outbox: ${url}/sandbox/sms?phone=<the persona's mobile number>\n` : '') + '\n');

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new requests, finishing turns in progress');
    app.server.close();
    const deadline = Date.now() + DRAIN_MS;
    while (app.inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await app.close();
    logger.info({ unfinished: app.inFlight() }, 'stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((e: unknown) => {
  const message = e instanceof ConfigError || e instanceof Error ? e.message : String(e);
  process.stderr.write(`jiaoguan-bot could not start: ${message}\n`);
  process.exit(1);
});
