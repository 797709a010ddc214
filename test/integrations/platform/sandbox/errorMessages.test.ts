import { PlatformError } from '../../../../integrations/platform/errors';
import { failure, LI_NA, sandbox, WANG_QIANG, ZHANG_WEI } from '../fixtures';

describe('errors are typed, stable and free of personal data', () => {
  it('no message or detail contains a full ID number, phone number or VIN', async () => {
    const { platform } = sandbox();
    const secrets = [
      ZHANG_WEI.idNumber, LI_NA.idNumber, WANG_QIANG.idNumber, ZHANG_WEI.phone, LI_NA.phone, WANG_QIANG.phone,
      LI_NA.vin, WANG_QIANG.evVin, WANG_QIANG.fuelVin, '320102199003071238', 'LSVAU2188N2123456',
    ];
    await platform.identity.startBinding('u', LI_NA.idNumber, '李娜');
    const errors = await Promise.all([
      failure(platform.identity.startBinding('u', '320102199003071238', '张伟')),
      failure(platform.identity.startBinding('u', ZHANG_WEI.idNumber, '李娜')),
      failure(platform.identity.startBinding('u', LI_NA.idNumber, '李娜')),
      failure(platform.identity.confirmBinding('u', LI_NA.idNumber, 'x')),
      failure(platform.identity.requireBinding('u')),
      failure(platform.exams.eligibility(LI_NA.idNumber, 9 as 1, '2026-11-30')),
      failure(platform.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-11-27', 'morning', 'k')),
      failure(platform.exams.book(LI_NA.idNumber, 1, 'nj-1', '2026-11-27', 'morning', 'k')),
      failure(platform.plates.startRandomRound(LI_NA.idNumber, WANG_QIANG.evVin)),
      failure(platform.plates.startRandomRound(LI_NA.idNumber, LI_NA.vin)),
      failure(platform.plates.reserve(WANG_QIANG.idNumber, 'LSVAU2188N2123456', '苏A12345', 'k')),
      failure(platform.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, '苏A12345', 'k')),
      failure(platform.violations.byPlate('苏A12345', '000000')),
      failure(platform.violations.handle(LI_NA.idNumber, LI_NA.violations.redLight, 'k')),
      failure(platform.violations.points(ZHANG_WEI.idNumber)),
      failure(platform.violations.pay(LI_NA.decision, 1, 'k')),
      failure(platform.sms.outbox('12345')),
    ]);
    for (const e of errors) {
      expect(e).toBeInstanceOf(PlatformError);
      const text = JSON.stringify({ message: e.message, details: e.details, stack: e.stack?.split('\n')[0] });
      for (const s of secrets) expect(text).not.toContain(s);
      expect(e.message).toMatch(/^[\x20-\x7e]+$/); // English log text, no user-facing Chinese sentence
    }
    expect(errors.map((e) => e.code)).toEqual([
      'INVALID_ARGUMENT', 'IDENTITY_MISMATCH', 'RATE_LIMITED', 'CODE_WRONG', 'NOT_BOUND', 'INVALID_ARGUMENT', 'PERMIT_TOO_NEW',
      'NOT_REGISTERED', 'NOT_FOUND', 'VEHICLE_HAS_PLATE', 'INVALID_ARGUMENT', 'PLATE_TAKEN', 'NOT_FOUND', 'NOT_SIMPLE_PROCEDURE',
      'NO_LICENCE', 'AMOUNT_MISMATCH', 'INVALID_ARGUMENT',
    ]);
  });

  it('serialises to { code, message, retryable, details } and recognises its codes', () => {
    const e = new PlatformError('SLOT_FULL', 'full', { date: '2026-11-30' });
    expect(JSON.parse(JSON.stringify(e))).toEqual({ code: 'SLOT_FULL', message: 'full', retryable: false, details: { date: '2026-11-30' } });
    expect(new PlatformError('UNAVAILABLE', 'down').retryable).toBe(true);
    expect(PlatformError.isCode('PLATE_TAKEN')).toBe(true);
    expect(PlatformError.isCode('ResourceNotFound')).toBe(false);
    expect(PlatformError.is(e, 'SLOT_FULL')).toBe(true);
    expect(PlatformError.is(new Error('x'))).toBe(false);
  });
});
