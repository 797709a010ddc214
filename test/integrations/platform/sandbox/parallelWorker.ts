/**
 * Runs in a worker thread (see concurrency.test.ts): its own SQLite connection and SandboxPlatform on a shared file,
 * so several threads really write at the same time. Reports one outcome ('ok' or an error code) per call.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { manualClock } from '../../../../integrations/clock';
import { PlatformError } from '../../../../integrations/platform/errors';
import { SandboxPlatform } from '../../../../integrations/platform/sandbox/SandboxPlatform';

interface Job {
  file: string;
  now: string;
  op: 'book' | 'pay';
  ids: string[];
  worker: number;
}

async function main(job: Job): Promise<string[]> {
  const db = new Database(job.file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 10000');
  const platform = new SandboxPlatform(db, manualClock(job.now));
  const outcomes: string[] = [];
  for (const [i, id] of job.ids.entries()) {
    try {
      if (job.op === 'book') await platform.exams.book(id, 1, 'nj-1', '2026-11-26', 'morning', `w${job.worker}-${i}`);
      else await platform.violations.pay(id, 20000, `w${job.worker}-${i}`);
      outcomes.push('ok');
    } catch (err) {
      outcomes.push(err instanceof PlatformError ? err.code : String(err));
    }
  }
  db.close();
  return outcomes;
}

main(workerData as Job).then(
  (outcomes) => parentPort?.postMessage(outcomes),
  (err: unknown) => parentPort?.postMessage([String(err)]),
);
