import type Database from 'better-sqlite3';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server as NodeServer } from 'node:http';
import type * as restify from 'restify';
import { PlatformError } from '../../../../integrations/platform/errors';
import { HttpPlatform } from '../../../../integrations/platform/http/HttpPlatform';
import openapi from '../../../../integrations/platform/openapi.json';
import { createSandboxHttpServer } from '../../../../integrations/platform/sandbox/httpServer';
import type { SandboxAdmin } from '../../../../integrations/platform/sandbox/SandboxAdmin';
import { expectCode, LI_NA, sandbox, WANG_QIANG, ZHANG_WEI } from '../fixtures';
import type { ManualClock } from '../fixtures';

interface Running {
  url: string;
  http: HttpPlatform;
  server: restify.Server;
  db: Database.Database;
  clock: ManualClock;
  admin: SandboxAdmin;
}

async function start(): Promise<Running> {
  const { db, clock, platform, admin } = sandbox();
  const server = createSandboxHttpServer(platform, { admin });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return { url, http: new HttpPlatform({ baseUrl: url, timeoutMs: 2000 }), server, db, clock, admin };
}

async function stop(r: Running): Promise<void> {
  await new Promise<void>((resolve) => r.server.close(() => resolve()));
  r.db.close();
}

async function listenRaw(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: NodeServer }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function closeRaw(server: NodeServer): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe('HttpPlatform against the HTTP sandbox', () => {
  let r: Running;
  beforeEach(async () => { r = await start(); });
  afterEach(async () => { await stop(r); });

  it('exams: eligibility reasons, booking, idempotent retry, one booking per subject, cancel', async () => {
    const e = await r.http.exams.eligibility(ZHANG_WEI.idNumber, 2, '2026-11-27');
    expect(e).toEqual({
      subject: 2, date: '2026-11-27', eligible: false, earliestDate: '2026-11-30',
      reason: { code: 'PERMIT_TOO_NEW', details: { subject: 2, permitIssuedOn: '2026-11-20', minDays: 10, earliestDate: '2026-11-30' } },
    });
    const refused = await expectCode(r.http.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-11-27', 'morning', 'k0'), 'PERMIT_TOO_NEW');
    expect(refused.details).toMatchObject({ earliestDate: '2026-11-30' });
    expect(refused.retryable).toBe(false);

    const slots = await r.http.exams.listSlots(2, '2026-11-30', 1);
    expect(slots.map((s) => [s.session, s.remaining])).toEqual([['morning', 20], ['afternoon', 20]]);
    const b = await r.http.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-11-30', 'morning', 'k1');
    expect(await r.http.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-11-30', 'morning', 'k1')).toEqual(b);
    await expectCode(r.http.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-12-01', 'morning', 'k2'), 'ALREADY_BOOKED');
    expect(await r.http.exams.listBookings(ZHANG_WEI.idNumber)).toEqual([b]);
    expect((await r.http.exams.listSlots(2, '2026-11-30', 1))[0]?.remaining).toBe(19);
    r.clock.set('2026-11-30T08:00:00+08:00');
    const late = await expectCode(r.http.exams.cancel(ZHANG_WEI.idNumber, b.bookingId), 'CANCEL_TOO_LATE');
    expect(late.details).toMatchObject({ deadline: '2026-11-29T16:00:00.000Z' });
    r.clock.set('2026-11-26T08:00:00+08:00');
    expect((await r.http.exams.cancel(ZHANG_WEI.idNumber, b.bookingId)).status).toBe('cancelled');
    await expectCode(r.http.exams.listSlots(2, '2026-11-30', 40), 'INVALID_ARGUMENT');
  });

  it('sandbox route records an exam result', async () => {
    const b = await r.http.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-11-30', 'morning', 'k1');
    const res = await fetch(`${r.url}/v1/sandbox/exam-results`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ bookingId: b.bookingId, passed: true }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ bookingId: b.bookingId, status: 'passed' });
    expect((await r.http.exams.eligibility(ZHANG_WEI.idNumber, 3, '2026-12-10')).eligible).toBe(true);
  });

  it('identity: SMS code through the sandbox outbox, wrong codes, binding', async () => {
    expect(await r.http.identity.getBinding('wx-1')).toBeNull();
    await expectCode(r.http.identity.requireBinding('wx-1'), 'NOT_BOUND');
    await expectCode(r.http.identity.startBinding('wx-1', ZHANG_WEI.idNumber, '王强'), 'IDENTITY_MISMATCH');
    expect((await r.http.identity.startBinding('wx-1', ZHANG_WEI.idNumber, '张伟')).maskedPhone).toBe('139****5678');
    const limited = await expectCode(r.http.identity.startBinding('wx-1', ZHANG_WEI.idNumber, '张伟'), 'RATE_LIMITED');
    expect(limited.retryable).toBe(true);
    const [sms] = await r.http.sms.outbox(ZHANG_WEI.phone);
    const code = sms?.params['code'] ?? '';
    const wrongCode = await expectCode(r.http.identity.confirmBinding('wx-1', ZHANG_WEI.idNumber, code === '000000' ? '111111' : '000000'), 'CODE_WRONG');
    expect(wrongCode.details).toEqual({ attemptsLeft: 2 });
    const binding = await r.http.identity.confirmBinding('wx-1', ZHANG_WEI.idNumber, code);
    expect(binding).toMatchObject({ channelUserId: 'wx-1', name: '张伟', idNumber: ZHANG_WEI.idNumber });
    expect(await r.http.identity.getBinding('wx-1')).toEqual(binding);
  });

  it('plates: a D plate for 王强, taken plates, reservations by VIN and owner', async () => {
    const round = await r.http.plates.startRandomRound(WANG_QIANG.idNumber, WANG_QIANG.evVin, 'battery-electric');
    expect(round.candidates).toHaveLength(10);
    for (const p of round.candidates) expect(p).toMatch(/^苏AD/);
    await expectCode(r.http.plates.startRandomRound(WANG_QIANG.idNumber, WANG_QIANG.evVin, 'other'), 'PLATE_INVALID');
    const checked = await r.http.plates.checkPatterns(WANG_QIANG.idNumber, WANG_QIANG.evVin, ['D4444A', 'D12345']);
    expect(checked.plate).toBe('苏AD12345');
    expect(checked.checked.map((c) => c.verdict)).toEqual(['invalid', 'available']);
    await expectCode(r.http.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, '苏A12345', 'a'), 'PLATE_TAKEN');
    await expectCode(r.http.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, '苏A25013', 'a'), 'PLATE_DENIED');
    const res = await r.http.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.evVin, '苏AD12345', 'b');
    expect(res).toMatchObject({ plate: '苏AD12345', status: 'reserved', expiresOn: '2026-12-25' });
    expect(await r.http.plates.reservedPlate({ vin: WANG_QIANG.evVin })).toEqual([res]);
    expect(await r.http.plates.reservedPlate({ idNumber: WANG_QIANG.idNumber })).toEqual([res]);
    await expectCode(r.http.plates.checkPatterns(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, Array.from({ length: 21 }, () => '12345')), 'INVALID_ARGUMENT');
  });

  it('violations and fines: lookups, refusal online, late fee, payment charged once', async () => {
    const byPlate = await r.http.violations.byPlate('苏A12345', '123456');
    expect(byPlate).toEqual(await r.http.violations.byOwner(LI_NA.idNumber));
    await expectCode(r.http.violations.byPlate('苏A12345', '654321'), 'NOT_FOUND');
    const refused = await expectCode(r.http.violations.handle(LI_NA.idNumber, LI_NA.violations.redLight, 'h1'), 'NOT_SIMPLE_PROCEDURE');
    expect(refused.details).toMatchObject({ reason: 'points', pointsAfter: 12 });
    const decision = await r.http.violations.handle(LI_NA.idNumber, LI_NA.violations.speeding, 'h2');
    expect(decision).toMatchObject({ fineFen: 20000, amountDueFen: 20000, dueOn: '2026-12-10' });
    expect(await r.http.violations.points(LI_NA.idNumber)).toEqual({ points: 9, maxPoints: 12, cycleStart: '2026-03-15', cycleEnd: '2027-03-14' });
    await expectCode(r.http.violations.points(ZHANG_WEI.idNumber), 'NO_LICENCE');

    expect(await r.http.violations.decision(LI_NA.decision)).toMatchObject({ lateDays: 40, lateFeeFen: 10000, amountDueFen: 20000 });
    const mismatch = await expectCode(r.http.violations.pay(LI_NA.decision, 10000, 'p0'), 'AMOUNT_MISMATCH');
    expect(mismatch.details).toMatchObject({ amountDueFen: 20000 });
    const payments = await Promise.all(Array.from({ length: 5 }, () => r.http.violations.pay(LI_NA.decision, 20000, 'p1')));
    expect(new Set(payments.map((p) => JSON.stringify(p))).size).toBe(1);
    expect((await r.http.violations.pay(LI_NA.decision, 20000, 'p2')).replayed).toBe(true);
    expect(r.db.prepare('SELECT COUNT(*) AS n FROM payments WHERE decision_number = ?').get(LI_NA.decision)).toEqual({ n: 1 });
    await expectCode(r.http.violations.decision('12'), 'INVALID_ARGUMENT');
  });

  it('keeps personal identifiers out of URLs', async () => {
    const urls: string[] = [];
    const spy: typeof fetch = (input, init) => {
      urls.push(String(input));
      return fetch(input, init);
    };
    const http = new HttpPlatform({ baseUrl: r.url, fetch: spy });
    await http.exams.listBookings(ZHANG_WEI.idNumber);
    await http.exams.eligibility(ZHANG_WEI.idNumber, 2, '2026-11-30');
    await http.plates.reservedPlate({ vin: WANG_QIANG.evVin });
    await http.violations.byPlate('苏A12345', '123456');
    await http.violations.points(LI_NA.idNumber);
    await http.sms.outbox(ZHANG_WEI.phone);
    expect(urls).toHaveLength(6);
    for (const u of urls) for (const s of [ZHANG_WEI.idNumber, LI_NA.idNumber, WANG_QIANG.evVin, ZHANG_WEI.phone, '123456']) expect(u).not.toContain(s);
  });

  it('answers every error in the contract shape, also for unknown routes and bad JSON', async () => {
    const unknown = await fetch(`${r.url}/v1/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'NOT_FOUND', retryable: false });
    const badJson = await fetch(`${r.url}/v1/plates/rounds`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-citizen-id': WANG_QIANG.idNumber }, body: '{"vin":' });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ code: 'INVALID_ARGUMENT' });
    const noCitizen = await fetch(`${r.url}/v1/points`);
    expect(noCitizen.status).toBe(400);
    expect(await noCitizen.json()).toEqual({
      code: 'INVALID_ARGUMENT', message: 'missing X-Citizen-Id header', retryable: false, details: { field: 'X-Citizen-Id', rule: 'required' },
    });
    const noKey = await fetch(`${r.url}/v1/decisions/${LI_NA.decision}/payments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"amountFen":20000}' });
    expect(await noKey.json()).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('serves its OpenAPI description, which documents exactly the routes served', async () => {
    const res = await fetch(`${r.url}/v1/openapi.json`);
    const doc = (await res.json()) as typeof openapi;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc).toEqual(openapi);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    const routes = Object.values(r.server.router.getRoutes() as unknown as Record<string, { method: string; path: string }>)
      .map((route) => `${route.method.toUpperCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`).sort();
    expect(routes).toEqual(documented);
  });
});

