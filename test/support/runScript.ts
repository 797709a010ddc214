import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { join } from 'node:path';
import { capture } from './capture';

const ROOT = join(__dirname, '..', '..');

export interface ScriptRun {
  readonly child: ChildProcess;
  /** The exit code, or null while the process still runs (`until` was met first). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunScriptOptions {
  /** The environment; `process.env` is added underneath unless `cleanEnv`. */
  env?: Record<string, string>;
  /** Start from an empty environment (PATH and HOME only) instead of this process's. */
  cleanEnv?: boolean;
  /** Resolve as soon as this holds for the output so far (the process keeps running); otherwise at exit. */
  until?: (stdout: string) => boolean;
  /** How long to wait for `until` (ms). */
  timeoutMs?: number;
  /** More spawn options (uid/gid…). */
  spawn?: SpawnOptions;
  /** The capture file that receives the output (the PII scan reads it). */
  captureAs: string;
}

/**
 * Runs a project script as a second process the way its npm script does (`node --import tsx <script> <args>`,
 * from the repository root), collecting its output; resolves at exit, or once `until` holds.
 */
export async function runScript(script: string, args: readonly string[], o: RunScriptOptions): Promise<ScriptRun> {
  const base = o.cleanEnv ? { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } : process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], {
    cwd: ROOT, ...o.spawn, env: { ...base, LOG_LEVEL: 'silent', ...o.env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
  child.stderr?.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (o.until) {
    const deadline = Date.now() + (o.timeoutMs ?? 30_000);
    while (child.exitCode === null && Date.now() < deadline && !o.until(stdout)) await new Promise((r) => setTimeout(r, 50));
  } else {
    await exited;
  }
  capture(o.captureAs, `${script} ${args.join(' ')} → ${String(child.exitCode)}\n${stdout}${stderr}`);
  return { child, code: child.exitCode, stdout, stderr };
}
