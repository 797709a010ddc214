import { plateRules } from '../../../../integrations/platform/plates/plateRules';
import { expectCode, idNumber, LI_NA, sandbox, vin, WANG_QIANG } from '../fixtures';

const EV_CANDIDATE = /^苏AD[0-9A-HJ-NP-Z]\d{4}$/;
const FUEL_CANDIDATE = /^苏A[0-9A-HJ-NP-Z]{5}$/;

describe('random rounds', () => {
  it('gives 王强 10 distinct D plates for his battery-electric car', async () => {
    const { platform } = sandbox();
    const round = await platform.plates.startRandomRound(WANG_QIANG.idNumber, WANG_QIANG.evVin);
    expect(round).toMatchObject({ round: 1, roundsLeft: 4 });
    expect(round.candidates).toHaveLength(10);
    expect(new Set(round.candidates).size).toBe(10);
    for (const p of round.candidates) expect(p).toMatch(EV_CANDIDATE);
    expect((await platform.plates.startRandomRound(WANG_QIANG.idNumber, WANG_QIANG.evVin, 'battery-electric')).round).toBe(2);
  });

  it('gives ordinary plates with at most 2 letters and nothing from the denylist for his second car', async () => {
    const { platform } = sandbox();
    for (let r = 0; r < 5; r += 1) {
      const round = await platform.plates.startRandomRound(WANG_QIANG.idNumber, WANG_QIANG.fuelVin);
      for (const p of round.candidates) {
        expect(p).toMatch(FUEL_CANDIDATE);
        expect([...p.slice(2)].filter((c) => /[A-Z]/.test(c)).length).toBeLessThanOrEqual(2);
        expect(['4444', '250', 'SB', '88888'].some((f) => p.includes(f))).toBe(false);
      }
    }
  });

  it('allows 5 rounds per vehicle', async () => {
    const { platform } = sandbox();
    for (let r = 1; r <= 5; r += 1) {
      expect((await platform.plates.startRandomRound(WANG_QIANG.idNumber, WANG_QIANG.fuelVin)).roundsLeft).toBe(5 - r);
    }
    const err = await expectCode(platform.plates.startRandomRound(WANG_QIANG.idNumber, WANG_QIANG.fuelVin), 'ROUNDS_EXHAUSTED');
    expect(err.details).toEqual({ maxRounds: 5 });
    // Rounds are counted per vehicle.
    await platform.plates.startRandomRound(WANG_QIANG.idNumber, WANG_QIANG.evVin);
  });

  it.each([
    [WANG_QIANG.fuelVin, 'battery-electric' as const],
    [WANG_QIANG.evVin, 'other' as const],
  ])('refuses a new-energy kind that does not match the vehicle', async (v, kind) => {
    const { platform } = sandbox();
    const err = await expectCode(platform.plates.startRandomRound(WANG_QIANG.idNumber, v, kind), 'PLATE_INVALID');
    expect(err.details).toMatchObject({ reason: 'energy-mismatch' });
  });

  it('only serves the owner, and not a vehicle that already has a plate', async () => {
    const { platform } = sandbox();
    await expectCode(platform.plates.startRandomRound(LI_NA.idNumber, WANG_QIANG.evVin), 'NOT_FOUND');
    const err = await expectCode(platform.plates.startRandomRound(LI_NA.idNumber, LI_NA.vin), 'VEHICLE_HAS_PLATE');
    expect(err.details).toMatchObject({ plate: '苏A12345', status: 'registered' });
  });
});

