import type Database from 'better-sqlite3';
import type { AddressInfo } from 'node:net';
import { makeServer, type BotServer } from '../../../bot/makeServer';
import { sandboxEventRoutes } from '../../../bot/sandbox/sandboxEventRoutes';
import type { SandboxPlatform } from '../../../integrations/platform/sandbox/SandboxPlatform';
import { LI_NA, sandbox, WANG_QIANG, ZHANG_WEI, type ManualClock } from '../../integrations/platform/fixtures';
import { testLogger } from '../../support/captureLogger';

interface Answer { status: number; body: Record<string, unknown> }

describe('demo routes that make the platform\'s events happen: /sandbox/exam-results, /sandbox/violations', () => {
  let db: Database.Database;
  let clock: ManualClock;
  let platform: SandboxPlatform;
  let bot: BotServer;
  let base: string;

  beforeEach(async () => {
    const world = sandbox();
    ({ db, clock, platform } = world);
    bot = makeServer({ logger: testLogger(), isReady: () => true, routes: [sandboxEventRoutes(world.admin)] });
    await new Promise<void>((r) => bot.server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(bot.server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise<void>((r) => bot.server.close(() => r()));
    db.close();
  });

  async function post(path: string, body: unknown): Promise<Answer> {
    const res = await fetch(`${base}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async function bookSubject2(): Promise<string> {
    return (await platform.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-11-30', 'morning', 'demo-1')).bookingId;
  }

  describe('POST /sandbox/exam-results', () => {
    it('records the verdict (201) and publishes it on the events feed: 张伟 passes 科目二 with 92', async () => {
      const bookingId = await bookSubject2();
      clock.set('2026-11-30T15:00:00+08:00');
      const r = await post('/sandbox/exam-results', { bookingId, passed: true, score: 92 });
      expect(r).toEqual({ status: 201, body: { bookingId, passed: true, score: 92, status: 'passed' } });
      expect((await platform.exams.listBookings(ZHANG_WEI.idNumber))[0]?.status).toBe('passed');
      const { events } = await platform.events.since(undefined, 10);
      expect(events).toEqual([expect.objectContaining({
        type: 'exam.result', at: '2026-11-30T07:00:00.000Z', idNumber: ZHANG_WEI.idNumber,
        data: { bookingId, subject: 2, date: '2026-11-30', passed: true, score: 92 },
      })]);
    });

    it('a fail without a score', async () => {
      const bookingId = await bookSubject2();
      expect(await post('/sandbox/exam-results', { bookingId, passed: false })).toEqual({ status: 201, body: { bookingId, passed: false, status: 'failed' } });
    });

    it.each([
      ['a missing bookingId', 'INVALID_ARGUMENT', 'bookingId', { passed: true }],
      ['an unknown booking', 'UNKNOWN_BOOKING', 'bookingId', { bookingId: 'BK-NOPE', passed: true }],
      ['passed missing', 'INVALID_ARGUMENT', 'passed', { bookingId: '{booking}' }],
      ['passed as text', 'INVALID_ARGUMENT', 'passed', { bookingId: '{booking}', passed: 'yes' }],
      ['a score above 100', 'INVALID_ARGUMENT', 'score', { bookingId: '{booking}', passed: true, score: 101 }],
      ['a score with a fraction', 'INVALID_ARGUMENT', 'score', { bookingId: '{booking}', passed: true, score: 90.5 }],
    ])('refuses %s: 400 %s on %s, and nothing is recorded', async (_what, code, field, body) => {
      const bookingId = await bookSubject2();
      const withBooking = JSON.parse(JSON.stringify(body).replace('{booking}', bookingId)) as unknown;
      const r = await post('/sandbox/exam-results', withBooking);
      expect(r).toEqual({ status: 400, body: { code, field, error: expect.any(String) } });
      expect((await platform.exams.listBookings(ZHANG_WEI.idNumber))[0]?.status).toBe('booked');
      expect((await platform.events.since(undefined, 10)).events).toEqual([]);
    });

    it('a booking that already has its result: 409 NOT_AWAITING_RESULT, the first verdict stands', async () => {
      const bookingId = await bookSubject2();
      await post('/sandbox/exam-results', { bookingId, passed: true });
      const r = await post('/sandbox/exam-results', { bookingId, passed: false });
      expect(r).toEqual({ status: 409, body: { code: 'NOT_AWAITING_RESULT', field: 'bookingId', error: expect.stringMatching(/already has its result/) } });
      expect((await platform.exams.listBookings(ZHANG_WEI.idNumber))[0]?.status).toBe('passed');
      expect((await platform.events.since(undefined, 10)).events).toHaveLength(1);
    });

    it('refuses a body that is not a JSON object', async () => {
      expect(await post('/sandbox/exam-results', '[1]')).toMatchObject({ status: 400, body: { code: 'INVALID_ARGUMENT' } });
    });
  });

  describe('POST /sandbox/violations', () => {
    it('records a violation on 李娜\'s car with what was given (201), as the citizen\'s list and the events feed then show', async () => {
      const r = await post('/sandbox/violations', {
        plate: '苏A12345', kind: 'phone-use', location: '南京市鼓楼区北京西路', fineFen: 5000, points: 2, occurredAt: '2026-11-24T08:30:00+08:00',
      });
      expect(r.status).toBe(201);
      expect(r.body).toEqual({
        violationId: 'V2026112400001', plate: '苏A12345', occurredAt: '2026-11-24T00:30:00.000Z', location: '南京市鼓楼区北京西路',
        kind: 'phone-use', points: 2, fineFen: 5000,
      });
      const listed = (await platform.violations.byOwner(LI_NA.idNumber)).find((v) => v.violationId === r.body['violationId']);
      expect(listed).toMatchObject({ status: 'unprocessed', kind: 'phone-use', fineFen: 5000, points: 2, occurredOn: '2026-11-24' });
      const { events } = await platform.events.since(undefined, 10);
      expect(events).toEqual([expect.objectContaining({ type: 'violation.recorded', idNumber: LI_NA.idNumber, plate: '苏A12345', data: r.body })]);
    });

    it.each([
      ['speeding', 20000, 3],
      ['parking', 15000, 0],
      ['red-light', 20000, 6],
      ['seatbelt', 5000, 1],
    ])('a %s with only plate and kind: the usual fine (%i fen) and points (%i), now, a place in 南京, a new id each time', async (kind, fineFen, points) => {
      clock.set('2026-12-02T09:15:00+08:00');
      const first = await post('/sandbox/violations', { plate: '苏a12345', kind });
      const second = await post('/sandbox/violations', { plate: '苏A12345', kind });
      expect(first).toEqual({ status: 201, body: {
        violationId: expect.stringMatching(/^V20261202\d{5}$/), plate: '苏A12345', occurredAt: '2026-12-02T01:15:00.000Z',
        location: expect.stringMatching(/^南京市/), kind, fineFen, points,
      } });
      expect(second.body['violationId']).not.toBe(first.body['violationId']);
      expect((await platform.events.since(undefined, 10)).events).toHaveLength(2);
    });

    it.each([
      ['a missing plate', 'INVALID_ARGUMENT', 'plate', { kind: 'speeding' }],
      ['an unknown plate', 'UNKNOWN_PLATE', 'plate', { plate: '苏A99999', kind: 'speeding' }],
      ['a plate only reserved, not registered', 'UNKNOWN_PLATE', 'plate', { plate: '苏AD12345', kind: 'speeding' }],
      ['a missing kind', 'INVALID_ARGUMENT', 'kind', { plate: '苏A12345' }],
      ['an unknown kind', 'INVALID_ARGUMENT', 'kind', { plate: '苏A12345', kind: 'jaywalking' }],
      ['a negative fine', 'INVALID_ARGUMENT', 'fineFen', { plate: '苏A12345', kind: 'speeding', fineFen: -1 }],
      ['13 points', 'INVALID_ARGUMENT', 'points', { plate: '苏A12345', kind: 'speeding', points: 13 }],
      ['an empty location', 'INVALID_ARGUMENT', 'location', { plate: '苏A12345', kind: 'speeding', location: ' ' }],
      ['a time without an offset', 'INVALID_ARGUMENT', 'occurredAt', { plate: '苏A12345', kind: 'speeding', occurredAt: '2026-11-24T08:30:00' }],
      ['no such day', 'INVALID_ARGUMENT', 'occurredAt', { plate: '苏A12345', kind: 'speeding', occurredAt: '2026-02-30T08:30:00+08:00' }],
    ])('refuses %s: 400 %s on %s, and nothing is recorded', async (_what, code, field, body) => {
      // 王强's new car holds 苏AD12345 until it is registered.
      await platform.plates.checkPatterns(WANG_QIANG.idNumber, WANG_QIANG.evVin, ['D12345']);
      await platform.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.evVin, '苏AD12345', 'r1');
      const before = (await platform.violations.byOwner(LI_NA.idNumber)).length;
      const r = await post('/sandbox/violations', body);
      expect(r).toEqual({ status: 400, body: { code, field, error: expect.any(String) } });
      expect(await platform.violations.byOwner(LI_NA.idNumber)).toHaveLength(before);
      expect((await platform.events.since(undefined, 10)).events).toEqual([]);
    });

    it('says which kinds there are', async () => {
      const r = await post('/sandbox/violations', { plate: '苏A12345', kind: 'jaywalking' });
      expect(r.body['error']).toBe('kind must be one of speeding, parking, red-light, phone-use, lane, seatbelt');
    });
  });
});
