import { parentPort } from 'node:worker_threads';
import { trainVersion, type TrainRequest } from './trainVersion';

/** Runs trainVersion off the bot's event loop; posts progress, then the model and metrics (or the error). */
parentPort?.once('message', (req: TrainRequest) => {
  try {
    const result = trainVersion(req, (phase, percent) => parentPort?.postMessage({ type: 'progress', phase, percent }));
    parentPort?.postMessage({ type: 'done', result });
  } catch (e) {
    parentPort?.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});
