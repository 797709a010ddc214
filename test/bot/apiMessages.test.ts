import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualClock } from '../../integrations/clock';
import { compose, type App } from '../../bot/compose';
import { readConfig } from '../../bot/config';
import { capture } from '../support/capture';
import { testLogger } from '../support/captureLogger';
import { emulatorMessage, postActivity, startChannelRecorder } from './channelRecorder';


describe('POST /api/messages, the way the Bot Framework Emulator drives it', () => {
  let app: App;
  let base: string;
  let recorder: Awaited<ReturnType<typeof startChannelRecorder>>;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jiaoguan-http-'));
    app = compose(readConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), testLogger(), {
      clock: manualClock('2026-11-25T10:00:00+08:00'),
    });
    await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    recorder = await startChannelRecorder();
  });

  afterAll(async () => {
    app.server.close();
    await app.close();
    await recorder.close();
  });

  it('answers anonymously (no app id) through the serviceUrl, in the citizen language', async () => {
    expect((await postActivity(base, emulatorMessage(recorder.url, 'conv-1', '你好'))).status).toBe(200);
    const [reply] = await recorder.waitFor(1);
    expect(reply.path).toMatch(/^\/v3\/conversations\/conv-1\/activities\//);
    expect(reply.activity.text).toContain('我是交管助手');
    expect(reply.activity.suggestedActions?.actions.map((a) => a.title)).toContain('查违章');
  });

  it('runs a service end to end: points for 李娜 after binding, with the code from the sandbox SMS outbox', async () => {
    const conv = 'conv-points';
    const say = async (text: string, expectReplies: number) => {
      const before = recorder.replies.length;
      expect((await postActivity(base, emulatorMessage(recorder.url, conv, text, 'li-na'))).status).toBe(200);
      return (await recorder.waitFor(before + expectReplies)).slice(before).map((r) => r.activity.text ?? '');
    };
    expect((await say('我还有几分', 2)).join('\n')).toContain('身份证号');
    expect((await say('320583198512240024', 1)).join('\n')).toContain('姓名');
    expect((await say('李娜', 1)).join('\n')).toContain('138****5678');
    const sms = await (await fetch(`${base}/sandbox/sms?phone=13812345678`)).json() as { messages: Array<{ params: { code: string } }> };
    const replies = await say(sms.messages[0].params.code, 2);
    expect(replies.join('\n')).toContain('身份绑定成功');
    expect(replies.join('\n')).toMatch(/6/);
  });

  it('reports health and refuses a malformed sandbox SMS query with a clear message', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const r = await fetch(`${base}/sandbox/sms?phone=abc`);
    expect(r.status).toBe(400);
    const error = await r.text();
    capture('http-errors', `GET /sandbox/sms 400 ${error}`);
    expect(error).toContain('mainland mobile number');
  });
});

