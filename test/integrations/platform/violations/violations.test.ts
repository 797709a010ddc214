import { expectCode, LI_NA, sandbox, WANG_QIANG, ZHANG_WEI } from '../fixtures';

describe('looking up violations', () => {
  it('finds 李娜\'s violations by plate + last 6 of the VIN and by her licence', async () => {
    const { platform } = sandbox();
    const byPlate = await platform.violations.byPlate('苏a·12345', '123456');
    const byOwner = await platform.violations.byOwner(LI_NA.idNumber);
    expect(byPlate).toEqual(byOwner);
    expect(byOwner.filter((v) => v.status === 'unprocessed').map((v) => [v.kind, v.occurredOn, v.fineFen, v.points])).toEqual([
      ['speeding', '2026-11-01', 20000, 3],
      ['parking', '2026-11-10', 15000, 0],
      ['red-light', '2026-11-18', 20000, 6],
    ]);
    expect(byOwner.find((v) => v.decisionNumber === LI_NA.decision)).toMatchObject({ status: 'handled', onlineHandling: null });
  });

  it('tells which can be handled online: the red light would bring her to 12 points', async () => {
    const { platform } = sandbox();
    const byId = new Map((await platform.violations.byOwner(LI_NA.idNumber)).map((v) => [v.violationId, v]));
    expect(byId.get(LI_NA.violations.speeding)?.onlineHandling).toEqual({ allowed: true, reason: null });
    expect(byId.get(LI_NA.violations.parking)?.onlineHandling).toEqual({ allowed: true, reason: null });
    expect(byId.get(LI_NA.violations.redLight)?.onlineHandling).toEqual({
      allowed: false,
      reason: {
        code: 'NOT_SIMPLE_PROCEDURE',
        details: {
          reason: 'points', currentPoints: 6, violationPoints: 6, pointsAfter: 12, maxPoints: 12, cycleStart: '2026-03-15', cycleEnd: '2027-03-14',
        },
      },
    });
  });

  it.each([
    ['苏A12345', '123457'], ['苏A12346', '123456'], ['苏AD12345', '654321'],
  ])('answers NOT_FOUND for %s with VIN tail %s', async (plate, tail) => {
    const { platform } = sandbox();
    await expectCode(platform.violations.byPlate(plate, tail), 'NOT_FOUND');
  });

  it('has nothing on 王强', async () => {
    const { platform } = sandbox();
    expect(await platform.violations.byOwner(WANG_QIANG.idNumber)).toEqual([]);
  });
});

describe('points', () => {
  it.each([
    [LI_NA.idNumber, { points: 6, maxPoints: 12, cycleStart: '2026-03-15', cycleEnd: '2027-03-14' }],
    [WANG_QIANG.idNumber, { points: 0, maxPoints: 12, cycleStart: '2026-06-01', cycleEnd: '2027-05-31' }],
  ])('%s', async (id, expected) => {
    const { platform } = sandbox();
    expect(await platform.violations.points(id)).toEqual(expected);
  });

  it('张伟 has no licence yet', async () => {
    const { platform } = sandbox();
    await expectCode(platform.violations.points(ZHANG_WEI.idNumber), 'NO_LICENCE');
  });

  it('starts a new cycle on the anniversary of the first issue date', async () => {
    const { platform, clock } = sandbox();
    clock.set('2027-03-15T08:00:00+08:00');
    expect(await platform.violations.points(LI_NA.idNumber)).toMatchObject({ points: 0, cycleStart: '2027-03-15' });
  });
});

