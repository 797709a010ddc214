import { SandboxPlatform } from '../../../../integrations/platform/sandbox/SandboxPlatform';
import { expectCode, idNumber, LI_NA, sandbox, WANG_QIANG, ZHANG_WEI } from '../fixtures';
import { PORT_TARGETS, type PortTarget } from '../portTargets';

describe.each(PORT_TARGETS)('violations.licence through %s: class and validity of the driving licence', (_name, open) => {
  let t: PortTarget;
  beforeEach(async () => { t = await open(); });
  afterEach(async () => { await t.close(); });

  it.each([
    ['李娜: C1, renewed 2021-03-15, valid to 2027-03-01 (renewal due from 2026-12-01)', LI_NA.idNumber, { licenceClass: 'C1', validFrom: '2021-03-15', validUntil: '2027-03-01' }],
    ['王强: A1, long-term (长期)', WANG_QIANG.idNumber, { licenceClass: 'A1', validFrom: '2011-06-01', validUntil: null }],
  ])('%s', async (_who, id, licence) => {
    expect(await t.platform.violations.licence(id)).toEqual(licence);
  });

  it('张伟, a learner, holds none: NO_LICENCE with learner true; a citizen never enrolled: learner false', async () => {
    expect((await expectCode(t.platform.violations.licence(ZHANG_WEI.idNumber), 'NO_LICENCE')).details).toEqual({ learner: true });
    t.admin.addCitizen({ idNumber: idNumber(801), name: '路人', phone: '13900000801' });
    expect((await expectCode(t.platform.violations.licence(idNumber(801)), 'NO_LICENCE')).details).toEqual({ learner: false });
  });

  it('refuses a malformed ID number and nobody on file', async () => {
    await expectCode(t.platform.violations.licence('320102199003071238'), 'INVALID_ARGUMENT');
    expect((await expectCode(t.platform.violations.licence(idNumber(802)), 'NOT_FOUND')).details).toEqual({ entity: 'citizen' });
  });

  it('a citizen added with a licence has that licence; the points cycle runs from its first issue', async () => {
    t.admin.addCitizen({
      idNumber: idNumber(803), name: '新司机', phone: '13900000803', licenceFirstIssuedOn: '2018-05-20',
      licence: { licenceClass: 'B2', validFrom: '2024-05-20', validUntil: '2034-05-20' },
    });
    expect(await t.platform.violations.licence(idNumber(803))).toEqual({ licenceClass: 'B2', validFrom: '2024-05-20', validUntil: '2034-05-20' });
    expect(await t.platform.violations.points(idNumber(803))).toMatchObject({ cycleStart: '2026-05-20', cycleEnd: '2027-05-19' });
  });
});

describe('SandboxAdmin.addCitizen with licence validity', () => {
  it('a licence without a first issue date was first issued on its validFrom', async () => {
    const { platform, admin } = sandbox();
    admin.addCitizen({ idNumber: idNumber(810), name: '甲', phone: '13900000810', licence: { licenceClass: 'c1', validFrom: '2025-01-10', validUntil: null } });
    expect(await platform.violations.licence(idNumber(810))).toEqual({ licenceClass: 'C1', validFrom: '2025-01-10', validUntil: null });
    expect(await platform.violations.points(idNumber(810))).toMatchObject({ cycleStart: '2026-01-10' });
  });

  it('a first issue date alone is a first C1 licence, valid 6 years (to the day before the sixth anniversary)', async () => {
    const { platform, admin } = sandbox();
    admin.addCitizen({ idNumber: idNumber(811), name: '乙', phone: '13900000811', licenceFirstIssuedOn: '2024-02-29' });
    expect(await platform.violations.licence(idNumber(811))).toEqual({ licenceClass: 'C1', validFrom: '2024-02-29', validUntil: '2030-02-27' });
  });

  it.each([
    ['an unknown class', 'licenceClass', { licenceClass: 'Z9', validFrom: '2025-01-10', validUntil: null }],
    ['no such date', 'validFrom', { licenceClass: 'C1', validFrom: '2025-02-30', validUntil: null }],
    ['validity ending when it starts', 'validUntil', { licenceClass: 'C1', validFrom: '2025-01-10', validUntil: '2025-01-10' }],
  ])('refuses %s (INVALID_ARGUMENT on %s) and adds nobody', async (_what, field, licence) => {
    const { platform, admin } = sandbox();
    const add = Promise.resolve().then(() => admin.addCitizen({ idNumber: idNumber(812), name: '丙', phone: '13900000812', licence }));
    expect((await expectCode(add, 'INVALID_ARGUMENT')).details).toMatchObject({ field });
    await expectCode(platform.violations.licence(idNumber(812)), 'NOT_FOUND');
  });
});

describe('a sandbox database from before licence validity (migration 4)', () => {
  it('gets the personas\' licences at its next start, once; a licence changed since is kept', async () => {
    const { db, clock } = sandbox();
    // As a database seeded before the columns existed: the personas' licences empty, the seed step not yet run.
    db.prepare('UPDATE citizens SET licence_class = NULL, licence_valid_from = NULL, licence_valid_until = NULL').run();
    db.prepare("DELETE FROM sandbox_meta WHERE key = 'seed.licences'").run();
    db.prepare("UPDATE citizens SET licence_class = 'C2', licence_valid_from = '2020-01-01', licence_valid_until = '2030-01-01' WHERE id_number = ?")
      .run(WANG_QIANG.idNumber);
    const restarted = new SandboxPlatform(db, clock);
    expect(await restarted.violations.licence(LI_NA.idNumber)).toEqual({ licenceClass: 'C1', validFrom: '2021-03-15', validUntil: '2027-03-01' });
    expect(await restarted.violations.licence(WANG_QIANG.idNumber)).toEqual({ licenceClass: 'C2', validFrom: '2020-01-01', validUntil: '2030-01-01' });

    db.prepare("UPDATE citizens SET licence_valid_until = '2033-03-01' WHERE id_number = ?").run(LI_NA.idNumber);
    const again = new SandboxPlatform(db, clock);
    expect((await again.violations.licence(LI_NA.idNumber)).validUntil).toBe('2033-03-01');
  });

  it('reads a licence on file without class or validity as a first licence from its first issue', async () => {
    const { db, platform, admin } = sandbox();
    admin.addCitizen({ idNumber: idNumber(820), name: '丁', phone: '13900000820', licenceFirstIssuedOn: '2023-07-01' });
    db.prepare('UPDATE citizens SET licence_class = NULL, licence_valid_from = NULL, licence_valid_until = NULL WHERE id_number = ?').run(idNumber(820));
    expect(await platform.violations.licence(idNumber(820))).toEqual({ licenceClass: 'C1', validFrom: '2023-07-01', validUntil: '2029-06-30' });
  });
});

describe('violations.licence over HTTP', () => {
  it('asks GET /v1/licence with the ID number in X-Citizen-Id, never in the URL', async () => {
    const t = await PORT_TARGETS[1]![1]();
    try {
      await t.platform.violations.licence(LI_NA.idNumber);
      expect(t.urls.map((u) => new URL(u).pathname)).toEqual(['/v1/licence']);
      for (const url of t.urls) expect(url).not.toContain(LI_NA.idNumber.slice(-6));
    } finally {
      await t.close();
    }
  });
});
