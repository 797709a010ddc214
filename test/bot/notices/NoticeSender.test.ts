import Database from 'better-sqlite3';
import { SqliteNoticeStore } from '../../../integrations/storage/sqlite/SqliteNoticeStore';
import { WeChatApiError, type TemplateMessage, type WeChatApi } from '../../../integrations/wechat/types';
import { PlatformError } from '../../../integrations/platform/errors';
import type { TrafficPlatform } from '../../../integrations/platform/types';
import type { NoticeTopicDefinition } from '../../../dialogs/services/notices/NoticeTopic';
import { NoticeSender, type SendOutcome } from '../../../bot/notices/NoticeSender';
import { parseQuietHours } from '../../../bot/notices/quietHours';
import { testLogger } from '../../support/captureLogger';

const CITIZEN = 'wechat:o_sender';
/** 2026-12-02 10:00 China time. */
const T0 = Date.parse('2026-12-02T10:00:00+08:00');
const MIN = 60_000;

/** A topic as the engine sees one: renders its payload's text; still due unless the payload says it is not. */
const TOPIC: NoticeTopicDefinition = {
  id: 'new-violation',
  label: { 'zh-CN': '新违法', en: 'New violations' },
  description: { 'zh-CN': '', en: '' },
  template: { title: { 'zh-CN': '交通违法提醒', en: '' }, fields: [{ key: 'keyword1', label: { 'zh-CN': '号牌', en: 'Plate' } }] },
  stillDue: async (p) => p.gone !== true,
  render: (p) => ({ fields: { keyword1: String(p.text) }, action: '查违章' }),
};

function setup(opts: { dailyCap?: number; bound?: boolean; wechat?: (m: TemplateMessage) => Promise<void>; platformDown?: boolean } = {}) {
  const store = new SqliteNoticeStore(new Database(':memory:'));
  const sent: TemplateMessage[] = [];
  let now = T0;
  const wechat: WeChatApi = {
    sendCustomMessage: async () => undefined,
    sendTemplateMessage: async (_openid, m) => {
      await opts.wechat?.(m);
      sent.push(m);
      return { msgid: sent.length };
    },
  };
  const platform = {
    identity: {
      getBinding: async () => {
        if (opts.platformDown) throw new PlatformError('UNAVAILABLE', 'down');
        return opts.bound === false ? null : { channelUserId: CITIZEN, idNumber: '320102199003071239', name: '张伟', maskedPhone: '', boundAt: '' };
      },
    },
  } as unknown as TrafficPlatform;
  const outcomes: SendOutcome[] = [];
  const sender = new NoticeSender({
    store, platform, wechat, topics: [TOPIC], templates: { 'new-violation': 'tpl-v' }, linkUrl: '/chat/reply',
    quietHours: parseQuietHours('21:00-08:00') ?? null, dailyCap: opts.dailyCap ?? 5, now: () => now, logger: testLogger(),
    onOutcome: (_t, o) => outcomes.push(o),
  }, 'p1');
  const add = async (key: string, payload: Record<string, unknown> = {}, dueAt = T0) => {
    await store.enqueue({ key, citizen: CITIZEN, topic: 'new-violation', dueAt, payload: { text: key, until: T0 + 3 * 86_400_000, ...payload }, createdAt: T0 });
  };
  /** Claims what is due now and sends it, one by one. */
  const round = async (): Promise<SendOutcome[]> => {
    const out: SendOutcome[] = [];
    for (const job of await store.claim('p1', now, MIN, 50)) out.push(await sender.send(job));
    return out;
  };
  return { store, sent, outcomes, add, round, at: (t: number) => { now = t; } };
}

