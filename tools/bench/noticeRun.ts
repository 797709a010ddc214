import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** What the notice bench and the exactly-once test share: the bot with WORKERS=2, the clock, the store and outbox read after. */
export const ROOT = join(__dirname, '..', '..');

export interface Cluster {
  readonly primary: ChildProcess;
  readonly base: string;
  /** Everything the processes wrote (stdout and stderr). */
  output(): string;
}

/** `node --import tsx bot/index.ts` with WORKERS=2 (the supervisor and two bot processes); resolves once all listen. */
export async function startCluster(env: Record<string, string>, port: number, timeoutMs = 90_000): Promise<Cluster> {
  const primary = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bot', 'index.ts')], {
    cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env, WORKERS: '2', PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (c: Buffer): void => { out = (out + c.toString('utf8')).slice(-200_000); };
  primary.stdout?.on('data', keep);
  primary.stderr?.on('data', keep);
  const deadline = Date.now() + timeoutMs;
  while (!out.includes('(2 processes)')) {
    if (primary.exitCode !== null) throw new Error(`the bot exited with ${primary.exitCode} while starting:\n${out.slice(-4000)}`);
    if (Date.now() > deadline) {
      primary.kill('SIGKILL');
      throw new Error(`the bot did not start within ${timeoutMs} ms:\n${out.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { primary, base: `http://127.0.0.1:${port}`, output: () => out };
}

/** The bot processes the supervisor runs now. */
export function workersOf(primary: ChildProcess): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(primary.pid), '-f', 'bot/index.ts'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when there is none
  }
}

/** SIGTERM to the supervisor (it stops the workers, each finishing what it holds); SIGKILL to all after `graceMs`. */
export async function stopCluster(c: Cluster, graceMs = 20_000): Promise<void> {
  if (c.primary.exitCode !== null || c.primary.signalCode !== null) return;
  const workers = workersOf(c.primary);
  const gone = new Promise((r) => c.primary.once('exit', r));
  c.primary.kill('SIGTERM');
  const timer = setTimeout(() => {
    for (const pid of workersOf(c.primary).concat(workers)) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    }
    c.primary.kill('SIGKILL');
  }, graceMs);
  await gone;
  clearTimeout(timer);
}

/** POST /sandbox/clock; an instant the clock already passed (another POST raced it) counts as set. */
export async function setClock(base: string, iso: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${base}/sandbox/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: iso }) });
  return { status: res.status, body: await res.text() };
}

/** A China-time ISO string of an instant (what POST /sandbox/clock takes). */
export function chinaIso(at: number): string {
  return `${new Date(at + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

export interface JobRow { id: string; key: string; citizen: string; topic: string; due_at: number; status: string; attempts: number; sent_at: number | null; last_error: string | null }
export interface OutboxRow { id: number; touser: string; at: string; template_id: string; fields: string }
export interface SendRow { touser: string; client_msg_id: string; msgid: number; sent_at: number }

/** The notice jobs, the sandbox WeChat's template messages (the outbox) and its client_msg_id records, read after a run. */
export function readRun(file: string): { jobs: JobRow[]; outbox: OutboxRow[]; sends: SendRow[] } {
  const db = new Database(file, { readonly: true });
  try {
    const jobs = db.prepare('SELECT id, key, citizen, topic, due_at, status, attempts, sent_at, last_error FROM notice_jobs').all() as JobRow[];
    const outbox = (db.prepare("SELECT id, touser, at, body FROM sandbox_wechat_messages WHERE json_extract(body, '$.msgtype') = 'template' ORDER BY id")
      .all() as Array<{ id: number; touser: string; at: string; body: string }>).map((r) => {
      const t = (JSON.parse(r.body) as { template: { template_id: string; fields: unknown } }).template;
      return { id: r.id, touser: r.touser, at: r.at, template_id: t.template_id, fields: JSON.stringify(t.fields) };
    });
    const sends = db.prepare('SELECT touser, client_msg_id, msgid, sent_at FROM sandbox_wechat_template_sends').all() as SendRow[];
    return { jobs, outbox, sends };
  } finally {
    db.close();
  }
}

export interface Delivery {
  /** Expected keys with their outbox messages (one each when all is well). */
  readonly delivered: number;
  /** Expected keys with no outbox message. */
  readonly missing: string[];
  /** Outbox template messages beyond the first for one notice (the same job id, or the same follower and the same content twice). */
  readonly duplicates: number;
  /** The outbox message of each job id (its `at`: the sandbox clock when WeChat took it). */
  readonly messageOf: ReadonlyMap<string, OutboxRow>;
  /** The real time (epoch ms) WeChat took each job's message (its client_msg_id record). */
  readonly deliveredAt: ReadonlyMap<string, number>;
}

/**
 * Matches the outbox to the jobs: a job's message is the one WeChat recorded for its client_msg_id (the job id).
 * A duplicate is any outbox message no client_msg_id record points at (a second delivery of one id overwrites the
 * record after WeChat's 10-minute window), or two messages with the same follower, template and fields.
 */
export function deliveries(run: ReturnType<typeof readRun>, expectedKeys: Iterable<string>): Delivery {
  const byKey = new Map(run.jobs.map((j) => [j.key, j]));
  const outboxById = new Map(run.outbox.map((m) => [m.id, m]));
  const messageOf = new Map<string, OutboxRow>();
  const deliveredAt = new Map<string, number>();
  const pointed = new Set<number>();
  for (const s of run.sends) {
    const m = outboxById.get(s.msgid);
    if (m) {
      messageOf.set(s.client_msg_id, m);
      deliveredAt.set(s.client_msg_id, s.sent_at);
      pointed.add(m.id);
    }
  }
  const sameContent = new Map<string, number>();
  for (const m of run.outbox) {
    const k = `${m.touser}|${m.template_id}|${m.fields}`;
    sameContent.set(k, (sameContent.get(k) ?? 0) + 1);
  }
  const unpointed = run.outbox.filter((m) => !pointed.has(m.id)).length;
  const repeated = [...sameContent.values()].reduce((n, c) => n + (c - 1), 0);
  const missing: string[] = [];
  let delivered = 0;
  for (const key of expectedKeys) {
    const job = byKey.get(key);
    if (job && messageOf.has(job.id)) delivered += 1;
    else missing.push(key);
  }
  return { delivered, missing, duplicates: Math.max(unpointed, repeated), messageOf, deliveredAt };
}