describe('pattern checks', () => {
  it('checks in order and offers the first available plate', async () => {
    const { platform } = sandbox();
    const result = await platform.plates.checkPatterns(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, [
      '苏A12345', 'SB123', 'ABC12', '8I888', '苏B12346', '14444', '12346', '12347',
    ]);
    expect(result).toEqual({
      plate: '苏A12346',
      checked: [
        { pattern: '苏A12345', plate: '苏A12345', verdict: 'taken' },
        { pattern: 'SB123', plate: '苏ASB123', verdict: 'denied' },
        { pattern: 'ABC12', plate: null, verdict: 'invalid' },
        { pattern: '8I888', plate: null, verdict: 'invalid' },
        { pattern: '苏B12346', plate: '苏B12346', verdict: 'invalid' },
        { pattern: '14444', plate: '苏A14444', verdict: 'denied' },
        { pattern: '12346', plate: '苏A12346', verdict: 'available' },
      ],
    });
  });

  it('lets 王强 pick a D plate for his battery-electric car', async () => {
    const { platform } = sandbox();
    const result = await platform.plates.checkPatterns(WANG_QIANG.idNumber, WANG_QIANG.evVin, ['F12345', '12345', 'D12345']);
    expect(result.plate).toBe('苏AD12345');
    expect(result.checked.map((c) => c.verdict)).toEqual(['invalid', 'invalid', 'available']);
    const r = await platform.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.evVin, '苏AD12345', 'k');
    expect(r).toEqual({ plate: '苏AD12345', vinLast6: '654321', status: 'reserved', reservedAt: '2026-11-25T02:00:00.000Z', expiresOn: '2026-12-25' });
  });

  it.each([
    [[], 'INVALID_ARGUMENT'],
    [Array.from({ length: 21 }, (_, i) => String(10000 + i)), 'INVALID_ARGUMENT'],
    [Array.from({ length: 20 }, (_, i) => String(10000 + i)), 'ok'],
  ])('accepts 1 to 20 patterns (%#)', async (patterns, expected) => {
    const { platform } = sandbox();
    const call = platform.plates.checkPatterns(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, patterns);
    if (expected === 'ok') expect((await call).plate).toBe('苏A10000');
    else await expectCode(call, 'INVALID_ARGUMENT');
  });

  it.each(['4444', '250', 'SB', '88888', '00000'])('treats %s as denied, in reservations too', async (fragment) => {
    const { platform } = sandbox();
    const serial = `${fragment}12345`.slice(0, 5);
    const result = await platform.plates.checkPatterns(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, [serial]);
    expect(result.checked[0]?.verdict).toBe('denied');
    await expectCode(platform.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, `苏A${serial}`, 'k'), 'PLATE_DENIED');
  });
});

