// Worker entry: registers tsx's loader in the worker thread, then runs the TypeScript worker.
require('tsx/cjs');
require('./trainWorker.ts');
