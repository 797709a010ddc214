import cluster, { type Worker } from 'node:cluster';
import { banner } from './banner';
import type { Config } from './config';
import type { Logger } from './logger';

/** How long a shutdown waits for the workers to finish their turns. */
const STOP_MS = 15_000;

/**
 * WORKERS > 1: this process only supervises. One worker starts first (it migrates and seeds the store), the
 * others once it listens; they share the port (node:cluster) and the store, which is built for several
 * processes (bot state with eTags, receipts, handoff events, sessions, the live model pointer). A worker that
 * dies is replaced; SIGTERM/SIGINT stop them all, each finishing its turns.
 */
export async function runPrimary(config: Config, logger: Logger): Promise<void> {
  let stopping = false;
  const start = (): Promise<Worker> => new Promise((resolve, reject) => {
    const worker = cluster.fork();
    let listening = false;
    // The process's own exit, not cluster's "exit": that one also waits for the IPC channel to close, which a
    // grandchild holding the channel's descriptor (tsx's esbuild service) can keep open after a SIGKILL.
    worker.process.once('exit', (code, signal) => {
      if (!listening) reject(new Error(`a bot process exited while starting (code ${String(code)})`));
      else if (!stopping) {
        logger.error({ pid: worker.process.pid, code, signal }, 'a bot process died; starting another');
        start().catch((err: unknown) => logger.error({ err }, 'could not replace a bot process'));
      }
    });
    worker.once('listening', () => {
      listening = true;
      resolve(worker);
    });
  });
  await start();
  await Promise.all(Array.from({ length: config.workers - 1 }, start));
  logger.info({ port: config.port, workers: config.workers }, 'jiaoguan-bot ready');
  process.stdout.write(banner(config));

  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down the bot processes');
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    let left = workers.length;
    if (left === 0) process.exit(0);
    for (const w of workers) {
      w.process.once('exit', () => {
        left -= 1;
        if (left === 0) process.exit(0);
      });
      w.process.kill('SIGTERM');
    }
    setTimeout(() => process.exit(1), STOP_MS).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