describe('NoticeSender: what a due notice becomes', () => {
  beforeEach(() => undefined);

  it('sends the rendered template with the job id as client_msg_id and the next step as the link', async () => {
    const s = setup();
    await s.store.setConsent({ citizen: CITIZEN, topic: 'new-violation', state: 'granted', updatedAt: T0 });
    await s.add('v1');
    expect(await s.round()).toEqual(['sent']);
    const job = await s.store.jobByKey('v1');
    expect(s.sent).toEqual([{ template_id: 'tpl-v', client_msg_id: job?.id, data: { keyword1: { value: 'v1' } }, url: `/chat/reply?say=${encodeURIComponent('查违章')}` }]);
    expect(job).toMatchObject({ status: 'sent', sentAt: T0 });
  });

  it.each([
    ['consent revoked since', { consent: 'revoked' }, 'skipped', 'consent revoked'],
    ['its moment passed', { payload: { until: T0 - 1 } }, 'skipped', 'its moment passed'],
    ['no longer true', { payload: { gone: true } }, 'skipped', 'no longer true'],
    ['the citizen unbound', { bound: false }, 'skipped', 'no longer bound'],
  ] as const)('%s: not sent, said why', async (_name, c, outcome, why) => {
    const s = setup({ bound: 'bound' in c ? c.bound : true });
    await s.store.setConsent({ citizen: CITIZEN, topic: 'new-violation', state: 'consent' in c ? c.consent : 'granted', updatedAt: T0 });
    await s.add('v1', 'payload' in c ? c.payload : {});
    expect(await s.round()).toEqual([outcome]);
    expect(s.sent).toEqual([]);
    expect(await s.store.jobByKey('v1')).toMatchObject({ status: 'skipped', lastError: why });
  });

  it('quiet hours: put back until 08:00 without counting an attempt', async () => {
    const s = setup();
    await s.store.setConsent({ citizen: CITIZEN, topic: 'new-violation', state: 'granted', updatedAt: T0 });
    const late = Date.parse('2026-12-02T22:30:00+08:00');
    await s.add('v1', {}, late);
    s.at(late);
    expect(await s.round()).toEqual(['deferred']);
    expect(await s.store.jobByKey('v1')).toMatchObject({ status: 'pending', attempts: 0, notBefore: Date.parse('2026-12-03T08:00:00+08:00') });
    s.at(Date.parse('2026-12-03T07:59:00+08:00'));
    expect(await s.round()).toEqual([]);
    s.at(Date.parse('2026-12-03T08:00:00+08:00'));
    expect(await s.round()).toEqual(['sent']);
  });

  it('the daily cap: the third of the day waits for the next morning', async () => {
    const s = setup({ dailyCap: 2 });
    await s.store.setConsent({ citizen: CITIZEN, topic: 'new-violation', state: 'granted', updatedAt: T0 });
    for (const [i, k] of ['v1', 'v2', 'v3'].entries()) await s.add(k, {}, T0 - 3 + i);
    expect(await s.round()).toEqual(['sent', 'sent', 'deferred']);
    expect(await s.store.jobByKey('v3')).toMatchObject({ status: 'pending', notBefore: Date.parse('2026-12-03T08:00:00+08:00') });
    s.at(Date.parse('2026-12-03T08:00:00+08:00'));
    expect(await s.round()).toEqual(['sent']);
  });

  it('WeChat busy or over quota, the platform down: retried with growing waits; given up after 5 attempts; others go on', async () => {
    let failing = true;
    const s = setup({ wechat: async (m) => { if (failing && m.data.keyword1.value === 'bad') throw new WeChatApiError(45009, 'api quota reached', false); } });
    await s.store.setConsent({ citizen: CITIZEN, topic: 'new-violation', state: 'granted', updatedAt: T0 });
    await s.add('bad', {}, T0 - 1);
    await s.add('good');
    expect(await s.round()).toEqual(['retry', 'sent']);
    const waits: number[] = [];
    let t = T0;
    for (let i = 0; i < 4; i += 1) {
      const job = await s.store.jobByKey('bad');
      waits.push((job?.notBefore ?? 0) - t);
      t = job?.notBefore ?? 0;
      s.at(t);
      await s.round();
    }
    expect(waits).toEqual([30_000, 120_000, 600_000, 3_600_000]);
    expect(await s.store.jobByKey('bad')).toMatchObject({ status: 'failed', attempts: 5, lastError: 'api quota reached' });
    expect(s.sent.map((m) => m.data.keyword1.value)).toEqual(['good']);
    failing = false;
  });

  it('a template WeChat rejects (47003) fails at once: retrying cannot help', async () => {
    const s = setup({ wechat: async () => { throw new WeChatApiError(47003, 'argument invalid! data.keyword1 is missing', false); } });
    await s.store.setConsent({ citizen: CITIZEN, topic: 'new-violation', state: 'granted', updatedAt: T0 });
    await s.add('v1');
    expect(await s.round()).toEqual(['failed']);
    expect((await s.store.failedJobs(5)).map((j) => j.key)).toEqual(['v1']);
  });

  it.each([[43004, 'not following'], [43019, 'blocked the account'], [43101, 'refused the messages']])(
    'WeChat %s (%s): the citizen\'s refusal is recorded, the notice skipped, nothing retried', async (code) => {
      const s = setup({ wechat: async () => { throw new WeChatApiError(code, `refused ${code}`, false); } });
      await s.store.setConsent({ citizen: CITIZEN, topic: 'new-violation', state: 'granted', updatedAt: T0 });
      await s.add('v1');
      expect(await s.round()).toEqual(['refused']);
      expect(await s.store.consent(CITIZEN, 'new-violation')).toMatchObject({ state: 'refused', reason: String(code) });
      expect(await s.store.jobByKey('v1')).toMatchObject({ status: 'skipped', attempts: 1 });
    },
  );

  it('the platform down while checking: retried later, not lost', async () => {
    const s = setup({ platformDown: true });
    await s.store.setConsent({ citizen: CITIZEN, topic: 'new-violation', state: 'granted', updatedAt: T0 });
    await s.add('v1');
    expect(await s.round()).toEqual(['retry']);
    expect(await s.store.jobByKey('v1')).toMatchObject({ status: 'pending', notBefore: T0 + 30_000 });
  });
});
