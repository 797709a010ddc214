import { calendar } from '../../../../integrations/platform/sandbox/calendar';
import { check } from '../../../../integrations/platform/sandbox/check';
import { lateFee } from '../../../../integrations/platform/violations/lateFee';
import { plateRules } from '../../../../integrations/platform/plates/plateRules';
import type { PlateEnergy } from '../../../../integrations/platform/plates/plateRules';
import { pointsCycle } from '../../../../integrations/platform/violations/pointsCycle';
import { PlatformError } from '../../../../integrations/platform/errors';

describe('calendar', () => {
  it.each([
    ['2026-11-25', true], ['2026-11-28', false], ['2026-11-29', false], ['2026-11-30', true], ['2026-12-04', true],
  ])('%s is a working day: %s', (date, expected) => {
    expect(calendar.isWorkingDay(date)).toBe(expected);
  });

  it.each([
    ['2026-11-20', 10, '2026-11-30'], ['2026-12-25', 10, '2027-01-04'], ['2028-02-28', 1, '2028-02-29'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(calendar.addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2024-02-29', 1, '2025-02-28'], ['2024-02-29', 4, '2028-02-29'], ['2023-11-20', 3, '2026-11-20'],
  ])('%s + %i years = %s', (date, years, expected) => {
    expect(calendar.addYears(date, years)).toBe(expected);
  });

  it('starts a China day at 16:00 UTC the day before', () => {
    expect(calendar.startOfChinaDay('2026-11-30')).toBe('2026-11-29T16:00:00.000Z');
  });

  it.each(['2026-02-30', '2026-13-01', '26-11-25', '2026-11-25T00:00'])('rejects %s as a date', (value) => {
    expect(calendar.isDate(value)).toBe(false);
  });
});

describe('lateFee: 15 free days, then 3% of the fine per day, never more than the fine', () => {
  it.each([
    // fine, issued, asOf, lateDays, lateFee
    [10000, '2026-10-01', '2026-10-01', 0, 0],
    [10000, '2026-10-01', '2026-10-16', 0, 0],
    [10000, '2026-10-01', '2026-10-17', 1, 300],
    [10000, '2026-10-01', '2026-10-18', 2, 600],
    [10000, '2026-10-01', '2026-11-18', 33, 9900],
    [10000, '2026-10-01', '2026-11-19', 34, 10000],
    [10000, '2026-10-01', '2026-11-25', 40, 10000],
    [15000, '2026-11-01', '2026-11-21', 5, 2250],
    [5050, '2026-11-01', '2026-11-17', 1, 152], // 151.5 fen rounds half up
  ])('fine %i issued %s, on %s: %i late days, fee %i', (fine, issued, asOf, days, fee) => {
    expect(lateFee(fine, issued, asOf)).toEqual({ dueOn: calendar.addDays(issued, 15), lateDays: days, lateFeeFen: fee });
  });
});

describe('pointsCycle: 12 months from the anniversary of the first issue date', () => {
  it.each([
    ['2010-03-15', '2026-11-25', '2026-03-15', '2027-03-14'],
    ['2010-03-15', '2026-03-15', '2026-03-15', '2027-03-14'],
    ['2010-03-15', '2026-03-14', '2025-03-15', '2026-03-14'],
    ['1995-06-01', '2026-11-25', '2026-06-01', '2027-05-31'],
    ['2026-06-01', '2026-11-25', '2026-06-01', '2027-05-31'],
    ['2012-02-29', '2027-02-28', '2027-02-28', '2028-02-28'],
    ['2012-02-29', '2028-02-29', '2028-02-29', '2029-02-27'],
  ])('first issued %s, on %s: %s … %s', (first, date, start, end) => {
    expect(pointsCycle(first, date)).toEqual({ cycleStart: start, cycleEnd: end });
  });
});

describe('plateRules', () => {
  it.each([
    [' 苏a·12345 ', '苏A12345'], ['苏Ａ１２３４５', '苏A12345'], ['苏A-D1234-5', '苏AD12345'],
  ])('normalises %j to %s', (input, expected) => {
    expect(plateRules.normalize(input)).toBe(expected);
  });

  it.each<[string, PlateEnergy, string]>([
    ['苏A12345', 'fuel', 'ok'],
    ['苏N1A2B3', 'fuel', 'ok'],
    ['苏AQ1234', 'fuel', 'ok'],
    ['京A12345', 'fuel', 'province'],
    ['苏P12345', 'fuel', 'authority'],
    ['苏I12345', 'fuel', 'authority'],
    ['苏O12345', 'fuel', 'authority'],
    ['苏A1234', 'fuel', 'length'],
    ['苏A123456', 'fuel', 'length'],
    ['苏AI2345', 'fuel', 'characters'],
    ['苏A1O345', 'fuel', 'characters'],
    ['苏A1AB2C', 'fuel', 'letters'],
    ['苏AD12345', 'battery-electric', 'ok'],
    ['苏ADA2345', 'battery-electric', 'ok'],
    ['苏AF12345', 'other-new-energy', 'ok'],
    ['苏AF12345', 'battery-electric', 'new-energy-prefix'],
    ['苏AD12345', 'other-new-energy', 'new-energy-prefix'],
    ['苏A112345', 'battery-electric', 'new-energy-prefix'],
    ['苏AD1A345', 'battery-electric', 'new-energy-digits'],
    ['苏AD12345', 'fuel', 'length'],
    ['苏A12345', 'battery-electric', 'length'],
  ])('%s for a %s vehicle: %s', (plate, energy, expected) => {
    const parsed = plateRules.parse(plate, energy);
    expect(parsed.ok ? 'ok' : parsed.problem).toBe(expected);
  });

  it('reads a bare serial as a plate of the vehicle authority', () => {
    expect(plateRules.fromPattern('d 12345', 'B', 'battery-electric')).toEqual({ ok: true, plate: '苏BD12345', authority: 'B', serial: 'D12345' });
  });

  it.each(['14444', 'A2501', 'SB123', '88888', 'AAAAA', 'D04444'])('denies %s', (serial) => {
    const deny = [
      { fragment: '4444', reason: 'offensive' as const }, { fragment: '250', reason: 'offensive' as const },
      { fragment: 'SB', reason: 'offensive' as const }, { fragment: '88888', reason: 'reserved' as const },
      { fragment: 'AAAAA', reason: 'reserved' as const },
    ];
    expect(plateRules.deniedBy(serial, deny)).not.toBeNull();
    expect(plateRules.deniedBy('12345', deny)).toBeNull();
  });

  it.each<PlateEnergy>(['fuel', 'battery-electric', 'other-new-energy'])('random %s serials always fit the rules', (energy) => {
    for (let i = 0; i < 2000; i += 1) {
      const parsed = plateRules.parse(`苏A${plateRules.randomSerial(energy)}`, energy);
      expect(parsed.ok ? 'ok' : parsed.problem).toBe('ok');
    }
  });
});

describe('check', () => {
  it.each([
    ['320102199003071239', true], ['11010519491231002x', true], ['320102199003071238', false], ['3201021990030712', false],
  ])('ID number %s valid: %s', (id, valid) => {
    if (valid) expect(check.idNumber(id)).toBe(id.toUpperCase());
    else expect(() => check.idNumber(id)).toThrow(PlatformError);
  });

  it.each([
    ['LSVAU2187N2123456', true], ['LGXCE4CB7R0654321', true], ['LSVAU2188N2123456', false], ['LSVAU2187N212345O', false],
  ])('VIN %s valid: %s', (vin, valid) => {
    if (valid) expect(check.vin(vin)).toBe(vin);
    else expect(() => check.vin(vin)).toThrow(PlatformError);
  });
});
