import { SandboxPlatform } from '../../../../integrations/platform/sandbox/SandboxPlatform';
import { LI_NA, sandbox, WANG_QIANG, ZHANG_WEI } from '../fixtures';

describe('sandbox personas and seed (DESIGN §4)', () => {
  it('张伟: C1 learner, 科目一 passed, permit of 2026-11-20, earliest 科目二 on 2026-11-30, no bookings', async () => {
    const { platform } = sandbox();
    await platform.identity.startBinding('u', ZHANG_WEI.idNumber, '张伟');
    expect((await platform.sms.outbox('13912345678'))).toHaveLength(1);
    expect((await platform.exams.eligibility(ZHANG_WEI.idNumber, 1, '2026-11-30')).reason?.code).toBe('ALREADY_PASSED');
    expect((await platform.exams.eligibility(ZHANG_WEI.idNumber, 2, '2026-11-26')).earliestDate).toBe('2026-11-30');
    expect(await platform.exams.listBookings(ZHANG_WEI.idNumber)).toEqual([]);
  });

  it('李娜: phone, 苏A12345 on VIN LSVAU2187N2123456, 6 points, three unprocessed violations, unpaid decision', async () => {
    const { platform } = sandbox();
    expect((await platform.identity.startBinding('u', LI_NA.idNumber, '李娜')).maskedPhone).toBe('138****5678');
    expect(await platform.plates.reservedPlate({ vin: 'LSVAU2187N2123456' })).toEqual([
      expect.objectContaining({ plate: '苏A12345', status: 'registered' }),
    ]);
    expect((await platform.violations.points(LI_NA.idNumber)).points).toBe(6);
    const open = (await platform.violations.byPlate('苏A12345', '123456')).filter((v) => v.status === 'unprocessed');
    expect(open.map((v) => `${v.occurredOn} ${v.kind} ${v.fineFen / 100} ${v.points} ${v.onlineHandling?.allowed}`)).toEqual([
      '2026-11-01 speeding 200 3 true', '2026-11-10 parking 150 0 true', '2026-11-18 red-light 200 6 false',
    ]);
    expect(await platform.violations.decision('320100123456789')).toMatchObject({ issuedOn: '2026-10-01', fineFen: 10000, status: 'unpaid' });
  });

  it('王强: phone, a battery-electric car and a second car, both without plates', async () => {
    const { platform } = sandbox();
    expect((await platform.identity.startBinding('u', WANG_QIANG.idNumber, '王强')).maskedPhone).toBe('137****5678');
    expect(await platform.plates.reservedPlate({ idNumber: WANG_QIANG.idNumber })).toEqual([]);
    expect((await platform.plates.startRandomRound(WANG_QIANG.idNumber, 'LGXCE4CB7R0654321')).candidates[0]).toMatch(/^苏AD/);
    expect((await platform.plates.startRandomRound(WANG_QIANG.idNumber, 'LFV3A28K1R3008821')).candidates[0]).toMatch(/^苏A[0-9A-HJ-NP-Z]{5}$/);
  });

  it('test centres: 第一考场 for theory, 第二考场 for 科目二 and 科目三, 20 seats per session', async () => {
    const { platform } = sandbox();
    const names = async (subject: 1 | 2 | 3 | 4): Promise<string[]> =>
      [...new Set((await platform.exams.listSlots(subject, '2026-11-30', 1)).map((s) => `${s.centreName}/${s.capacity}`))];
    expect(await names(1)).toEqual(['南京市交管局第一考场/20']);
    expect(await names(2)).toEqual(['南京市交管局第二考场/20']);
    expect(await names(3)).toEqual(['南京市交管局第二考场/20']);
    expect(await names(4)).toEqual(['南京市交管局第一考场/20']);
  });

  it('seeds once: a second start on the same database changes nothing and keeps what happened', async () => {
    const { db, clock, platform } = sandbox();
    await platform.violations.handle(LI_NA.idNumber, LI_NA.violations.parking, 'k');
    const count = (table: string): unknown => db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get();
    const before = ['citizens', 'vehicles', 'violations', 'decisions', 'payments', 'test_centres', 'plate_holds', 'plate_denylist', 'exam_results', 'platform_events'].map(count);
    const again = new SandboxPlatform(db, clock);
    const after = ['citizens', 'vehicles', 'violations', 'decisions', 'payments', 'test_centres', 'plate_holds', 'plate_denylist', 'exam_results', 'platform_events'].map(count);
    expect(after).toEqual(before);
    expect((await again.violations.byOwner(LI_NA.idNumber)).find((v) => v.violationId === LI_NA.violations.parking)?.status).toBe('handled');
    expect(db.prepare("SELECT version FROM schema_migrations WHERE scope = 'sandbox'").all()).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }]);
  });
});
