import { appendFileSync } from 'node:fs';
import { createLogger, type Logger } from '../../bot/logger';
import { captureFile, testFile } from './capture';

/**
 * The logger for bots, servers and services built by tests: the product's createLogger (masking included)
 * at trace level, one JSON line per record appended to this worker's log file in the capture directory,
 * each tagged with the test file; silent when not capturing.
 */
export function testLogger(): Logger {
  const file = captureFile('log', 'jsonl');
  if (!file) return createLogger('silent');
  return createLogger('trace', { write: (line: string) => appendFileSync(file, line) }).child({ test: testFile() });
}