describe('HttpPlatform failure modes', () => {
  it('times out against a server that never answers: retryable UNAVAILABLE', async () => {
    const { url, server } = await listenRaw(() => { /* never answers */ });
    try {
      const http = new HttpPlatform({ baseUrl: url, timeoutMs: 200 });
      const started = Date.now();
      const err = await expectCode(http.violations.decision(LI_NA.decision), 'UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(2000);
      expect(err.retryable).toBe(true);
      expect(err.details).toMatchObject({ reason: 'timeout', timeoutMs: 200 });
    } finally {
      await closeRaw(server);
    }
  });

  it('maps 5xx to retryable UNAVAILABLE, keeping the upstream code as a detail', async () => {
    const { url, server } = await listenRaw((_req, res) => {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'SLOT_FULL', message: 'x', retryable: false, details: {} }));
    });
    try {
      const err = await expectCode(new HttpPlatform({ baseUrl: url }).exams.listSlots(1, '2026-11-30', 1), 'UNAVAILABLE');
      expect(err.retryable).toBe(true);
      expect(err.details).toMatchObject({ httpStatus: 502, upstreamCode: 'SLOT_FULL' });
    } finally {
      await closeRaw(server);
    }
  });

  it('maps a refused connection to retryable UNAVAILABLE', async () => {
    const { url, server } = await listenRaw(() => undefined);
    await closeRaw(server);
    const err = await expectCode(new HttpPlatform({ baseUrl: url }).violations.points(LI_NA.idNumber), 'UNAVAILABLE');
    expect(err).toBeInstanceOf(PlatformError);
    expect(err.details).toMatchObject({ reason: 'network' });
  });

  it('treats a non-JSON success and an unknown 4xx sensibly', async () => {
    const { url, server } = await listenRaw((req, res) => {
      if (req.url?.startsWith('/v1/points')) { res.writeHead(200); res.end('<html>'); return; }
      res.writeHead(404); res.end('nope');
    });
    try {
      const http = new HttpPlatform({ baseUrl: url });
      expect((await expectCode(http.violations.points(LI_NA.idNumber), 'UNAVAILABLE')).details).toMatchObject({ reason: 'bad-response' });
      await expectCode(http.violations.decision(LI_NA.decision), 'NOT_FOUND');
      // Only the contract's NOT_BOUND means "no binding"; a bare 404 stays an error.
      await expectCode(http.identity.getBinding('x'), 'NOT_FOUND');
    } finally {
      await closeRaw(server);
    }
  });
});
