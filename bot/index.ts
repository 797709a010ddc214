import { ConfigError, readConfig } from './config';
import { compose } from './compose';
import { openStores } from './openStores';
import { createLogger } from './logger';
import cluster from 'node:cluster';
import { banner } from './banner';
import { runPrimary } from './runPrimary';

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
  if (config.workers > 1 && cluster.isPrimary) {
    await runPrimary(config, logger);
    return;
  }
  const app = compose(config, logger, { stores: await openStores(config, logger) });
  await app.ready;
  await new Promise<void>((resolve) => app.server.listen(config.port, config.host, resolve));
  if (cluster.isPrimary) {
    logger.info({ port: config.port, store: config.store, platform: config.platform, sandboxToday: config.sandboxToday }, 'jiaoguan-bot ready');
    process.stdout.write(banner(config));
  }

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
