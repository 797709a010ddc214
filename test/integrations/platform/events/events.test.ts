import type { AddressInfo } from 'node:net';
import { PlatformError } from '../../../../integrations/platform/errors';
import type { EventsPort } from '../../../../integrations/platform/events/types';
import { HttpPlatform } from '../../../../integrations/platform/http/HttpPlatform';
import { resilientPlatform } from '../../../../integrations/platform/resilient/ResilientPlatform';
import { createSandboxHttpServer } from '../../../../integrations/platform/sandbox/httpServer';
import type { SandboxAdmin } from '../../../../integrations/platform/sandbox/SandboxAdmin';
import type { SandboxPlatform } from '../../../../integrations/platform/sandbox/SandboxPlatform';
import { expectCode, LI_NA, sandbox, ZHANG_WEI } from '../fixtures';

/** The events port under test (the sandbox object, or the HTTP client against the sandbox server) and the world behind it. */
interface Target {
  events: EventsPort;
  platform: SandboxPlatform;
  admin: SandboxAdmin;
  close: () => Promise<void>;
}

const TOKEN = 'events-gateway-token';

const TARGETS: Array<[string, () => Promise<Target>]> = [
  ['the sandbox', async () => {
    const { db, platform, admin } = sandbox();
    return { events: platform.events, platform, admin, close: async () => { db.close(); } };
  }],
  ['the HTTP client against the sandbox server', async () => {
    const { db, platform, admin } = sandbox();
    const server = createSandboxHttpServer(platform, { admin });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      events: new HttpPlatform({ baseUrl: url, timeoutMs: 2000, token: TOKEN }).events, platform, admin,
      close: async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        db.close();
      },
    };
  }],
];

/** 10:00 on 2026-11-25 China time, the fixtures' clock. */
const AT = '2026-11-25T02:00:00.000Z';

/** One of each: a violation recorded on 李娜's car, handled into a decision, and 张伟's 科目二 result. */
async function happenings(t: Target): Promise<{ decisionNumber: string; bookingId: string }> {
  t.admin.addViolation({
    violationId: 'VEV1', idNumber: LI_NA.idNumber, vin: LI_NA.vin, occurredAt: '2026-11-24T08:30:00+08:00', kind: 'lane',
    location: '南京市鼓楼区中山北路', fineFen: 10000, points: 1,
  });
  const decision = await t.platform.violations.handle(LI_NA.idNumber, 'VEV1', 'h1');
  const booking = await t.platform.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-11-30', 'morning', 'b1');
  t.admin.recordExamResult(booking.bookingId, true, 92);
  return { decisionNumber: decision.decisionNumber, bookingId: booking.bookingId };
}

describe.each(TARGETS)('the events feed through %s (clock: 2026-11-25)', (_name, open) => {
  let t: Target;
  beforeEach(async () => { t = await open(); });
  afterEach(async () => { await t.close(); });

  it('starts empty: the seeded history is not news', async () => {
    expect(await t.events.since(undefined, 10)).toEqual({ events: [], cursor: '0' });
    expect(await t.events.since('0', 10)).toEqual({ events: [], cursor: '0' });
  });

  it('has one event per change, oldest first: violation recorded, decision issued, exam result', async () => {
    const { decisionNumber, bookingId } = await happenings(t);
    const page = await t.events.since(undefined, 10);
    expect(page.events).toEqual([
      {
        id: '1', type: 'violation.recorded', at: AT, idNumber: LI_NA.idNumber, plate: LI_NA.plate,
        data: {
          violationId: 'VEV1', plate: LI_NA.plate, occurredAt: '2026-11-24T00:30:00.000Z', location: '南京市鼓楼区中山北路', kind: 'lane',
          points: 1, fineFen: 10000,
        },
      },
      {
        id: '2', type: 'decision.issued', at: AT, idNumber: LI_NA.idNumber, plate: LI_NA.plate,
        data: { decisionNumber, violationId: 'VEV1', plate: LI_NA.plate, fineFen: 10000, issuedOn: '2026-11-25', dueOn: '2026-12-10' },
      },
      {
        id: '3', type: 'exam.result', at: AT, idNumber: ZHANG_WEI.idNumber,
        data: { bookingId, subject: 2, date: '2026-11-30', passed: true, score: 92 },
      },
    ]);
    expect(page.cursor).toBe('3');
  });

  it('a replayed or refused change adds nothing; a result without a score has none', async () => {
    await happenings(t);
    await t.platform.violations.handle(LI_NA.idNumber, 'VEV1', 'h1'); // the same key: the first decision again
    await expectCode(t.platform.violations.handle(LI_NA.idNumber, 'VEV1', 'h2'), 'ALREADY_HANDLED');
    await expectCode(t.platform.violations.handle(LI_NA.idNumber, LI_NA.violations.redLight, 'h3'), 'NOT_SIMPLE_PROCEDURE');
    expect(() => t.admin.addViolation({
      violationId: 'VEV1', idNumber: LI_NA.idNumber, vin: LI_NA.vin, occurredAt: '2026-11-24T08:30:00+08:00', kind: 'lane', location: '南京市', fineFen: 1, points: 0,
    })).toThrow(/UNIQUE/);
    const booking = await t.platform.exams.book(ZHANG_WEI.idNumber, 3, 'nj-2', '2026-12-10', 'morning', 'b2');
    expect(() => t.admin.recordExamResult(booking.bookingId, false, 101)).toThrow('invalid score');
    t.admin.recordExamResult(booking.bookingId, false);
    expect(() => t.admin.recordExamResult(booking.bookingId, true)).toThrow('not awaiting a result');
    const page = await t.events.since('3', 10);
    expect(page).toEqual({
      events: [{ id: '4', type: 'exam.result', at: AT, idNumber: ZHANG_WEI.idNumber, data: { bookingId: booking.bookingId, subject: 3, date: '2026-12-10', passed: false } }],
      cursor: '4',
    });
  });

  it('pages with the cursor and the limit, and a cursor at the end waits there', async () => {
    await happenings(t);
    const first = await t.events.since(undefined, 2);
    expect([first.events.map((e) => e.type), first.cursor]).toEqual([['violation.recorded', 'decision.issued'], '2']);
    const second = await t.events.since(first.cursor, 2);
    expect([second.events.map((e) => e.type), second.cursor]).toEqual([['exam.result'], '3']);
    expect(await t.events.since(second.cursor, 2)).toEqual({ events: [], cursor: '3' });
    t.admin.addViolation({
      violationId: 'VEV2', idNumber: LI_NA.idNumber, vin: LI_NA.vin, occurredAt: '2026-11-25T09:00:00+08:00', kind: 'parking', location: '南京市', fineFen: 5000, points: 0,
    });
    const later = await t.events.since(second.cursor, 2);
    expect([later.events.map((e) => [e.id, e.type]), later.cursor]).toEqual([[['4', 'violation.recorded']], '4']);
    expect((await t.events.since('1', 1)).events.map((e) => e.id)).toEqual(['2']);
  });

  it.each(['abc', '', '-1', '01', '1.0', ' 1', '4', '99999999999999999999'])('refuses the cursor %j: EVENTS_BAD_CURSOR', async (cursor) => {
    await happenings(t);
    const err = await expectCode(t.events.since(cursor, 10), 'EVENTS_BAD_CURSOR');
    expect(err.retryable).toBe(false);
  });

  it.each([0, 501, 1.5])('refuses the limit %s', async (limit) => {
    await expectCode(t.events.since(undefined, limit), 'INVALID_ARGUMENT');
  });
});

