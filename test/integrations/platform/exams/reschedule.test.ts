import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { manualClock } from '../../../../integrations/clock';
import { PlatformError } from '../../../../integrations/platform/errors';
import { EXAM_PORT } from '../../../../integrations/platform/exams/port';
import type { ExamSession, ExamsPort } from '../../../../integrations/platform/exams/types';
import { HttpPlatform } from '../../../../integrations/platform/http/HttpPlatform';
import openapi from '../../../../integrations/platform/openapi.json';
import { createSandboxHttpServer } from '../../../../integrations/platform/sandbox/httpServer';
import { SandboxAdmin } from '../../../../integrations/platform/sandbox/SandboxAdmin';
import { SandboxPlatform } from '../../../../integrations/platform/sandbox/SandboxPlatform';
import { addLearner, expectCode, LI_NA, openFile, sandbox, tempDir, TODAY, ZHANG_WEI } from '../fixtures';
import type { ManualClock } from '../fixtures';

/** The exams port under test (the sandbox object, or the HTTP client against the sandbox server) and the world behind it. */
interface Target {
  exams: ExamsPort;
  platform: SandboxPlatform;
  admin: SandboxAdmin;
  clock: ManualClock;
  url: string | null;
  close: () => Promise<void>;
}

const TARGETS: Array<[string, () => Promise<Target>]> = [
  ['the sandbox', async () => {
    const { db, clock, platform, admin } = sandbox();
    return { exams: platform.exams, platform, admin, clock, url: null, close: async () => { db.close(); } };
  }],
  ['the HTTP client against the sandbox server', async () => {
    const { db, clock, platform, admin } = sandbox();
    const server = createSandboxHttpServer(platform, { admin });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      exams: new HttpPlatform({ baseUrl: url, timeoutMs: 2000 }).exams, platform, admin, clock, url,
      close: async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        db.close();
      },
    };
  }],
];

const Z = ZHANG_WEI.idNumber;

