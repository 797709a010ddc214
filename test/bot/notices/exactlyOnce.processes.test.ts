import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxAdmin } from '../../../integrations/platform/sandbox/SandboxAdmin';
import { SandboxClock } from '../../../integrations/platform/sandbox/SandboxClock';
import { calendar } from '../../../integrations/platform/sandbox/calendar';
import { openSqlite } from '../../../integrations/storage/sqlite/openSqlite';
import { freePort } from '../../../tools/faults/botProcess';
import { seedNoticeCitizens, type NoticeCitizen } from '../../../tools/bench/noticeCitizens';
import { deliveries, readRun, setClock, startCluster, stopCluster, workersOf, type Cluster } from '../../../tools/bench/noticeRun';
import { capture, childLogLevel } from '../../support/capture';

/**
 * Issue 17's exactly-once: several hundred due notices for a few dozen citizens, two bot processes on one data
 * folder (WORKERS=2), one killed with SIGKILL while sending (the supervisor replaces it), then the whole bot
 * stopped and started again with more notices falling due while it was down. Each notice is in the sandbox
 * WeChat's outbox once, and none is missing. Slow (two starts of two processes): npm run test:fast leaves it out.
 */
const TODAY = '2026-12-01';
const TOMORROW = calendar.addDays(TODAY, 1);
const CITIZENS = 40;
const KINDS = ['speeding', 'parking', 'red-light', 'phone-use', 'lane', 'seatbelt'] as const;

async function until<T>(what: string, probe: () => T | undefined, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Records one violation on each car over HTTP, four at a time (both processes serve them); answers how many were
 * answered 201. A request the killed process held may fail, recorded or not: the platform's table says what was.
 */
async function violations(base: string, cars: readonly NoticeCitizen[], round: number): Promise<number> {
  let recorded = 0;
  let next = 0;
  const one = async (): Promise<void> => {
    while (next < cars.length) {
      const c = cars[next++];
      try {
        const res = await fetch(`${base}/sandbox/violations`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plate: c.plate, kind: KINDS[round % KINDS.length] }),
        });
        if (res.status === 201) recorded += 1;
      } catch { /* the process answering was killed */ }
    }
  };
  await Promise.all([one(), one(), one(), one()]);
  return recorded;
}

/** Every notice due: each renewal, and one per violation the platform recorded (its owner's follower). */
function dueKeys(file: string, citizens: readonly NoticeCitizen[]): string[] {
  const byId = new Map(citizens.map((c) => [c.idNumber, c.citizen]));
  const db = openSqlite(file);
  try {
    const rows = db.prepare('SELECT violation_id, id_number FROM violations').all() as Array<{ violation_id: string; id_number: string }>;
    return [
      ...citizens.map((c) => `licence-renewal:${c.validUntil}:${c.citizen}`),
      // (The sandbox's own personas have violations from before; none of them follows the account.)
      ...rows.filter((r) => byId.has(r.id_number)).map((r) => `new-violation:${r.violation_id}:${byId.get(r.id_number) ?? ''}`),
    ];
  } finally {
    db.close();
  }
}

describe('notices: exactly once across two processes, a kill -9 and a restart', () => {
  it('every due notice reaches the WeChat outbox once, none is missing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jiaoguan-notices-once-'));
    const file = join(dataDir, 'jiaoguan.sqlite');
    // Each has a licence to renew (due tomorrow 09:00) and a car; every topic granted.
    const citizens = await seedNoticeCitizens(dataDir, {
      count: CITIZENS, today: TODAY, prefix: 'o_once', validUntil: () => calendar.addDays(TOMORROW, 90), ownsCar: () => true,
    });
    // Ten notices per citizen in one day: above the default daily cap of 5, which would hold the rest for tomorrow.
    const env = { DATA_DIR: dataDir, SANDBOX_TODAY: TODAY, NOTICE_DAILY_CAP: '20', LOG_LEVEL: childLogLevel('warn') };
    let cluster: Cluster | undefined;
    const output: string[] = [];
    try {
      cluster = await startCluster(env, await freePort());
      const [victim, survivor] = workersOf(cluster.primary);

      // Three rounds of violations in the evening's quiet hours: held until 08:00. The clock then moves to 09:00 and
      // they go out with the renewals, about 160 at once; one process is killed while they do.
      expect((await setClock(cluster.base, `${TODAY}T22:00:00+08:00`)).status).toBe(200);
      for (let round = 0; round < 3; round += 1) expect(await violations(cluster.base, citizens, round)).toBe(CITIZENS);
      const moving = setClock(cluster.base, `${TOMORROW}T09:00:00+08:00`).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
      process.kill(victim, 'SIGKILL');
      await Promise.all([moving, violations(cluster.base, citizens, 3)]);
      const primary = cluster.primary;
      const replaced = await until('the killed process to be replaced', () => {
        const now = workersOf(primary);
        return now.length === 2 && !now.includes(victim) ? now : undefined;
      }, 30_000);
      expect(replaced).toContain(survivor);
      expect(await violations(cluster.base, citizens, 4)).toBe(CITIZENS);

      // The whole bot stops while notices are still going out…
      await stopCluster(cluster);
      output.push(cluster.output());
      // …and two more rounds are recorded while it is down (the platform goes on without the bot).
      const db = openSqlite(file);
      try {
        const admin = new SandboxAdmin(db, new SandboxClock(db, { today: TODAY }));
        for (let round = 5; round < 7; round += 1) {
          for (const c of citizens) {
            const vin = (db.prepare("SELECT vin FROM plate_holds WHERE plate = ? AND status = 'registered'").get(c.plate) as { vin: string }).vin;
            admin.addViolation({ idNumber: c.idNumber, vin, kind: KINDS[round % KINDS.length], location: '南京市玄武区中山路', fineFen: 5000, points: 1 });
          }
        }
      } finally {
        db.close();
      }

      cluster = await startCluster(env, await freePort());
      expect(await violations(cluster.base, citizens, 7)).toBe(CITIZENS);
      const expected = dueKeys(file, citizens);
      // An hour later: a job the killed process held has its lease (30 s) run out and is claimed again.
      expect((await setClock(cluster.base, `${TOMORROW}T10:00:00+08:00`)).status).toBe(200);
      await until('every notice to be sent', () => {
        const { jobs } = readRun(file);
        return jobs.filter((j) => j.status === 'sent').length >= expected.length ? true : undefined;
      }, 30_000).catch(() => undefined);
      await stopCluster(cluster);
      output.push(cluster.output());

      const run = readRun(file);
      const d = deliveries(run, expected);
      expect(expected.length).toBeGreaterThanOrEqual(300);
      expect({ delivered: d.delivered, missing: d.missing, duplicates: d.duplicates, outbox: run.outbox.length })
        .toEqual({ delivered: expected.length, missing: [], duplicates: 0, outbox: expected.length });
      expect(run.jobs.filter((j) => j.status !== 'sent').map((j) => `${j.key} ${j.status} ${j.last_error ?? ''}`)).toEqual([]);
    } finally {
      if (cluster) await stopCluster(cluster, 5_000);
      capture('bot-process', output.join('\n'));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 150_000);
});
