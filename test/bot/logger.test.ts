import { Writable } from 'node:stream';
import { createLogger } from '../../bot/logger';
import { withLogContext } from '../../bot/logContext';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  return { lines, stream: new Writable({ write(chunk: Buffer, _enc, cb) { lines.push(chunk.toString('utf8')); cb(); } }) };
}

describe('logger', () => {
  it('never writes a full ID number, phone number or VIN, in the message or in any field', () => {
    const { lines, stream } = capture();
    const log = createLogger('info', stream);
    log.info({ user: { id: '320583198512240024', phone: '13812345678' }, vin: 'LSVAU2187N2123456', conversationId: 'c1' }, '绑定 11010519491231002X 13912345678');
    log.error({ err: new Error('payment for 320583198512240024 failed') }, 'turn failed');
    const all = lines.join('\n');
    for (const secret of ['320583198512240024', '13812345678', 'LSVAU2187N2123456', '11010519491231002X', '13912345678']) {
      expect(all).not.toContain(secret);
    }
    expect(all).toContain('110105********002X');
    expect(all).toContain('138****5678');
    expect(JSON.parse(lines[0])).toMatchObject({ conversationId: 'c1', service: 'jiaoguan-bot' });
  });

  it('names the conversation on every line written while handling it, across awaits, and only there', async () => {
    const { lines, stream } = capture();
    const log = createLogger('info', stream);
    log.info('starting');
    await Promise.all(['wechat:o_a', 'emulator:c_b'].map((conversationId) => withLogContext({ conversationId }, async () => {
      log.info('received');
      await new Promise((r) => setTimeout(r, 5));
      log.warn({ step: 2 }, 'after a wait');
    })));
    log.info('idle');
    const records = lines.map((l) => JSON.parse(l) as { msg: string; conversationId?: string });
    expect(records.map((r) => [r.msg, r.conversationId])).toEqual([
      ['starting', undefined],
      ['received', 'wechat:o_a'], ['received', 'emulator:c_b'],
      ['after a wait', 'wechat:o_a'], ['after a wait', 'emulator:c_b'],
      ['idle', undefined],
    ]);
  });
});