describe('the events feed over HTTP', () => {
  it('the HTTP client reads the same events as the sandbox itself, on GET /v1/events with the gateway\'s credentials', async () => {
    const { db, platform, admin } = sandbox();
    const server = createSandboxHttpServer(platform, { admin });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const seen: Array<{ url: string; authorization: string | null }> = [];
    const spy: typeof fetch = (input, init) => {
      seen.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
      return fetch(input, init);
    };
    try {
      await happenings({ events: platform.events, platform, admin, close: async () => undefined });
      const http = new HttpPlatform({ baseUrl: url, timeoutMs: 2000, token: TOKEN, fetch: spy });
      expect(await http.events.since(undefined, 500)).toEqual(await platform.events.since(undefined, 500));
      expect(await http.events.since('1', 1)).toEqual(await platform.events.since('1', 1));
      expect(seen.map((s) => [new URL(s.url).pathname + new URL(s.url).search, s.authorization])).toEqual([
        ['/v1/events?limit=500', `Bearer ${TOKEN}`],
        ['/v1/events?limit=1&cursor=1', `Bearer ${TOKEN}`],
      ]);
      const booking = await platform.exams.book(ZHANG_WEI.idNumber, 3, 'nj-2', '2026-12-10', 'morning', 'b2');
      const result = await fetch(`${url}/v1/sandbox/exam-results`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ bookingId: booking.bookingId, passed: false, score: 71 }),
      });
      expect(result.status).toBe(200);
      expect((await http.events.since('3', 10)).events).toEqual([
        expect.objectContaining({ id: '4', type: 'exam.result', data: { bookingId: booking.bookingId, subject: 3, date: '2026-12-10', passed: false, score: 71 } }),
      ]);
      const bad = await fetch(`${url}/v1/events?cursor=zz&limit=1`);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ code: 'EVENTS_BAD_CURSOR', retryable: false });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    }
  });
});

describe('the events feed behind the resilience wrapper', () => {
  it('a read: retried after the platform failed once, and a bad cursor is an answer, not retried', async () => {
    const { db, platform } = sandbox();
    let calls = 0;
    let failNext = 1;
    const events: EventsPort = {
      since: async (cursor, limit) => {
        calls += 1;
        if (failNext > 0) { failNext -= 1; throw new PlatformError('UNAVAILABLE', 'gateway down'); }
        return platform.events.since(cursor, limit);
      },
    };
    try {
      const p = resilientPlatform({ ...platform, events }, { sleep: async () => undefined });
      expect(await p.events.since(undefined, 10)).toEqual({ events: [], cursor: '0' });
      expect(calls).toBe(2);
      await expectCode(p.events.since('x', 10), 'EVENTS_BAD_CURSOR');
      expect(calls).toBe(3);
      expect(p.breaker.state).toBe('closed');
    } finally {
      db.close();
    }
  });
});
