import type { NewNotice, NoticeJob, NoticeStore } from '../../../../integrations/storage/notices';
import { T0, useSubject, type PortFactory } from './portContract';

const MIN = 60_000;
const LEASE = 5 * MIN;

function notice(key: string, overrides: Partial<NewNotice> = {}): NewNotice {
  return {
    key, citizen: 'wechat:o-zhangwei', topic: 'exam-reminder', dueAt: T0, createdAt: T0 - 60 * MIN,
    payload: { subject: '科目二', date: '2100-01-02', session: '08:30-10:30', centre: '苏州市驾驶人考试中心', items: ['身份证'] },
    ...overrides,
  };
}

/** What every NoticeStore adapter must do: consent per citizen and topic; jobs once per key, claimed with a lease, fenced by its owner; feed cursors. */
export function runNoticeStoreContract(name: string, make: PortFactory<NoticeStore>): void {
  describe(`NoticeStore contract: ${name}`, () => {
    const subject = useSubject(make);
    const store = (): NoticeStore => subject().store;

    /** Enqueues and returns the job as stored. */
    async function enqueued(n: NewNotice): Promise<NoticeJob> {
      const { id } = await store().enqueue(n);
      return (await store().job(id)) as NoticeJob;
    }

    describe('consent', () => {
      it('starts empty', async () => {
        expect(await store().consents('wechat:o1')).toEqual([]);
        expect(await store().consent('wechat:o1', 'exam-reminder')).toBeUndefined();
        expect(await store().grantedFor('exam-reminder', 10)).toEqual([]);
      });

      it('records consent per citizen and topic, replaced by the next answer, listed in topic order', async () => {
        await store().setConsent({ citizen: 'wechat:o1', topic: 'fine-deadline', state: 'granted', updatedAt: T0 });
        await store().setConsent({ citizen: 'wechat:o1', topic: 'exam-reminder', state: 'granted', updatedAt: T0 + 1 });
        await store().setConsent({ citizen: 'wechat:o2', topic: 'exam-reminder', state: 'granted', updatedAt: T0 + 2 });
        await store().setConsent({ citizen: 'wechat:o1', topic: 'exam-reminder', state: 'refused', reason: '43101', updatedAt: T0 + 3 });
        expect(await store().consents('wechat:o1')).toEqual([
          { citizen: 'wechat:o1', topic: 'exam-reminder', state: 'refused', reason: '43101', updatedAt: T0 + 3 },
          { citizen: 'wechat:o1', topic: 'fine-deadline', state: 'granted', updatedAt: T0 },
        ]);
        await store().setConsent({ citizen: 'wechat:o1', topic: 'exam-reminder', state: 'granted', updatedAt: T0 + 4 });
        const again = await store().consent('wechat:o1', 'exam-reminder');
        expect(again).toEqual({ citizen: 'wechat:o1', topic: 'exam-reminder', state: 'granted', updatedAt: T0 + 4 });
        expect(again?.reason).toBeUndefined();
        expect(await store().consent('wechat:o2', 'exam-reminder')).toEqual({ citizen: 'wechat:o2', topic: 'exam-reminder', state: 'granted', updatedAt: T0 + 2 });
        expect(await store().consent('wechat:o2', 'fine-deadline')).toBeUndefined();
      });

      it('lists citizens who granted a topic in citizen order, paged, leaving out revoked, refused and other topics', async () => {
        const states: Array<[string, 'granted' | 'revoked' | 'refused']> = [
          ['wechat:o5', 'granted'], ['wechat:o1', 'granted'], ['wechat:o3', 'revoked'], ['wechat:o2', 'granted'], ['wechat:o4', 'refused'], ['wechat:o6', 'granted'],
        ];
        for (const [citizen, state] of states) await store().setConsent({ citizen, topic: 'exam-reminder', state, updatedAt: T0 });
        await store().setConsent({ citizen: 'wechat:o7', topic: 'fine-deadline', state: 'granted', updatedAt: T0 });
        expect(await store().grantedFor('exam-reminder', 10)).toEqual(['wechat:o1', 'wechat:o2', 'wechat:o5', 'wechat:o6']);
        expect(await store().grantedFor('exam-reminder', 2)).toEqual(['wechat:o1', 'wechat:o2']);
        expect(await store().grantedFor('exam-reminder', 2, 'wechat:o2')).toEqual(['wechat:o5', 'wechat:o6']);
        expect(await store().grantedFor('exam-reminder', 2, 'wechat:o6')).toEqual([]);
        expect(await store().grantedFor('fine-deadline', 10)).toEqual(['wechat:o7']);
      });
    });

    describe('jobs', () => {
      it('creates a job once per key: the second enqueue says created false and gives the same id, changing nothing', async () => {
        const first = await store().enqueue(notice('exam-reminder:b1'));
        expect(first).toEqual({ created: true, id: expect.any(String) });
        const second = await store().enqueue(notice('exam-reminder:b1', { dueAt: T0 + 99, payload: { other: true } }));
        expect(second).toEqual({ created: false, id: first.id });
        const job = await store().job(first.id);
        expect(job).toEqual({
          id: first.id, key: 'exam-reminder:b1', citizen: 'wechat:o-zhangwei', topic: 'exam-reminder', dueAt: T0, payload: notice('x').payload,
          status: 'pending', attempts: 0, createdAt: T0 - 60 * MIN,
        });
        expect(await store().jobByKey('exam-reminder:b1')).toEqual(job);
        expect(await store().jobByKey('nope')).toBeUndefined();
        expect(await store().job('nope')).toBeUndefined();
      });

      it('gives one id to concurrent enqueues of one key', async () => {
        const results = await Promise.all(Array.from({ length: 5 }, () => store().enqueue(notice('exam-reminder:b1'))));
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(new Set(results.map((r) => r.id)).size).toBe(1);
      });

      it('claims only due, pending jobs, oldest due first, each leased to the owner with attempts + 1', async () => {
        const later = await enqueued(notice('k-later', { dueAt: T0 + 2 * MIN }));
        const second = await enqueued(notice('k-second', { dueAt: T0 - MIN }));
        const first = await enqueued(notice('k-first', { dueAt: T0 - 2 * MIN }));
        const claimed = await store().claim('p1', T0, LEASE, 10);
        expect(claimed.map((j) => j.key)).toEqual(['k-first', 'k-second']);
        expect(claimed[0]).toEqual({ ...first, status: 'sending', attempts: 1, leaseOwner: 'p1', leaseUntil: T0 + LEASE });
        expect(await store().job(second.id)).toEqual(claimed[1]);
        expect(await store().job(later.id)).toEqual(later);
        expect(await store().claim('p2', T0, LEASE, 10)).toEqual([]);
        expect((await store().claim('p2', T0 + 2 * MIN, LEASE, 10)).map((j) => j.key)).toEqual(['k-later']);
      });

      it('claims no more than the limit, the oldest due', async () => {
        for (let i = 0; i < 5; i += 1) await store().enqueue(notice(`k${i}`, { dueAt: T0 - i * MIN }));
        expect((await store().claim('p1', T0, LEASE, 2)).map((j) => j.key)).toEqual(['k4', 'k3']);
        expect((await store().claim('p1', T0, LEASE, 0))).toEqual([]);
        expect((await store().claim('p1', T0, LEASE, 5)).map((j) => j.key)).toEqual(['k2', 'k1', 'k0']);
      });

      it('takes back a job whose lease expired (its process died), with attempts + 1, and leaves a live lease alone', async () => {
        const job = await enqueued(notice('k1'));
        await store().claim('p1', T0, LEASE, 10);
        expect(await store().claim('p2', T0 + LEASE - 1, LEASE, 10)).toEqual([]);
        const taken = await store().claim('p2', T0 + LEASE, LEASE, 10);
        expect(taken).toEqual([{ ...job, status: 'sending', attempts: 2, leaseOwner: 'p2', leaseUntil: T0 + 2 * LEASE }]);
      });

      it('fences a stale owner: its markFailed and markSkipped answer false and change nothing', async () => {
        const job = await enqueued(notice('k1'));
        await store().claim('p1', T0, LEASE, 10);
        const [held] = await store().claim('p2', T0 + LEASE, LEASE, 10);
        expect(await store().markFailed(job.id, 'p1', 'errcode 45009', T0 + 2 * LEASE)).toBe(false);
        expect(await store().markSkipped(job.id, 'p1', 'consent revoked')).toBe(false);
        expect(await store().job(job.id)).toEqual(held);
        expect(await store().markSent(job.id, 'p2', T0 + LEASE + 1)).toBe(true);
        expect(await store().markSent(job.id, 'p2', T0 + LEASE + 2)).toBe(false);
        expect(await store().markFailed('nope', 'p2', 'x')).toBe(false);
      });

      it('records a delivery whoever holds the job now (WeChat accepted it): a stale owner\'s markSent, and over a deferral', async () => {
        const job = await enqueued(notice('k1'));
        await store().claim('p1', T0, LEASE, 10);
        await store().claim('p2', T0 + LEASE, LEASE, 10);
        // p1's send was under way when its lease ran out: WeChat took it. p2 must not send it again later.
        expect(await store().markSent(job.id, 'p1', T0 + LEASE + 1)).toBe(true);
        expect(await store().job(job.id)).toMatchObject({ status: 'sent', sentAt: T0 + LEASE + 1 });
        expect(await store().defer(job.id, 'p2', T0 + 60 * MIN, 'quiet hours')).toBe(false);
        expect(await store().claim('p3', T0 + 100 * LEASE, LEASE, 10)).toEqual([]);

        const other = await enqueued(notice('k2'));
        await store().claim('p1', T0, LEASE, 10);
        await store().claim('p2', T0 + LEASE, LEASE, 10);
        expect(await store().defer(other.id, 'p2', T0 + 60 * MIN, 'quiet hours')).toBe(true);
        expect(await store().markSent(other.id, 'p1', T0 + LEASE + 2)).toBe(true);
        expect(await store().job(other.id)).toMatchObject({ status: 'sent', notBefore: undefined });
        expect(await store().claim('p3', T0 + 100 * MIN, LEASE, 10)).toEqual([]);
      });

      it('leases run on their own clock (real time) while what is due follows the bot\'s clock (the demo\'s jumps days)', async () => {
        const job = await enqueued(notice('k1'));
        const REAL = 5_000_000;
        const [mine] = await store().claim('p1', T0, LEASE, 10, REAL);
        expect(mine.leaseUntil).toBe(REAL + LEASE);
        // The demo's clock jumped a day: the lease is still held (real time moved 1 s).
        expect(await store().claim('p2', T0 + 24 * 60 * MIN, LEASE, 10, REAL + 1_000)).toEqual([]);
        const [taken] = await store().claim('p2', T0 + 24 * 60 * MIN, LEASE, 10, REAL + LEASE);
        expect(taken).toMatchObject({ id: job.id, leaseOwner: 'p2', attempts: 2 });
      });

      it('marks a job sent by its owner (sentAt, lease released) and never claims it again', async () => {
        const job = await enqueued(notice('k1'));
        await store().claim('p1', T0, LEASE, 10);
        expect(await store().markSent(job.id, 'p1', T0 + 1_000)).toBe(true);
        expect(await store().job(job.id)).toEqual({ ...job, status: 'sent', attempts: 1, sentAt: T0 + 1_000 });
        expect(await store().claim('p2', T0 + 10 * LEASE, LEASE, 10)).toEqual([]);
        expect(await store().markFailed(job.id, 'p1', 'late')).toBe(false);
      });

      it('puts a failed attempt with retryAt back to pending, claimable only from retryAt', async () => {
        const job = await enqueued(notice('k1'));
        await store().claim('p1', T0, LEASE, 10);
        expect(await store().markFailed(job.id, 'p1', 'errcode -1 system busy', T0 + 2 * MIN)).toBe(true);
        expect(await store().job(job.id)).toEqual({ ...job, status: 'pending', attempts: 1, notBefore: T0 + 2 * MIN, lastError: 'errcode -1 system busy' });
        expect(await store().claim('p1', T0 + 2 * MIN - 1, LEASE, 10)).toEqual([]);
        const [again] = await store().claim('p2', T0 + 2 * MIN, LEASE, 10);
        expect(again).toMatchObject({ id: job.id, status: 'sending', attempts: 2, leaseOwner: 'p2', leaseUntil: T0 + 2 * MIN + LEASE });
      });

      it('does not claim a job before its notBefore even when it is due', async () => {
        const job = await enqueued(notice('k1', { dueAt: T0 - 10 * MIN }));
        await store().claim('p1', T0 - 10 * MIN, LEASE, 10);
        await store().markFailed(job.id, 'p1', 'timeout', T0 + MIN);
        expect(await store().claim('p1', T0, LEASE, 10)).toEqual([]);
        expect(await store().claim('p1', T0 + MIN, LEASE, 10)).toHaveLength(1);
      });

      it('marks a failed attempt without retryAt failed for good', async () => {
        const job = await enqueued(notice('k1'));
        await store().claim('p1', T0, LEASE, 10);
        expect(await store().markFailed(job.id, 'p1', 'errcode 40003 invalid openid')).toBe(true);
        expect(await store().job(job.id)).toEqual({ ...job, status: 'failed', attempts: 1, lastError: 'errcode 40003 invalid openid' });
        expect(await store().claim('p1', T0 + 100 * LEASE, LEASE, 10)).toEqual([]);
      });

      it('marks a job skipped with its reason, never claimed again', async () => {
        const job = await enqueued(notice('k1'));
        await store().claim('p1', T0, LEASE, 10);
        expect(await store().markSkipped(job.id, 'p1', 'consent revoked')).toBe(true);
        expect(await store().job(job.id)).toEqual({ ...job, status: 'skipped', attempts: 1, lastError: 'consent revoked' });
        expect(await store().claim('p1', T0 + 100 * LEASE, LEASE, 10)).toEqual([]);
      });

      it('defers a job by its holder without counting the attempt: pending, claimable again only from notBefore, with the note', async () => {
        const job = await enqueued(notice('k1'));
        await store().claim('p1', T0, LEASE, 10);
        expect(await store().defer(job.id, 'p1', T0 + 11 * 60 * MIN, 'quiet hours')).toBe(true);
        expect(await store().job(job.id)).toEqual({ ...job, status: 'pending', attempts: 0, notBefore: T0 + 11 * 60 * MIN, lastError: 'quiet hours' });
        expect(await store().claim('p2', T0 + 11 * 60 * MIN - 1, LEASE, 10)).toEqual([]);
        const [again] = await store().claim('p2', T0 + 11 * 60 * MIN, LEASE, 10);
        expect(again).toMatchObject({ id: job.id, status: 'sending', attempts: 1, leaseOwner: 'p2' });
      });

      it('keeps the attempts of earlier failures when a retried job is deferred', async () => {
        const job = await enqueued(notice('k1'));
        await store().claim('p1', T0, LEASE, 10);
        await store().markFailed(job.id, 'p1', 'errcode -1 system busy', T0 + MIN);
        await store().claim('p1', T0 + MIN, LEASE, 10);
        expect(await store().defer(job.id, 'p1', T0 + 24 * 60 * MIN, 'daily cap')).toBe(true);
        expect(await store().job(job.id)).toEqual({ ...job, status: 'pending', attempts: 1, notBefore: T0 + 24 * 60 * MIN, lastError: 'daily cap' });
      });

      it('refuses a defer by anyone but the holder (stale owner, never claimed, done): false, nothing changed', async () => {
        const job = await enqueued(notice('k1'));
        expect(await store().defer(job.id, 'p1', T0 + MIN, 'quiet hours')).toBe(false);
        expect(await store().job(job.id)).toEqual(job);
        await store().claim('p1', T0, LEASE, 10);
        const [held] = await store().claim('p2', T0 + LEASE, LEASE, 10);
        expect(await store().defer(job.id, 'p1', T0 + 2 * LEASE, 'quiet hours')).toBe(false);
        expect(await store().job(job.id)).toEqual(held);
        expect(await store().markSent(job.id, 'p2', T0 + LEASE + 1)).toBe(true);
        expect(await store().defer(job.id, 'p2', T0 + 2 * LEASE, 'quiet hours')).toBe(false);
        expect(await store().job(job.id)).toMatchObject({ status: 'sent', attempts: 2 });
        expect(await store().defer('nope', 'p2', T0, 'x')).toBe(false);
      });

      it('counts jobs by topic and status', async () => {
        expect(await store().counts()).toEqual([]);
        const a = await enqueued(notice('a', { topic: 'exam-reminder' }));
        const b = await enqueued(notice('b', { topic: 'exam-reminder' }));
        await store().enqueue(notice('c', { topic: 'exam-reminder', dueAt: T0 + 10 * MIN }));
        const d = await enqueued(notice('d', { topic: 'fine-deadline' }));
        await store().claim('p1', T0, LEASE, 10);
        await store().markSent(a.id, 'p1', T0);
        await store().markSent(b.id, 'p1', T0);
        await store().markFailed(d.id, 'p1', 'x');
        const order = (c: { topic: string; status: string }): string => `${c.topic}/${c.status}`;
        expect([...(await store().counts())].sort((x, y) => order(x).localeCompare(order(y)))).toEqual([
          { topic: 'exam-reminder', status: 'pending', n: 1 },
          { topic: 'exam-reminder', status: 'sent', n: 2 },
          { topic: 'fine-deadline', status: 'failed', n: 1 },
        ]);
      });

      it("counts a citizen's notices sent since a time (the daily cap), not others' nor unsent ones", async () => {
        const ids: string[] = [];
        for (let i = 0; i < 4; i += 1) ids.push((await store().enqueue(notice(`k${i}`, { dueAt: T0 - i }))).id);
        const other = await store().enqueue(notice('other', { citizen: 'wechat:o-other' }));
        await store().enqueue(notice('not-yet', { dueAt: T0 + MIN }));
        await store().claim('p1', T0, LEASE, 10);
        await store().markSent(ids[0], 'p1', T0 - 10 * MIN);
        await store().markSent(ids[1], 'p1', T0);
        await store().markSent(ids[2], 'p1', T0 + MIN);
        await store().markFailed(ids[3], 'p1', 'x');
        await store().markSent(other.id, 'p1', T0 + MIN);
        expect(await store().sentSince('wechat:o-zhangwei', T0)).toBe(2);
        expect(await store().sentSince('wechat:o-zhangwei', T0 - 60 * MIN)).toBe(3);
        expect(await store().sentSince('wechat:o-zhangwei', T0 + 2 * MIN)).toBe(0);
        expect(await store().sentSince('wechat:o-nobody', 0)).toBe(0);
      });

      it("lists a citizen's jobs newest due first, up to the limit", async () => {
        await store().enqueue(notice('mid', { dueAt: T0 }));
        await store().enqueue(notice('old', { dueAt: T0 - MIN }));
        await store().enqueue(notice('new', { dueAt: T0 + MIN }));
        await store().enqueue(notice('else', { citizen: 'wechat:o-other', dueAt: T0 + 2 * MIN }));
        expect((await store().jobsOf('wechat:o-zhangwei', 10)).map((j) => j.key)).toEqual(['new', 'mid', 'old']);
        expect((await store().jobsOf('wechat:o-zhangwei', 2)).map((j) => j.key)).toEqual(['new', 'mid']);
        expect(await store().jobsOf('wechat:o-nobody', 10)).toEqual([]);
      });

      it('lists the jobs that failed for good, newest due first, and no others', async () => {
        const a = await store().enqueue(notice('failed-old', { dueAt: T0 - MIN }));
        const b = await store().enqueue(notice('failed-new', { dueAt: T0 }));
        const c = await store().enqueue(notice('retrying', { dueAt: T0 }));
        await store().claim('p1', T0, LEASE, 10);
        await store().markFailed(a.id, 'p1', 'template invalid');
        await store().markFailed(b.id, 'p1', 'template invalid');
        await store().markFailed(c.id, 'p1', 'busy', T0 + MIN);
        expect((await store().failedJobs(10)).map((j) => [j.key, j.lastError])).toEqual([['failed-new', 'template invalid'], ['failed-old', 'template invalid']]);
        expect((await store().failedJobs(1)).map((j) => j.key)).toEqual(['failed-new']);
      });

      it('restores a job exactly as it was, once per key', async () => {
        const sending: NoticeJob = {
          id: 'job-1', key: 'exam-reminder:b1', citizen: 'wechat:o1', topic: 'exam-reminder', dueAt: T0, payload: { a: [1, '二'] }, status: 'sending',
          attempts: 3, leaseOwner: 'p9', leaseUntil: T0 + LEASE, notBefore: T0 - MIN, lastError: 'errcode -1', createdAt: T0 - MIN,
        };
        const sent: NoticeJob = { id: 'job-2', key: 'k2', citizen: 'wechat:o1', topic: 'fine-deadline', dueAt: T0, payload: {}, status: 'sent', attempts: 1, createdAt: T0, sentAt: T0 + 5 };
        expect(await store().restore(sending)).toBe(true);
        expect(await store().restore(sent)).toBe(true);
        expect(await store().job('job-1')).toEqual(sending);
        expect(await store().job('job-2')).toEqual(sent);
        expect(await store().restore({ ...sent, id: 'job-3' })).toBe(false);
        expect(await store().enqueue(notice('k2'))).toEqual({ created: false, id: 'job-2' });
        expect(await store().claim('p1', T0 + LEASE, LEASE, 10)).toEqual([{ ...sending, attempts: 4, leaseOwner: 'p1', leaseUntil: T0 + 2 * LEASE }]);
      });
    });

    describe('feed cursors', () => {
      it('has no cursor before the first save', async () => {
        expect(await store().cursor('platform-events')).toBeUndefined();
      });

      it('reads back the saved cursor, replaced by the next save, one per reader name', async () => {
        await store().saveCursor('platform-events', 'evt-0041', T0);
        expect(await store().cursor('platform-events')).toBe('evt-0041');
        await store().saveCursor('platform-events', 'evt-0057', T0 + MIN);
        await store().saveCursor('other-feed', '2026-12-01T09:00:00+08:00', T0 + MIN);
        expect(await store().cursor('platform-events')).toBe('evt-0057');
        expect(await store().cursor('other-feed')).toBe('2026-12-01T09:00:00+08:00');
      });
    });

    describe('concurrency', () => {
      it('never hands one job to two claimers: concurrent claims of two owners over 50 due jobs take each exactly once', async () => {
        for (let i = 0; i < 50; i += 1) await store().enqueue(notice(`k${String(i).padStart(2, '0')}`, { dueAt: T0 - i }));
        const rounds = await Promise.all(Array.from({ length: 20 }, (_, i) => store().claim(i % 2 === 0 ? 'p1' : 'p2', T0, LEASE, 4)));
        const ids = rounds.flat().map((j) => j.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(50);
        for (const job of rounds.flat()) expect(job).toMatchObject({ status: 'sending', attempts: 1 });
        expect(await store().claim('p3', T0, LEASE, 100)).toEqual([]);
      });
    });
  });
}
