import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../tools/faults/botProcess';
import { AgentClient } from '../handoff/agentClient';
import { startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import { runScript, type ScriptRun } from '../../support/runScript';

const PASSWORD = 'correct horse 12';
const NEW_PASSWORD = 'a new horse 5678';

/** `npm run agent -- …` as a second process (tsx, as the npm script runs it). */
function agentCommand(args: string[], env: Record<string, string>): Promise<ScriptRun> {
  return runScript('bot/cli/agent.ts', args, { env, captureAs: 'agent-cli' });
}

describe('npm run agent uses the server\'s store', () => {
  it('STORE=mongo with MongoDB unreachable: fails with the server\'s message, exits non-zero, writes no SQLite file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jiaoguan-cli-mongo-'));
    const port = await freePort();
    const r = await agentCommand(['create', 'wang.kefu', '--name', '王客服'], {
      STORE: 'mongo', MONGODB_URI: `mongodb://127.0.0.1:${port}/x`, DATA_DIR: dataDir, AGENT_PASSWORD: PASSWORD,
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`npm run agent: STORE=mongo: cannot connect to MongoDB at mongodb://127.0.0.1:${port}/x`);
    expect(r.stdout).not.toContain('created');
    expect(readdirSync(dataDir)).toEqual([]);
  }, 60_000);

  describe('with the server running on SQLite', () => {
    let t: WeChatTestApp;
    let env: Record<string, string>;
    beforeAll(async () => {
      t = await startWeChatApp();
      env = { DATA_DIR: t.app.config.dataDir };
      await t.app.agents.create({ username: 'wang.kefu', password: PASSWORD, displayName: '王客服', role: 'agent' });
    });
    afterAll(() => t.close());

    it('creates an account the server then knows', async () => {
      const r = await agentCommand(['create', 'li.kefu', '--name', '李客服'], { ...env, AGENT_PASSWORD: PASSWORD });
      expect(r).toMatchObject({ code: 0, stdout: 'created agent li.kefu (李客服)\n' });
      expect((await new AgentClient(t.base).login('li.kefu', PASSWORD)).status).toBe(200);
    }, 30_000);

    it('password: refuses a common one with the reason; a good one ends every session of the account at once', async () => {
      const first = new AgentClient(t.base);
      const second = new AgentClient(t.base);
      expect((await first.login('wang.kefu', PASSWORD)).status).toBe(200);
      expect((await second.login('wang.kefu', PASSWORD)).status).toBe(200);

      const weak = await agentCommand(['password', 'wang.kefu'], { ...env, AGENT_PASSWORD: '8888888888' });
      expect(weak.code).not.toBe(0);
      expect(weak.stderr).toContain('the password must not be one character or a short group of characters repeated');
      expect((await first.get('/api/agent/me')).status).toBe(200);

      const r = await agentCommand(['password', 'wang.kefu'], { ...env, AGENT_PASSWORD: NEW_PASSWORD });
      expect(r).toMatchObject({ code: 0, stdout: 'password changed for wang.kefu; 2 session(s) ended\n' });
      expect((await first.get('/api/agent/me')).status).toBe(401);
      expect((await second.get('/api/agent/me')).status).toBe(401);
      expect((await new AgentClient(t.base).login('wang.kefu', PASSWORD)).status).toBe(401);
      expect((await new AgentClient(t.base).login('wang.kefu', NEW_PASSWORD)).status).toBe(200);
    }, 60_000);

    it('disable ends the sessions at once; enable lets the agent in again', async () => {
      const li = new AgentClient(t.base);
      expect((await li.login('li.kefu', PASSWORD)).status).toBe(200);
      expect(await agentCommand(['disable', 'li.kefu'], env)).toMatchObject({ code: 0, stdout: 'disabled li.kefu\n' });
      expect((await li.get('/api/agent/me')).status).toBe(401);
      expect((await agentCommand(['list'], env)).stdout).toBe('li.kefu\t李客服\tagent\tdisabled\nwang.kefu\t王客服\tagent\n');
      expect(await agentCommand(['enable', 'li.kefu'], env)).toMatchObject({ code: 0, stdout: 'enabled li.kefu\n' });
      expect((await li.login('li.kefu', PASSWORD)).status).toBe(200);
    }, 60_000);
  });
});