describe.each(TARGETS)('rescheduling a 科目二 booking through %s (clock: 2026-11-25)', (_name, open) => {
  let t: Target;
  beforeEach(async () => { t = await open(); });
  afterEach(async () => { await t.close(); });

  /** Seats left in a 科目二 slot at nj-2. */
  const seats = async (date: string, session: ExamSession): Promise<number | undefined> =>
    (await t.platform.exams.listSlots(2, date, 1)).find((s) => s.session === session)?.remaining;
  const statuses = async (id: string): Promise<string[]> =>
    (await t.exams.listBookings(id)).map((b) => `${b.date} ${b.session} ${b.status}`);

  it('moves the booking: the new slot is booked, the old one cancelled, and each slot counts its seat', async () => {
    const old = await t.exams.book(Z, 2, 'nj-2', '2026-11-30', 'morning', 'b1');
    const moved = await t.exams.reschedule(Z, old.bookingId, 'nj-2', '2026-12-01', 'afternoon', 'r1');
    expect(moved.booked).toMatchObject({
      subject: 2, centreId: 'nj-2', centreName: '南京市交管局第二考场', date: '2026-12-01', session: 'afternoon', status: 'booked',
      cancellableUntil: '2026-11-30T16:00:00.000Z',
    });
    expect(moved.booked.bookingId).not.toBe(old.bookingId);
    expect(moved.cancelled).toEqual({ ...old, status: 'cancelled' });
    expect(await statuses(Z)).toEqual(['2026-11-30 morning cancelled', '2026-12-01 afternoon booked']);
    expect(await seats('2026-11-30', 'morning')).toBe(20);
    expect(await seats('2026-12-01', 'afternoon')).toBe(19);
    // Another session of the same day is another slot, too.
    const again = await t.exams.reschedule(Z, moved.booked.bookingId, 'nj-2', '2026-12-01', 'morning', 'r2');
    expect(again.booked).toMatchObject({ date: '2026-12-01', session: 'morning', status: 'booked' });
    expect([await seats('2026-12-01', 'afternoon'), await seats('2026-12-01', 'morning')]).toEqual([20, 19]);
  });

  it('a full slot leaves the old booking untouched (SLOT_FULL)', async () => {
    const old = await t.exams.book(Z, 2, 'nj-2', '2026-11-30', 'morning', 'b1');
    for (let i = 0; i < 20; i += 1) {
      await t.platform.exams.book(addLearner(t.admin, 200 + i, { passedUpTo: 1 }), 2, 'nj-2', '2026-12-01', 'afternoon', `fill-${i}`);
    }
    const full = await expectCode(t.exams.reschedule(Z, old.bookingId, 'nj-2', '2026-12-01', 'afternoon', 'r1'), 'SLOT_FULL');
    expect(full.details).toMatchObject({ centreId: 'nj-2', date: '2026-12-01', session: 'afternoon' });
    expect(await t.exams.listBookings(Z)).toEqual([old]);
    expect([await seats('2026-11-30', 'morning'), await seats('2026-12-01', 'afternoon')]).toEqual([19, 0]);
    // A slot with room still works.
    await t.exams.reschedule(Z, old.bookingId, 'nj-2', '2026-12-01', 'morning', 'r2');
    expect(await statuses(Z)).toEqual(['2026-11-30 morning cancelled', '2026-12-01 morning booked']);
  });

  it.each([
    ['2026-11-29T23:59:59+08:00', 'ok'],
    ['2026-11-30T00:00:00+08:00', 'CANCEL_TOO_LATE'],
    ['2026-11-30T09:00:00+08:00', 'CANCEL_TOO_LATE'],
  ])('at %s (exam 2026-11-30): %s — too late to cancel is too late to move', async (at, expected) => {
    const old = await t.exams.book(Z, 2, 'nj-2', '2026-11-30', 'morning', 'b1');
    t.clock.set(at);
    if (expected === 'ok') {
      expect((await t.exams.reschedule(Z, old.bookingId, 'nj-2', '2026-12-02', 'morning', 'r1')).cancelled.status).toBe('cancelled');
      return;
    }
    const late = await expectCode(t.exams.reschedule(Z, old.bookingId, 'nj-2', '2026-12-02', 'morning', 'r1'), 'CANCEL_TOO_LATE');
    expect(late.details).toMatchObject({
      deadline: '2026-11-29T16:00:00.000Z', lastCancelDate: '2026-11-29', examDate: '2026-11-30', reason: 'reschedule',
    });
    expect(await t.exams.listBookings(Z)).toEqual([old]);
    expect(await seats('2026-12-02', 'morning')).toBe(20); // (the exam day's own slot is no longer listed)
  });

  it('a replay with the same key answers the first result and does not move again; other arguments are a conflict', async () => {
    const old = await t.exams.book(Z, 2, 'nj-2', '2026-11-30', 'morning', 'b1');
    const first = await t.exams.reschedule(Z, old.bookingId, 'nj-2', '2026-12-01', 'afternoon', 'same');
    expect(await t.exams.reschedule(Z, old.bookingId, 'nj-2', '2026-12-01', 'afternoon', 'same')).toEqual(first);
    expect(await statuses(Z)).toEqual(['2026-11-30 morning cancelled', '2026-12-01 afternoon booked']);
    expect([await seats('2026-11-30', 'morning'), await seats('2026-12-01', 'afternoon')]).toEqual([20, 19]);
    await expectCode(t.exams.reschedule(Z, old.bookingId, 'nj-2', '2026-12-02', 'afternoon', 'same'), 'IDEMPOTENCY_CONFLICT');
    // A new key for the old (now cancelled) booking: there is nothing to move.
    await expectCode(t.exams.reschedule(Z, old.bookingId, 'nj-2', '2026-12-02', 'afternoon', 'other'), 'NOT_FOUND');
  });

  it("another citizen's booking, an unknown one and a cancelled one are NOT_FOUND; nothing changes", async () => {
    const old = await t.exams.book(Z, 2, 'nj-2', '2026-11-30', 'morning', 'b1');
    const notHers = await expectCode(t.exams.reschedule(LI_NA.idNumber, old.bookingId, 'nj-2', '2026-12-01', 'morning', 'r1'), 'NOT_FOUND');
    expect(notHers.details).toMatchObject({ entity: 'booking' });
    await expectCode(t.exams.reschedule(Z, 'EB99999999', 'nj-2', '2026-12-01', 'morning', 'r2'), 'NOT_FOUND');
    expect(await t.exams.listBookings(Z)).toEqual([old]);
    expect(await t.exams.listBookings(LI_NA.idNumber)).toEqual([]);
    await t.exams.cancel(Z, old.bookingId);
    await expectCode(t.exams.reschedule(Z, old.bookingId, 'nj-2', '2026-12-01', 'morning', 'r3'), 'NOT_FOUND');
  });

  it('the slot it already has is SAME_SLOT; the rules of booking still apply to the new slot; nothing changes', async () => {
    const old = await t.exams.book(Z, 2, 'nj-2', '2026-12-01', 'morning', 'b1');
    const same = await expectCode(t.exams.reschedule(Z, old.bookingId, 'nj-2', '2026-12-01', 'morning', 'r1'), 'SAME_SLOT');
    expect(same.retryable).toBe(false);
    const early = await expectCode(t.exams.reschedule(Z, old.bookingId, 'nj-2', '2026-11-27', 'morning', 'r2'), 'PERMIT_TOO_NEW');
    expect(early.details).toMatchObject({ earliestDate: '2026-11-30' });
    await expectCode(t.exams.reschedule(Z, old.bookingId, 'nj-2', '2026-12-05', 'morning', 'r3'), 'NOT_WORKING_DAY');
    await expectCode(t.exams.reschedule(Z, old.bookingId, 'nj-1', '2026-12-02', 'morning', 'r4'), 'CENTRE_SUBJECT_MISMATCH');
    await expectCode(t.exams.reschedule(Z, old.bookingId, 'nj-9', '2026-12-02', 'morning', 'r5'), 'NOT_FOUND');
    await expectCode(t.exams.reschedule(Z, old.bookingId, 'nj-2', '2026-12-02', 'evening' as ExamSession, 'r6'), 'INVALID_ARGUMENT');
    expect(await t.exams.listBookings(Z)).toEqual([old]);
    expect(await seats('2026-12-01', 'morning')).toBe(19);
  });

  it('eligibility with replacing: the booking being replaced does not block, any other rule or booking does', async () => {
    expect((await t.exams.eligibility(Z, 2, '2026-12-02', 'EB00000001')).eligible).toBe(true); // nothing booked: no effect
    const old = await t.exams.book(Z, 2, 'nj-2', '2026-11-30', 'morning', 'b1');
    const blocked = await t.exams.eligibility(Z, 2, '2026-12-02');
    expect(blocked.reason).toMatchObject({ code: 'ALREADY_BOOKED', details: { bookingId: old.bookingId, bookedDate: '2026-11-30' } });
    expect(await t.exams.eligibility(Z, 2, '2026-12-02', old.bookingId)).toEqual({
      subject: 2, date: '2026-12-02', eligible: true, reason: null, earliestDate: '2026-11-30',
    });
    expect((await t.exams.eligibility(Z, 2, '2026-12-02', 'EB99999999')).reason?.code).toBe('ALREADY_BOOKED');
    expect((await t.exams.eligibility(Z, 2, '2026-11-27', old.bookingId)).reason?.code).toBe('PERMIT_TOO_NEW');
    expect((await t.exams.eligibility(Z, 2, '2026-12-05', old.bookingId)).reason?.code).toBe('NOT_WORKING_DAY');
    // Someone else's booking does not lift the block of one's own.
    const other = addLearner(t.admin, 300, { passedUpTo: 1 });
    await t.exams.book(other, 2, 'nj-2', '2026-12-01', 'morning', 'b2');
    expect((await t.exams.eligibility(other, 2, '2026-12-02', old.bookingId)).reason?.code).toBe('ALREADY_BOOKED');
  });
});

