import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { calendar } from '../../integrations/platform/sandbox/calendar';
import { isQuiet, parseQuietHours, quietEnds } from '../../bot/notices/quietHours';
import { freePort } from '../faults/botProcess';
import { table } from './benchBot';
import { seedNoticeCitizens, type NoticeCitizen } from './noticeCitizens';
import { chinaIso, deliveries, readRun, setClock, startCluster, stopCluster, workersOf, type JobRow } from './noticeRun';

/**
 * npm run bench:notices — 10,000 subscribed citizens (CITIZENS=…), written into a fresh data folder before the bot
 * starts: every one bound to a WeChat follower with every topic granted; one in ten has a licence to renew today
 * (renewal notice due 09:00), one in ten tomorrow; one in five owns a car. The bot runs with WORKERS=2 on the
 * sandbox clock, which the bench moves through a day in 15-minute steps (06:00 to 09:30 the next morning), recording
 * new violations on the cars between steps (POST /sandbox/violations), through the night's quiet hours (21:00–08:00).
 * One bot process is killed with SIGKILL during the 09:00 burst; the supervisor replaces it. Then the bot is stopped
 * and its store and the sandbox WeChat outbox are read: due notices, delivered, duplicates, misses, lateness,
 * throughput.
 */
const CITIZENS = Number(process.env.CITIZENS ?? 10_000);
const STEP_MINUTES = Number(process.env.STEP_MINUTES ?? 15);
const DAY = '2026-12-01';
const NEXT = calendar.addDays(DAY, 1);
const QUIET = parseQuietHours('21:00-08:00') ?? null;
const at = (date: string, hhmm: string): number => Date.parse(`${date}T${hhmm}:00+08:00`);
const FIRST = at(DAY, '06:00');
const LAST = at(NEXT, '09:30');
const KILL_AT = at(DAY, '09:00');
const KINDS = ['speeding', 'parking', 'red-light', 'phone-use', 'lane', 'seatbelt'] as const;
const fmt = (n: number, d = 0): string => n.toFixed(d);

interface Step {
  /** The sandbox instant set. */
  t: number;
  /** Real ms when the POST was sent, when the clock was set (the sandbox_clock row), and when it was answered. */
  realPost: number;
  realSet: number;
  realDone: number;
  violations: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

/** Records a violation on each car of `owners` (4 at a time): their notices are due at the sandbox's now. */
async function recordViolations(base: string, owners: readonly NoticeCitizen[], n0: number): Promise<Array<{ citizen: string; violationId: string }>> {
  const recorded: Array<{ citizen: string; violationId: string }> = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < owners.length) {
      const c = owners[next];
      const kind = KINDS[(n0 + next) % KINDS.length];
      next += 1;
      const post = (): Promise<Response> => fetch(`${base}/sandbox/violations`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plate: c.plate, kind }),
      });
      // Once more on a connection the killed process held (kept alive from before; the request never reached it).
      const res = await post().catch(post);
      const body = (await res.json()) as { violationId?: string; error?: string };
      if (res.status !== 201 || !body.violationId) throw new Error(`POST /sandbox/violations answered ${res.status}: ${body.error ?? ''}`);
      recorded.push({ citizen: c.citizen, violationId: body.violationId });
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return recorded;
}

