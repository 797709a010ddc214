import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { appendFileSync, closeSync, openSync } from 'node:fs';
import { join, relative } from 'node:path';
import { maskPii } from '../../integrations/privacy/maskPii';

/**
 * Issue 8's PII scan: test/run.sh points this variable at a fresh test-output/pii-capture/, tests write
 * there what the product showed them (logs, agent-facing API bodies, /metrics, error bodies, child output),
 * and test/pii/capture.pii.ts scans it after the suite. Only test code reads it; unset, nothing is written.
 */
export const CAPTURE_ENV = 'JIAOGUAN_CAPTURE_DIR';
const ROOT = join(__dirname, '..', '..');

export function captureDir(): string | undefined {
  return process.env[CAPTURE_ENV] || undefined;
}

/** The capture file of `name` for this jest worker (workers never share a file); undefined when not capturing. */
export function captureFile(name: string, ext = 'txt'): string | undefined {
  const dir = captureDir();
  return dir ? join(dir, `${name.replace(/[^\w.-]/g, '_')}.w${process.env.JEST_WORKER_ID ?? '0'}.${ext}`) : undefined;
}

/** The running test file, relative to the project (for attributing a finding). */
export function testFile(): string {
  const path = expect.getState().testPath;
  return path ? relative(ROOT, path) : 'unknown';
}

/** `# test file › test name`, masked: test names quote ID numbers and VINs, and the header is not product output. */
function header(suffix = ''): string {
  return maskPii(`# ${testFile()} › ${expect.getState().currentTestName ?? '(outside a test)'}${suffix}\n`);
}

const lastHeader = new Map<string, string>();

/** Appends `text` to the capture file `name`, under a header line whenever the test changes. */
export function capture(name: string, text: string): void {
  const file = captureFile(name);
  if (!file) return;
  const head = header();
  appendFileSync(file, `${lastHeader.get(file) === head ? '' : head}${text}\n`);
  lastHeader.set(file, head);
}

/** LOG_LEVEL for a child bot process: debug while capturing (its output is scanned), else `otherwise`. */
export function childLogLevel(otherwise: string): string {
  return captureDir() ? 'debug' : otherwise;
}

/** spawn() whose stdout and stderr are appended to the capture file `name` while capturing, ignored otherwise. */
export function spawnCaptured(name: string, command: string, args: readonly string[], options: Omit<SpawnOptions, 'stdio'>): ChildProcess {
  const file = captureFile(name, 'log');
  if (!file) return spawn(command, args, { ...options, stdio: 'ignore' });
  appendFileSync(file, header(`: ${relative(ROOT, args[args.length - 1] ?? command)}`));
  const fd = openSync(file, 'a');
  try {
    return spawn(command, args, { ...options, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd); // the child has its own copy
  }
}