describe('reschedules racing for one slot', () => {
  it('40 citizens moving into a slot of 20 through two connections on one file: 20 move, 20 keep their booking', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'sandbox.sqlite');
    const clock = manualClock(TODAY);
    const db1 = openFile(file);
    const db2 = openFile(file);
    try {
      const a = new SandboxPlatform(db1, clock);
      const b = new SandboxPlatform(db2, clock);
      const admin = new SandboxAdmin(db1, clock);
      const ids = Array.from({ length: 40 }, (_, i) => addLearner(admin, 400 + i, { passedUpTo: 1 }));
      const olds = [];
      for (const [i, id] of ids.entries()) olds.push(await a.exams.book(id, 2, 'nj-2', '2026-11-30', i < 20 ? 'morning' : 'afternoon', `b${i}`));
      const outcomes = await Promise.all(olds.map(async (old, i) => {
        try {
          await (i % 2 === 0 ? a : b).exams.reschedule(ids[i] ?? '', old.bookingId, 'nj-2', '2026-12-01', 'morning', `r${i}`);
          return 'ok';
        } catch (err) {
          return err instanceof PlatformError ? err.code : String(err);
        }
      }));
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(20);
      expect(outcomes.filter((o) => o === 'SLOT_FULL')).toHaveLength(20);
      const taken = (await b.exams.listSlots(2, '2026-11-30', 2)).map((s) => s.capacity - s.remaining);
      expect([(taken[0] ?? 0) + (taken[1] ?? 0), taken[2], taken[3]]).toEqual([20, 20, 0]);
      // Everyone has exactly one active booking: the new one when the move succeeded, else the old one.
      for (const [i, id] of ids.entries()) {
        const active = (await b.exams.listBookings(id)).filter((x) => x.status === 'booked');
        expect([outcomes[i], active.map((x) => x.date)]).toEqual([outcomes[i], [outcomes[i] === 'ok' ? '2026-12-01' : '2026-11-30']]);
      }
    } finally {
      db1.close();
      db2.close();
      cleanup();
    }
  });
});