describe('handling online (simple procedure)', () => {
  it('creates a decision for the speeding and counts its points', async () => {
    const { platform } = sandbox();
    const d = await platform.violations.handle(LI_NA.idNumber, LI_NA.violations.speeding, 'h1');
    expect(d).toMatchObject({
      violationId: LI_NA.violations.speeding, plate: '苏A12345', issuedOn: '2026-11-25', dueOn: '2026-12-10', fineFen: 20000, points: 3,
      status: 'unpaid', asOf: '2026-11-25', lateDays: 0, lateFeeFen: 0, amountDueFen: 20000, payment: null,
    });
    expect(d.decisionNumber).toMatch(/^\d{15}$/);
    expect(await platform.violations.decision(d.decisionNumber)).toEqual(d);
    expect((await platform.violations.points(LI_NA.idNumber)).points).toBe(9);
    const v = (await platform.violations.byOwner(LI_NA.idNumber)).find((x) => x.violationId === LI_NA.violations.speeding);
    expect(v).toMatchObject({ status: 'handled', decisionNumber: d.decisionNumber, onlineHandling: null });
  });

  it('refuses the red light online: points would reach 12', async () => {
    const { platform } = sandbox();
    const err = await expectCode(platform.violations.handle(LI_NA.idNumber, LI_NA.violations.redLight, 'h1'), 'NOT_SIMPLE_PROCEDURE');
    expect(err.details).toMatchObject({ reason: 'points', currentPoints: 6, violationPoints: 6, pointsAfter: 12 });
    expect(err.retryable).toBe(false);
  });

  it('after the speeding (9 points) the parking (0 points) is still allowed', async () => {
    const { platform } = sandbox();
    await platform.violations.handle(LI_NA.idNumber, LI_NA.violations.speeding, 'h1');
    const parking = await platform.violations.handle(LI_NA.idNumber, LI_NA.violations.parking, 'h2');
    expect(parking.fineFen).toBe(15000);
    expect((await platform.violations.points(LI_NA.idNumber)).points).toBe(9);
  });

  it.each([
    // fine, points, expected (李娜 has 6 points)
    [20000, 5, 'ok'],
    [20000, 6, 'points'],
    [20001, 0, 'fine'],
    [50000, 0, 'fine'],
  ])('fine %i fen with %i points: %s', async (fineFen, points, expected) => {
    const { platform, admin } = sandbox();
    admin.addViolation({
      violationId: 'VX1', idNumber: LI_NA.idNumber, vin: LI_NA.vin, occurredAt: '2026-11-20T10:00:00+08:00', kind: 'lane', location: '南京市', fineFen, points,
    });
    const call = platform.violations.handle(LI_NA.idNumber, 'VX1', 'k');
    if (expected === 'ok') expect((await call).fineFen).toBe(fineFen);
    else expect((await expectCode(call, 'NOT_SIMPLE_PROCEDURE')).details['reason']).toBe(expected);
  });

  it('counts points in the cycle the violation happened in', async () => {
    const { platform, admin } = sandbox();
    admin.addViolation({
      violationId: 'VOLD', idNumber: LI_NA.idNumber, vin: LI_NA.vin, occurredAt: '2026-02-10T10:00:00+08:00', kind: 'red-light', location: '南京市', fineFen: 20000, points: 6,
    });
    await platform.violations.handle(LI_NA.idNumber, 'VOLD', 'k'); // previous cycle had 0 points
    expect((await platform.violations.points(LI_NA.idNumber)).points).toBe(6);
  });

  it('handles a violation once; the key replays the first decision', async () => {
    const { platform } = sandbox();
    const d1 = await platform.violations.handle(LI_NA.idNumber, LI_NA.violations.parking, 'h1');
    expect(await platform.violations.handle(LI_NA.idNumber, LI_NA.violations.parking, 'h1')).toEqual(d1);
    const err = await expectCode(platform.violations.handle(LI_NA.idNumber, LI_NA.violations.parking, 'h2'), 'ALREADY_HANDLED');
    expect(err.details).toEqual({ decisionNumber: d1.decisionNumber });
  });

  it('only the responsible citizen may handle', async () => {
    const { platform } = sandbox();
    await expectCode(platform.violations.handle(WANG_QIANG.idNumber, LI_NA.violations.parking, 'h1'), 'NOT_FOUND');
  });
});