describe('reservations', () => {
  it('holds an offered plate with an expiry and shows it by VIN and by owner', async () => {
    const { platform } = sandbox();
    const round = await platform.plates.startRandomRound(WANG_QIANG.idNumber, WANG_QIANG.fuelVin);
    const plate = round.candidates[3] ?? '';
    const r = await platform.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, plate, 'k1');
    expect(r).toMatchObject({ plate, vinLast6: '008821', status: 'reserved', expiresOn: '2026-12-25' });
    expect(await platform.plates.reservedPlate({ vin: WANG_QIANG.fuelVin })).toEqual([r]);
    expect(await platform.plates.reservedPlate({ idNumber: WANG_QIANG.idNumber })).toEqual([r]);
    expect(await platform.plates.reservedPlate({ vin: WANG_QIANG.evVin })).toEqual([]);
    expect(await platform.plates.reservedPlate({ idNumber: LI_NA.idNumber })).toEqual([
      expect.objectContaining({ plate: '苏A12345', status: 'registered', expiresOn: null }),
    ]);
  });

  it('one selection per vehicle', async () => {
    const { platform } = sandbox();
    const round = await platform.plates.startRandomRound(WANG_QIANG.idNumber, WANG_QIANG.fuelVin);
    await platform.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, round.candidates[0] ?? '', 'k1');
    await expectCode(platform.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, round.candidates[1] ?? '', 'k2'), 'VEHICLE_HAS_PLATE');
    await expectCode(platform.plates.startRandomRound(WANG_QIANG.idNumber, WANG_QIANG.fuelVin), 'VEHICLE_HAS_PLATE');
    await expectCode(platform.plates.checkPatterns(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, ['13579']), 'VEHICLE_HAS_PLATE');
  });

  it('only plates offered by the current round or a pattern check can be reserved', async () => {
    const { platform } = sandbox();
    const first = await platform.plates.startRandomRound(WANG_QIANG.idNumber, WANG_QIANG.fuelVin);
    await platform.plates.startRandomRound(WANG_QIANG.idNumber, WANG_QIANG.fuelVin);
    await expectCode(platform.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, first.candidates[0] ?? '', 'k1'), 'PLATE_NOT_OFFERED');
    await expectCode(platform.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, '苏A13579', 'k2'), 'PLATE_NOT_OFFERED');
  });

  it('refuses taken, malformed and foreign plates', async () => {
    const { platform } = sandbox();
    await expectCode(platform.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, '苏A12345', 'k1'), 'PLATE_TAKEN');
    const bad = await expectCode(platform.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, '苏A1AB2C', 'k2'), 'PLATE_INVALID');
    expect(bad.details).toEqual({ reason: 'letters' });
    const foreign = await expectCode(platform.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, '苏B13579', 'k3'), 'PLATE_INVALID');
    expect(foreign.details).toEqual({ reason: 'authority' });
    await expectCode(platform.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.evVin, '苏A13579', 'k4'), 'PLATE_INVALID');
    await expectCode(platform.plates.reserve(LI_NA.idNumber, WANG_QIANG.fuelVin, '苏A13579', 'k5'), 'NOT_FOUND');
  });

  it('is idempotent by key', async () => {
    const { platform, clock } = sandbox();
    await platform.plates.checkPatterns(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, ['13579']);
    const r1 = await platform.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, '苏A13579', 'same');
    clock.advanceDays(1);
    expect(await platform.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, '苏a 13579', 'same')).toEqual(r1);
    await expectCode(platform.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, '苏A13578', 'same'), 'IDEMPOTENCY_CONFLICT');
  });

  it('no plate is held for two vehicles; the other citizen sees it as taken', async () => {
    const { platform, admin } = sandbox();
    const other = idNumber(500);
    admin.addCitizen({ idNumber: other, name: '赵六', phone: '13600000000' });
    admin.addVehicle(vin(1), other, 'fuel');
    await platform.plates.checkPatterns(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, ['13579']);
    await platform.plates.checkPatterns(other, vin(1), ['13579']);
    await platform.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, '苏A13579', 'a');
    await expectCode(platform.plates.reserve(other, vin(1), '苏A13579', 'b'), 'PLATE_TAKEN');
    expect((await platform.plates.checkPatterns(other, vin(1), ['13579', '13580'])).checked.map((c) => c.verdict)).toEqual(['taken', 'available']);
    const round = await platform.plates.startRandomRound(other, vin(1));
    expect(round.candidates).not.toContain('苏A13579');
  });

  it.each([[30, 'held'], [31, 'released']])('%i days after selection an unregistered plate is %s', async (days, expected) => {
    const { platform, admin, clock } = sandbox();
    const other = idNumber(501);
    admin.addCitizen({ idNumber: other, name: '赵六', phone: '13600000001' });
    admin.addVehicle(vin(2), other, 'fuel');
    await platform.plates.checkPatterns(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, ['13579']);
    await platform.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, '苏A13579', 'a');
    clock.advanceDays(days);
    const seen = await platform.plates.checkPatterns(other, vin(2), ['13579']);
    const held = await platform.plates.reservedPlate({ vin: WANG_QIANG.fuelVin });
    if (expected === 'held') {
      expect(seen.checked[0]?.verdict).toBe('taken');
      expect(held).toHaveLength(1);
    } else {
      expect(seen.plate).toBe('苏A13579');
      expect(held).toEqual([]);
      await platform.plates.reserve(other, vin(2), '苏A13579', 'b');
    }
  });

  it('registration keeps the plate for good', async () => {
    const { platform, admin, clock } = sandbox();
    await platform.plates.checkPatterns(WANG_QIANG.idNumber, WANG_QIANG.evVin, ['D13579']);
    await platform.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.evVin, '苏AD13579', 'a');
    clock.advanceDays(10);
    expect(admin.registerVehicle(WANG_QIANG.evVin)).toBe('苏AD13579');
    clock.advanceDays(400);
    expect(await platform.plates.reservedPlate({ vin: WANG_QIANG.evVin })).toEqual([
      expect.objectContaining({ plate: '苏AD13579', status: 'registered', expiresOn: null }),
    ]);
    expect(await platform.violations.byPlate('苏AD13579', '654321')).toEqual([]);
  });

  it('the partial unique indexes refuse a second active hold even for hand-written SQL', () => {
    const { db } = sandbox();
    const insert = db.prepare(`INSERT INTO plate_holds (plate, vin, id_number, status, reserved_at, expires_on)
      VALUES (?, ?, ?, 'reserved', '2026-11-25T02:00:00.000Z', '2026-12-25')`);
    expect(() => insert.run('苏A12345', WANG_QIANG.fuelVin, WANG_QIANG.idNumber)).toThrow(/UNIQUE/);
    insert.run('苏A13579', WANG_QIANG.fuelVin, WANG_QIANG.idNumber);
    expect(() => insert.run('苏A13580', WANG_QIANG.fuelVin, WANG_QIANG.idNumber)).toThrow(/UNIQUE/);
    expect(plateRules.normalize('苏a13579')).toBe('苏A13579');
  });
});