/** Waits until the notice engine's events cursor has reached the feed's last event (10 s at most). */
async function feedRead(db: Database.Database): Promise<void> {
  const last = (db.prepare('SELECT MAX(seq) AS n FROM platform_events').get() as { n: number | null }).n ?? 0;
  const cursor = db.prepare("SELECT value FROM notice_cursors WHERE name = 'notices:events'");
  const deadline = Date.now() + 10_000;
  while (Number((cursor.get() as { value: string } | undefined)?.value ?? 0) < last && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jiaoguan-bench-notices-'));
  const t0 = Date.now();
  const citizens = await seedNoticeCitizens(dataDir, {
    count: CITIZENS, today: calendar.addDays(DAY, -1),
    validUntil: (i) => (i % 10 === 0 ? calendar.addDays(DAY, 90) : i % 10 === 1 ? calendar.addDays(NEXT, 90) : calendar.addDays(DAY, 400 + (i % 1000))),
    ownsCar: (i) => i % 5 === 2,
  });
  const seedMs = Date.now() - t0;
  const owners = citizens.filter((c) => c.plate);

  const times: number[] = [];
  for (let t = FIRST; t <= LAST; t += STEP_MINUTES * 60_000) times.push(t);
  // Each car gets one violation, recorded just before one of the steps (spread evenly over the day and the night).
  // (None before the first step: the clock is still at its start, the day before.)
  const ownersAt = (k: number): NoticeCitizen[] => (k === 0 ? [] : owners.filter((_, j) => j % (times.length - 1) === k - 1));

  const port = await freePort();
  const t1 = Date.now();
  // The clock starts at 09:00 the day before (SANDBOX_TODAY): the first sweep already sees today's renewals.
  const cluster = await startCluster({ DATA_DIR: dataDir, SANDBOX_TODAY: calendar.addDays(DAY, -1) }, port);
  const startMs = Date.now() - t1;
  const watch = new Database(join(dataDir, 'jiaoguan.sqlite'), { readonly: true });
  const steps: Step[] = [];
  const violations: Array<{ citizen: string; violationId: string }> = [];
  let killed: { pid: number; real: number; replacedAfterMs?: number } | undefined;
  try {
    for (const [k, t] of times.entries()) {
      const recorded = await recordViolations(cluster.base, ownersAt(k), violations.length);
      violations.push(...recorded);
      // The bot reads the events feed every 2 s of real time; the clock only moves on once it has read them, as real
      // time would have let it (otherwise a 15-minute jump lands between an event and its reading).
      if (recorded.length) await feedRead(watch);
      const realPost = Date.now();
      const posting = setClock(cluster.base, chinaIso(t)).catch((e: unknown) => ({ status: 0, body: String(e) }));
      if (t === KILL_AT) {
        // Mid-burst: the 09:00 renewals are being claimed and sent by both processes.
        await new Promise((r) => setTimeout(r, 250));
        const [victim] = workersOf(cluster.primary);
        if (victim) {
          process.kill(victim, 'SIGKILL');
          killed = { pid: victim, real: Date.now() };
        }
      }
      let answer = await posting;
      // The killed process may have been the one answering: the clock was set (or is set again now, never back).
      if (answer.status !== 200 && killed?.real && Date.now() - killed.real < 60_000) {
        answer = await setClock(cluster.base, chinaIso(Math.max(t, Date.now() - realPost + t)));
        if (answer.status === 400 && answer.body.includes('CLOCK_BACKWARDS')) answer = { status: 200, body: '' };
      }
      if (answer.status !== 200) throw new Error(`POST /sandbox/clock ${chinaIso(t)} answered ${answer.status}: ${answer.body}`);
      const row = watch.prepare('SELECT base, set_at FROM sandbox_clock WHERE id = 1').get() as { base: string; set_at: string };
      // A retried set after the kill set a slightly later instant: the row says which instant was set when.
      steps.push({ t: Date.parse(row.base), realPost, realSet: Date.parse(row.set_at), realDone: Date.now(), violations: recorded.length });
      if (killed && killed.replacedAfterMs === undefined) {
        const now = workersOf(cluster.primary);
        if (now.length === 2 && !now.includes(killed.pid)) killed.replacedAfterMs = Date.now() - killed.real;
      }
      if (k % 8 === 0) process.stderr.write(`  ${chinaIso(t)}  step ${k + 1}/${times.length}, ${violations.length} violations recorded\n`);
    }
    // Everything due by the last step goes out (the lease of a job the killed process held runs out after 30 s of
    // sandbox time; the last violations' events are read within 2 s): waits until every due notice is done, 2 min at most.
    const db = new Database(join(dataDir, 'jiaoguan.sqlite'), { readonly: true });
    const deadline = Date.now() + 120_000;
    const done = db.prepare(`SELECT COUNT(*) AS n FROM notice_jobs WHERE status IN ('sent', 'failed', 'skipped') AND due_at <= ?`);
    const due = (citizens.filter((_, i) => i % 10 < 2).length) + violations.length;
    while ((done.get(LAST) as { n: number }).n < due && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    db.close();
  } finally {
    watch.close();
    await stopCluster(cluster);
  }

  // What should have gone out: the renewals due at 09:00 today and tomorrow, one notice per violation.
  const expected = new Map<string, string>();
  for (const [i, c] of citizens.entries()) if (i % 10 === 0 || i % 10 === 1) expected.set(`licence-renewal:${c.validUntil}:${c.citizen}`, 'licence-renewal');
  for (const v of violations) expected.set(`new-violation:${v.violationId}:${v.citizen}`, 'new-violation');
  const run = readRun(join(dataDir, 'jiaoguan.sqlite'));
  const d = deliveries(run, expected.keys());
  const byKey = new Map(run.jobs.map((j) => [j.key, j]));

  // Real time ↔ sandbox time: between two sets the sandbox clock moves with real time.
  const sandboxAt = (real: number): number => {
    let k = steps.length - 1;
    while (k > 0 && steps[k].realSet > real) k -= 1;
    return steps[k].t + (real - steps[k].realSet);
  };
  // The real time at which the clock first showed a sandbox instant: the set that passed it, or real time between sets.
  const reachedReal = (instant: number): { real: number; step?: number } => {
    for (let k = 0; k < steps.length; k += 1) {
      const s = steps[k];
      if (s.t < instant) continue;
      const prev = steps[k - 1];
      if (prev && prev.t + (s.realSet - prev.realSet) >= instant) return { real: prev.realSet + (instant - prev.t) };
      return { real: s.realSet, step: k };
    }
    const last = steps[steps.length - 1];
    return { real: last.realSet + (instant - last.t) };
  };
  // Per set that made notices due at once (a burst): how many, and when the last was delivered.
  const bursts = new Map<number, { n: number; last: number }>();
  const busy: Array<[number, number]> = [];
  const lateness: number[] = [];
  const recordedLateness: number[] = [];
  const quietLateness: number[] = [];
  let dueInQuiet = 0;
  const inQuiet: string[] = [];
  // A send the sender let go before a set into quiet hours (its clock is read at most every 250 ms) lands just after it.
  let inFlight = 0;
  let stampLag = 0;
  const worst: Array<{ j: JobRow; ms: number; reached: number; delivered: number }> = [];
  const quietStartedBefore = (real: number): boolean => steps.some((x, k) => k > 0 && real >= x.realSet && real - x.realSet < 500
    && isQuiet(QUIET, x.t) && !isQuiet(QUIET, steps[k - 1].t));
  const recordedLate: Array<{ j: JobRow; ms: number; delivered: number }> = [];
  const sentJobs: JobRow[] = [];
  for (const key of expected.keys()) {
    const j = byKey.get(key);
    const message = j ? d.messageOf.get(j.id) : undefined;
    if (!j || !message) continue;
    sentJobs.push(j);
    const effective = quietEnds(QUIET, j.due_at);
    const { real: reached, step } = reachedReal(effective);
    const delivered = d.deliveredAt.get(j.id) ?? Number.NaN;
    // The outbox stamps a message with the sandbox clock of the moment WeChat took it.
    const deliveredSandbox = Date.parse(message.at);
    busy.push([reached, delivered]);
    if (step !== undefined) {
      const b = bursts.get(step) ?? { n: 0, last: 0 };
      bursts.set(step, { n: b.n + 1, last: Math.max(b.last, delivered) });
    }
    lateness.push(delivered - reached);
    if (j.sent_at !== null) {
      recordedLateness.push(j.sent_at - sandboxAt(reached));
      recordedLate.push({ j, ms: j.sent_at - sandboxAt(reached), delivered: deliveredSandbox });
    }
    if (isQuiet(QUIET, j.due_at)) {
      dueInQuiet += 1;
      quietLateness.push(delivered - reached);
    }
    worst.push({ j, ms: delivered - reached, reached, delivered });
    // In quiet hours by the clock when WeChat took it (the outbox's stamp may come from another process's clock,
    // read at most every 250 ms, so it can show the time before the last set).
    if (isQuiet(QUIET, deliveredSandbox) !== isQuiet(QUIET, sandboxAt(delivered))) stampLag += 1;
    if (isQuiet(QUIET, sandboxAt(delivered))) {
      if (quietStartedBefore(delivered)) inFlight += 1;
      let k = steps.length - 1;
      while (k > 0 && steps[k].realSet > delivered) k -= 1;
      inQuiet.push(`${j.topic} due ${chinaIso(j.due_at)} delivered ${chinaIso(sandboxAt(delivered))}, ${delivered - steps[k].realSet} ms after the set to ${chinaIso(steps[k].t)}`);
    }
  }
  for (const a of [lateness, recordedLateness, quietLateness]) a.sort((x, y) => x - y);

  // Throughput: notices over the real time in which at least one was due and not yet delivered.
  busy.sort((x, y) => x[0] - y[0]);
  let busyMs = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [from, to] of busy) {
    if (to <= end) continue;
    busyMs += to - Math.max(from, end);
    end = to;
  }
  const biggest = [...bursts].sort((x, y) => y[1].n - x[1].n).slice(0, 3)
    .map(([k, b]) => ({ t: steps[k].t, n: b.n, seconds: (b.last - steps[k].realSet) / 1000 }));

  // The crash window: delivered by the killed process before it died, recorded by another after a second claim.
  const crashWindow = killed ? sentJobs.filter((j) => j.attempts > 1 && (d.deliveredAt.get(j.id) ?? Number.POSITIVE_INFINITY) < killed!.real).length : 0;
  const reclaimed = sentJobs.filter((j) => j.attempts > 1).length;
  const others = run.jobs.filter((j) => !expected.has(j.key));
  const statusCounts = new Map<string, number>();
  for (const j of run.jobs) statusCounts.set(`${j.topic} ${j.status}`, (statusCounts.get(`${j.topic} ${j.status}`) ?? 0) + 1);

  const s = (ms: number): string => fmt(ms / 1000, 2);
  const spread = (a: readonly number[]): string => `${s(quantile(a, 0.5))} / ${s(quantile(a, 0.99))} / ${s(a[a.length - 1] ?? Number.NaN)}`;
  const licence = [...expected.values()].filter((t) => t === 'licence-renewal').length;
  const out = process.stdout;
  out.write(`\nbench:notices — ${CITIZENS} subscribed citizens (every topic granted), WORKERS=2, SQLite, sandbox WeChat\n`);
  out.write(`simulated ${chinaIso(FIRST)} → ${chinaIso(LAST)} in ${times.length} steps of ${STEP_MINUTES} min; quiet hours 21:00–08:00; daily cap 5\n`);
  out.write(`seeding ${fmt(seedMs / 1000, 1)} s; bot start (2 processes) ${fmt(startMs / 1000, 1)} s; the day took ${fmt((steps[steps.length - 1].realDone - steps[0].realPost) / 1000, 1)} s of real time\n`);
  out.write(killed ? `kill -9 of bot process ${killed.pid} 250 ms into the ${chinaIso(KILL_AT)} burst; replaced ${killed.replacedAfterMs === undefined ? '(not seen)' : `within ${fmt(killed.replacedAfterMs / 1000, 1)} s`}\n\n` : 'no process was killed\n\n');
  out.write(table(['measure', 'value'], [
    ['due notices (expected)', `${expected.size} (licence renewals ${licence}, new violations ${violations.length})`],
    ['delivered (in the WeChat outbox, once)', String(d.delivered)],
    ['duplicates (a second outbox message for one notice)', String(d.duplicates)],
    ['misses (due, consented, not delivered)', String(d.missing.length)],
    ['other jobs (not expected)', String(others.length)],
    ['due in quiet hours, delivered from 08:00', `${dueInQuiet} (delivered in quiet hours: ${inQuiet.length - inFlight}, and ${inFlight} let go before the set to 21:00 that arrived < 0.5 s after it)`],
    ['lateness p50 / p99 / max, s', spread(lateness)],
    ['  of those due in quiet hours (from 08:00)', spread(quietLateness)],
    ['  by the store\'s sentAt (sandbox time)', spread(recordedLateness)],
    ['outbox stamps on the other side of 21:00/08:00 (clock read ≤ 250 ms before)', String(stampLag)],
    ['throughput, notices/s of real time with one due and not yet sent', `${fmt(sentJobs.length / (busyMs / 1000), 0)} (${sentJobs.length} in ${fmt(busyMs / 1000, 1)} s; includes each event's wait for the 2 s poll)`],
    ...biggest.map((b) => [`  burst: due at the set to ${chinaIso(b.t).slice(5, 16)}`, `${b.n} in ${fmt(b.seconds, 2)} s = ${fmt(b.n / Math.max(b.seconds, 0.001), 0)}/s`]),
    ['claimed more than once (sent)', String(reclaimed)],
    ['answered from client_msg_id dedupe (crash window)', String(crashWindow)],
  ]));
  out.write('\nlateness = when WeChat took it (real time of its client_msg_id record) − when the clock reached its due time (08:00 for one due\n'
    + 'in quiet hours): the set that passed it, or the moment real time got there between sets (the sandbox clock moves with\n'
    + 'real time). It includes the event feed\'s 2 s poll and the 1 s tick. The store\'s sentAt is recorded after WeChat\'s\n'
    + 'answer with the sandbox clock of that moment: a 15-minute set in between (or a second claim after the lease, 30 s of\n'
    + 'sandbox time, ran out in a set) shows there as 15 minutes late although the citizen had it; hence WeChat\'s time.\n'
    + 'Notices a killed process held wait for its lease to run out (30 s); here the next set ends that wait at once.\n');
  out.write(`jobs by topic and status: ${[...statusCounts].map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
  for (const q of inQuiet) out.write(`delivered in quiet hours: ${q}\n`);
  for (const w of worst.sort((x, y) => y.ms - x.ms).slice(0, 3)) {
    out.write(`latest: ${w.j.topic} due ${chinaIso(w.j.due_at)} reached ${chinaIso(sandboxAt(w.reached))} delivered ${chinaIso(sandboxAt(w.delivered))} (${s(w.ms)} s) after ${w.j.attempts} claims\n`);
  }
  for (const r of recordedLate.sort((x, y) => y.ms - x.ms).slice(0, 3)) {
    out.write(`latest by sentAt: ${r.j.topic} due ${chinaIso(r.j.due_at)} delivered ${chinaIso(r.delivered)} recorded ${chinaIso(r.j.sent_at ?? 0)} after ${r.j.attempts} claims\n`);
  }
  if (d.missing.length) out.write(`missing (first 10): ${d.missing.slice(0, 10).join(', ')}\n`);
  const errors = cluster.output().split("\n").filter((l) => /"level":(40|50|60)/.test(l));
  if (process.env.KEEP_DATA) for (const l of errors.slice(0, 20)) out.write(`${l.slice(0, 400)}\n`);
  if (errors.length) out.write(`bot errors logged: ${errors.length}; first: ${errors[0].slice(0, 300)}\n`);
  if (process.env.KEEP_DATA) out.write(`data folder kept: ${dataDir}\n`);
  else rmSync(dataDir, { recursive: true, force: true });
  if (d.missing.length || d.duplicates) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:notices failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