describe('reschedule in the contract', () => {
  it('is keyed for the resilience wrapper, and SAME_SLOT is a 422', () => {
    expect(EXAM_PORT.methods.reschedule).toBe('keyed');
    expect(EXAM_PORT.errors.SAME_SLOT).toBe(422);
  });

  it('is POST /v1/exams/bookings/{bookingId}/reschedule with an Idempotency-Key; eligibility takes ?replacing=', async () => {
    const paths = openapi.paths as Record<string, Record<string, { operationId?: string; parameters?: Array<{ name?: string; $ref?: string }> }>>;
    const op = paths['/v1/exams/bookings/{bookingId}/reschedule']?.['post'];
    expect(op?.operationId).toBe('rescheduleBooking');
    expect(op?.parameters?.map((p) => p.$ref ?? p.name)).toContain('#/components/parameters/IdempotencyKey');
    expect(paths['/v1/exams/eligibility']?.['get']?.parameters?.map((p) => p.name)).toContain('replacing');

    const { db, platform } = sandbox();
    const server = createSandboxHttpServer(platform, {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const b = await platform.exams.book(Z, 2, 'nj-2', '2026-11-30', 'morning', 'b1');
      const post = (headers: Record<string, string>) => fetch(`${url}/v1/exams/bookings/${b.bookingId}/reschedule`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-citizen-id': Z, ...headers },
        body: JSON.stringify({ centreId: 'nj-2', date: '2026-12-01', session: 'morning' }),
      });
      const noKey = await post({});
      expect(noKey.status).toBe(400);
      expect(await noKey.json()).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'Idempotency-Key' } });
      const ok = await post({ 'idempotency-key': 'k1' });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ booked: { date: '2026-12-01', status: 'booked' }, cancelled: { bookingId: b.bookingId, status: 'cancelled' } });
      const same = await fetch(`${url}/v1/exams/bookings/${b.bookingId}/reschedule`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-citizen-id': LI_NA.idNumber, 'idempotency-key': 'k2' },
        body: JSON.stringify({ centreId: 'nj-2', date: '2026-12-02', session: 'morning' }),
      });
      expect(same.status).toBe(404);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    }
  });
});
