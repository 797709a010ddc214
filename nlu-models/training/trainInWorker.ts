import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReportProgress, TrainedVersion, TrainRequest } from './trainVersion';

type WorkerMessage =
  | { type: 'progress'; phase: 'train' | 'evaluate' | 'done'; percent: number }
  | { type: 'done'; result: TrainedVersion }
  | { type: 'error'; message: string };

/** Trains a version in a worker thread, so the bot keeps answering citizens while it runs. */
export function trainInWorker(req: TrainRequest, report: ReportProgress = () => undefined): Promise<TrainedVersion> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'trainWorkerBoot.cjs'));
    let settled = false;
    const finish = (f: () => void): void => {
      if (settled) return;
      settled = true;
      f();
      void worker.terminate();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') report(m.phase, m.percent);
      else if (m.type === 'done') finish(() => resolve(m.result));
      else finish(() => reject(new Error(`training failed: ${m.message}`)));
    });
    worker.once('error', (err) => finish(() => reject(err)));
    worker.once('exit', (code) => finish(() => reject(new Error(`the training worker exited (code ${code})`))));
    worker.postMessage(req);
  });
}