describe('decisions and late fees', () => {
  it('李娜\'s decision 320100123456789 (2026-10-01, 100 yuan) on 2026-11-25: 40 days late, fee capped at the fine', async () => {
    const { platform } = sandbox();
    expect(await platform.violations.decision(LI_NA.decision)).toEqual({
      decisionNumber: '320100123456789', violationId: 'V2026092500021', plate: '苏A12345', issuedOn: '2026-10-01', dueOn: '2026-10-16',
      fineFen: 10000, points: 3, status: 'unpaid', asOf: '2026-11-25', lateDays: 40, lateFeeFen: 10000, amountDueFen: 20000, payment: null,
    });
  });

  it.each([
    ['2026-10-16T23:59:00+08:00', 0, 0],
    ['2026-10-17T00:01:00+08:00', 1, 300], // still 10-16 in UTC: the China date counts
    ['2026-10-31T12:00:00+08:00', 15, 4500],
    ['2026-11-18T12:00:00+08:00', 33, 9900],
    ['2026-11-19T12:00:00+08:00', 34, 10000],
  ])('at %s: %i late days, %i fen', async (at, lateDays, fee) => {
    const { platform, clock } = sandbox();
    clock.set(at);
    expect(await platform.violations.decision(LI_NA.decision)).toMatchObject({ lateDays, lateFeeFen: fee, amountDueFen: 10000 + fee });
  });

  it('an unknown or malformed decision number', async () => {
    const { platform } = sandbox();
    await expectCode(platform.violations.decision('320100000000001'), 'NOT_FOUND');
    await expectCode(platform.violations.decision('32010012345'), 'INVALID_ARGUMENT');
  });

  it('the seeded August decision is paid', async () => {
    const { platform } = sandbox();
    expect(await platform.violations.decision('320100123400815')).toMatchObject({ status: 'paid', amountDueFen: 0, lateFeeFen: 0 });
  });
});

describe('paying', () => {
  it('charges exactly the amount due, once', async () => {
    const { platform, db } = sandbox();
    const wrong = await expectCode(platform.violations.pay(LI_NA.decision, 10000, 'p0'), 'AMOUNT_MISMATCH');
    expect(wrong.details).toMatchObject({ amountDueFen: 20000, fineFen: 10000, lateFeeFen: 10000 });
    const p1 = await platform.violations.pay(LI_NA.decision, 20000, 'p1');
    expect(p1).toMatchObject({ decisionNumber: LI_NA.decision, amountFen: 20000, fineFen: 10000, lateFeeFen: 10000, replayed: false });
    expect(await platform.violations.pay(LI_NA.decision, 20000, 'p1')).toEqual(p1);
    expect(await platform.violations.pay(LI_NA.decision, 20000, 'p2')).toEqual({ ...p1, replayed: true });
    await expectCode(platform.violations.pay(LI_NA.decision, 19999, 'p1'), 'IDEMPOTENCY_CONFLICT');
    expect(await platform.violations.decision(LI_NA.decision)).toMatchObject({ status: 'paid', amountDueFen: 0, payment: { ...p1, replayed: false } });
    expect(db.prepare('SELECT COUNT(*) AS n FROM payments WHERE decision_number = ?').get(LI_NA.decision)).toEqual({ n: 1 });
  });

  it('freezes the late fee at the payment day', async () => {
    const { platform, clock } = sandbox();
    clock.set('2026-10-20T12:00:00+08:00');
    await platform.violations.pay(LI_NA.decision, 11200, 'p1');
    clock.set('2026-11-25T12:00:00+08:00');
    expect(await platform.violations.decision(LI_NA.decision)).toMatchObject({ asOf: '2026-10-20', lateDays: 4, lateFeeFen: 1200, amountDueFen: 0 });
  });

  it('a new decision paid within 15 days carries no late fee', async () => {
    const { platform, clock } = sandbox();
    const d = await platform.violations.handle(LI_NA.idNumber, LI_NA.violations.parking, 'h');
    clock.advanceDays(15);
    expect((await platform.violations.pay(d.decisionNumber, 15000, 'p')).lateFeeFen).toBe(0);
  });

  it('the UNIQUE constraint refuses a second payment row', () => {
    const { db } = sandbox();
    expect(() => db.prepare(`INSERT INTO payments (payment_id, decision_number, amount_fen, fine_fen, late_fee_fen, paid_at)
      VALUES ('X', '320100123400815', 1, 1, 0, 'now')`).run()).toThrow(/UNIQUE/);
  });

  it.each([0, -100, 1.5])('refuses amount %s', async (amount) => {
    const { platform } = sandbox();
    await expectCode(platform.violations.pay(LI_NA.decision, amount, 'p'), 'INVALID_ARGUMENT');
  });
});
