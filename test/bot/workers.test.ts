import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LI_NA } from '../integrations/platform/fixtures';
import { capture, childLogLevel } from '../support/capture';
import { bindThrough, FakeWeChat } from './wechat/wechatClient';
import { freePort } from '../../tools/faults/botProcess';

const ROOT = join(__dirname, '..', '..');

/** The bot processes the supervisor runs now. */
function workersOf(primary: ChildProcess): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(primary.pid), '-f', 'bot/index.ts'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when there is none
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('WORKERS=2: several bot processes on one port and one store', () => {
  it('serves one conversation across both processes, replaces a process that dies, and stops all on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jiaoguan-workers-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const primary = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bot', 'index.ts')], {
      cwd: ROOT, env: { ...process.env, WORKERS: '2', DATA_DIR: dataDir, SANDBOX_TODAY: '2026-11-25', PORT: String(port), LOG_LEVEL: childLogLevel('warn') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      capture('bot-process', chunk.toString('utf8'));
    };
    primary.stdout?.on('data', keep);
    primary.stderr?.on('data', keep);
    try {
      // The banner comes once every process listens.
      await until('both processes to listen', () => (output.includes('(2 processes)') ? true : undefined), 60_000);
      const first = workersOf(primary);
      expect(first).toHaveLength(2);

      // Binding takes four messages; the port hands them to the processes in turn, so the flow's state
      // (and the SMS code the other process sent) must come from the shared store.
      const wx = new FakeWeChat(base);
      expect((await bindThrough(wx, base, 'o_workers_lina', '查记分', LI_NA)).text).toContain('身份绑定成功');

      process.kill(first[0], 'SIGKILL');
      const replaced = await until('a replacement process', () => {
        const now = workersOf(primary);
        return now.length === 2 && !now.includes(first[0]) ? now : undefined;
      });
      expect(replaced).toContain(first[1]);
      // The supervisor logs it before forking; its stdout may reach us a little after the new process shows.
      await until('the supervisor to log the death', () => (/"signal":"SIGKILL","msg":"a bot process died; starting another"/.test(output) ? true : undefined), 5_000);
      for (let i = 0; i < 4; i += 1) expect((await wx.text('o_workers_lina', '我还有几分')).text).toMatch(/记分|分/);

      primary.kill('SIGTERM');
      const code = await new Promise<number | null>((r) => primary.once('exit', r));
      expect(code).toBe(0);
      expect(workersOf(primary)).toEqual([]);
      await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    } finally {
      if (primary.exitCode === null) primary.kill('SIGKILL');
      for (const pid of workersOf(primary)) process.kill(pid, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
