import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childLogLevel, spawnCaptured } from '../support/capture';
import { emulatorMessage, startChannelRecorder } from './channelRecorder';
import { freePort } from '../../tools/faults/botProcess';

const ROOT = join(__dirname, '..', '..');

/** Starts the real bot entry (npm start's command) and waits until /healthz answers. */
async function startBot(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  // node itself (not the tsx wrapper) so that SIGKILL kills the bot process, not a parent of it.
  const child = spawnCaptured('bot-process', process.execPath, ['--import', 'tsx', join(ROOT, 'bot', 'index.ts')], {
    cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: childLogLevel('warn') },
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the bot did not become healthy within 30 s');
}

describe('restart', () => {
  it('a process killed in the middle of a flow resumes that flow after restart (state on disk)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jiaoguan-restart-'));
    const env = { DATA_DIR: dataDir, SANDBOX_TODAY: '2026-11-25' };
    const recorder = await startChannelRecorder();
    const port = await freePort();
    const say = async (text: string, replies: number): Promise<string> => {
      const before = recorder.replies.length;
      const r = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify(emulatorMessage(recorder.url, 'conv-restart', text, 'li-na')),
      });
      expect(r.status).toBe(200);
      return (await recorder.waitFor(before + replies)).slice(before).map((x) => x.activity.text).join('\n');
    };

    let bot = await startBot(env, port);
    try {
      expect(await say('我还有几分', 2)).toContain('身份证号');
      expect(await say('320583198512240024', 1)).toContain('姓名');
      bot.kill('SIGKILL');
      await new Promise((r) => bot.once('exit', r));
      // Nothing answers any more: the state must come from disk, not from a survivor.
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();

      bot = await startBot(env, port);
      // The flow continues at the name question: the ID number entered before the crash was kept.
      expect(await say('李娜', 1)).toContain('138****5678');
    } finally {
      if (bot.exitCode === null) {
        bot.kill('SIGKILL');
        await new Promise((r) => bot.once('exit', r));
      }
      await recorder.close();
    }
  }, 90_000);

  it('stops cleanly on SIGTERM: exit code 0, and the next start finds its data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jiaoguan-sigterm-'));
    const port = await freePort();
    const bot = await startBot({ DATA_DIR: dataDir }, port);
    const exited = new Promise<number | null>((r) => bot.once('exit', (code) => r(code)));
    bot.kill('SIGTERM');
    expect(await exited).toBe(0);
    const again = await startBot({ DATA_DIR: dataDir }, port);
    const stopped = new Promise((r) => again.once('exit', r));
    again.kill('SIGTERM');
    await stopped;
  }, 90_000);
});
