import { spawn, type ChildProcess } from 'node:child_process';
import { writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The real bot entry (npm start's program) in a child process of its own. */
export interface BotProcess {
  readonly child: ChildProcess;
  readonly base: string;
  /** Milliseconds from spawn to the first healthy /healthz. */
  readonly startMs: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = address && typeof address === 'object' ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Spawns `node --import tsx bot/index.ts` (node itself, not the tsx wrapper, so that SIGKILL hits the bot and not
 * a parent of it) and waits until /healthz answers 200.
 */
export async function startBot(
  env: Record<string, string>, port: number, o: { timeoutMs?: number; output?: number } = {},
): Promise<BotProcess> {
  const timeoutMs = o.timeoutMs ?? 45_000;
  const t0 = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bot', 'index.ts')], {
    cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port) }, stdio: ['ignore', o.output ?? 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString('utf8')).slice(-4000);
    if (o.output !== undefined) writeSync(o.output, c);
  });
  const base = `http://127.0.0.1:${port}`;
  while (Date.now() - t0 < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode} while starting:\n${stderr}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { child, base, startMs: Date.now() - t0 };
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  await killBot(child);
  throw new Error(`the bot did not become healthy within ${timeoutMs} ms:\n${stderr}`);
}

/** kill -9, and wait until the process is gone. */
export async function killBot(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await gone;
}

/** A clean stop (SIGTERM: the bot drains its turns and closes the store); SIGKILL after `graceMs`. */
export async function stopBot(child: ChildProcess, graceMs = 15_000): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const gone = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const code = await gone;
  clearTimeout(timer);
  return code;
}
