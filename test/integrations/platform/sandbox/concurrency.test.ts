import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { manualClock } from '../../../../integrations/clock';
import { PlatformError } from '../../../../integrations/platform/errors';
import { SandboxAdmin } from '../../../../integrations/platform/sandbox/SandboxAdmin';
import { SandboxPlatform } from '../../../../integrations/platform/sandbox/SandboxPlatform';
import { addLearner, idNumber, LI_NA, openFile, sandbox, tempDir, TODAY, vin, WANG_QIANG } from '../fixtures';

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof PlatformError) return err.code;
    throw err;
  }
}

function tally(outcomes: readonly string[]): Record<string, number> {
  const t: Record<string, number> = {};
  for (const o of outcomes) t[o] = (t[o] ?? 0) + 1;
  return t;
}

function runWorker(data: { file: string; now: string; op: 'book' | 'pay'; ids: string[]; worker: number }): Promise<string[]> {
  const script = join(__dirname, 'parallelWorker.ts');
  // The worker loads TypeScript through tsx's require hook (absolute path: independent of the working directory).
  const tsx = require.resolve('tsx/cjs');
  const worker = new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(script)});`, { eval: true, workerData: data });
  return new Promise((resolve, reject) => {
    worker.once('message', (m: string[]) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`worker exited with ${code}`)); });
  });
}

describe('concurrency', () => {
  it('100 concurrent bookings for one slot of 20: exactly 20 succeed', async () => {
    const { platform, admin, db } = sandbox();
    const ids = Array.from({ length: 100 }, (_, i) => addLearner(admin, i));
    const outcomes = await Promise.all(ids.map((id, i) => outcome(platform.exams.book(id, 1, 'nj-1', '2026-11-26', 'morning', `k${i}`))));
    expect(tally(outcomes)).toEqual({ ok: 20, SLOT_FULL: 80 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM exam_bookings WHERE status = 'booked'").get()).toEqual({ n: 20 });
    expect(db.prepare("SELECT booked FROM exam_slots WHERE centre_id = 'nj-1' AND date = '2026-11-26' AND session = 'morning'").get()).toEqual({ booked: 20 });
  });

  it('the same with two SandboxPlatform instances (two connections) on one SQLite file', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'sandbox.sqlite');
    const clock = manualClock(TODAY);
    const db1 = openFile(file);
    const db2 = openFile(file);
    try {
      const a = new SandboxPlatform(db1, clock);
      const b = new SandboxPlatform(db2, clock);
      const admin = new SandboxAdmin(db1, clock);
      const ids = Array.from({ length: 100 }, (_, i) => addLearner(admin, i));
      const outcomes = await Promise.all(ids.map((id, i) =>
        outcome((i % 2 === 0 ? a : b).exams.book(id, 1, 'nj-1', '2026-11-26', 'morning', `k${i}`))));
      expect(tally(outcomes)).toEqual({ ok: 20, SLOT_FULL: 80 });
      expect((await b.exams.listSlots(1, '2026-11-26', 1)).find((s) => s.session === 'morning')?.remaining).toBe(0);
      expect(db2.prepare("SELECT COUNT(*) AS n FROM exam_bookings WHERE status = 'booked'").get()).toEqual({ n: 20 });
    } finally {
      db1.close();
      db2.close();
      cleanup();
    }
  });

  it('four worker threads with their own connections booking 100 citizens at once: exactly 20 succeed', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'sandbox.sqlite');
    const db = openFile(file);
    try {
      const admin = new SandboxAdmin(db, manualClock(TODAY));
      const ids = Array.from({ length: 100 }, (_, i) => addLearner(admin, i));
      const results = await Promise.all([0, 1, 2, 3].map((w) =>
        runWorker({ file, now: TODAY, op: 'book', ids: ids.filter((_, i) => i % 4 === w), worker: w })));
      expect(tally(results.flat())).toEqual({ ok: 20, SLOT_FULL: 80 });
      expect(db.prepare("SELECT COUNT(*) AS n FROM exam_bookings WHERE status = 'booked'").get()).toEqual({ n: 20 });
    } finally {
      db.close();
      cleanup();
    }
  });

  it('two citizens racing for one plate: one wins', async () => {
    const { platform, admin } = sandbox();
    const other = idNumber(900);
    admin.addCitizen({ idNumber: other, name: '赵六', phone: '13600000000' });
    admin.addVehicle(vin(9), other, 'fuel');
    await platform.plates.checkPatterns(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, ['66688']);
    await platform.plates.checkPatterns(other, vin(9), ['66688']);
    const outcomes = await Promise.all([
      outcome(platform.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, '苏A66688', 'a')),
      outcome(platform.plates.reserve(other, vin(9), '苏A66688', 'b')),
    ]);
    expect([...outcomes].sort()).toEqual(['PLATE_TAKEN', 'ok']);
    const holders = [
      ...(await platform.plates.reservedPlate({ idNumber: WANG_QIANG.idNumber })),
      ...(await platform.plates.reservedPlate({ idNumber: other })),
    ];
    expect(holders.map((h) => h.plate)).toEqual(['苏A66688']);
  });

  it('two citizens racing for one plate through two connections on one file: one wins', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'sandbox.sqlite');
    const clock = manualClock(TODAY);
    const db1 = openFile(file);
    const db2 = openFile(file);
    try {
      const a = new SandboxPlatform(db1, clock);
      const b = new SandboxPlatform(db2, clock);
      const other = idNumber(901);
      const admin = new SandboxAdmin(db2, clock);
      admin.addCitizen({ idNumber: other, name: '赵六', phone: '13600000000' });
      admin.addVehicle(vin(10), other, 'fuel');
      await a.plates.checkPatterns(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, ['66688']);
      await b.plates.checkPatterns(other, vin(10), ['66688']);
      const outcomes = await Promise.all([
        outcome(a.plates.reserve(WANG_QIANG.idNumber, WANG_QIANG.fuelVin, '苏A66688', 'a')),
        outcome(b.plates.reserve(other, vin(10), '苏A66688', 'b')),
      ]);
      expect([...outcomes].sort()).toEqual(['PLATE_TAKEN', 'ok']);
      expect(db1.prepare("SELECT COUNT(*) AS n FROM plate_holds WHERE plate = '苏A66688' AND status = 'reserved'").get()).toEqual({ n: 1 });
    } finally {
      db1.close();
      db2.close();
      cleanup();
    }
  });

  it('a payment retried 5 times concurrently with one key is charged once', async () => {
    const { platform, db } = sandbox();
    const results = await Promise.all(Array.from({ length: 5 }, () => platform.violations.pay(LI_NA.decision, 20000, 'pay-1')));
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(results[0]?.replayed).toBe(false);
    expect(db.prepare('SELECT COUNT(*) AS n, SUM(amount_fen) AS total FROM payments WHERE decision_number = ?').get(LI_NA.decision))
      .toEqual({ n: 1, total: 20000 });
  });

  it('duplicate messages with different keys still charge once', async () => {
    const { platform, db } = sandbox();
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => platform.violations.pay(LI_NA.decision, 20000, `dup-${i}`)));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.paymentId)).size).toBe(1);
    expect(db.prepare('SELECT COUNT(*) AS n FROM payments WHERE decision_number = ?').get(LI_NA.decision)).toEqual({ n: 1 });
  });

  it('five worker threads paying one decision at once: charged once', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'sandbox.sqlite');
    const db = openFile(file);
    try {
      new SandboxPlatform(db, manualClock(TODAY));
      const results = await Promise.all([0, 1, 2, 3, 4].map((w) =>
        runWorker({ file, now: TODAY, op: 'pay', ids: [LI_NA.decision], worker: w })));
      expect(results.flat()).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
      expect(db.prepare('SELECT COUNT(*) AS n FROM payments WHERE decision_number = ?').get(LI_NA.decision)).toEqual({ n: 1 });
    } finally {
      db.close();
      cleanup();
    }
  });
});
