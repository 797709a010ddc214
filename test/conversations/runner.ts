import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { manualClock } from '../../integrations/clock';
import { SandboxAdmin } from '../../integrations/platform/sandbox/SandboxAdmin';
import type { SqliteStores } from '../../integrations/storage/sqlite/createSqliteStores';
import { LI_NA, TODAY, WANG_QIANG, ZHANG_WEI } from '../integrations/platform/fixtures';
import { customMessages, FakeWeChat, startWeChatApp, type WeChatTestApp } from '../bot/wechat/wechatClient';

/**
 * The scripted conversations (scripts/<topic>.json) played over the WeChat webhook against the sandbox: what the
 * citizen says, what each reply must (and must not) contain, and what the sandbox holds afterwards.
 */

export type PersonaKey = 'zhangWei' | 'liNa' | 'wangQiang';
export const PERSONAS = { zhangWei: ZHANG_WEI, liNa: LI_NA, wangQiang: WANG_QIANG } as const;

export interface Turn {
  /** What the citizen writes. {code:<persona>} becomes the latest SMS code sent to that persona's phone. */
  say: string;
  /** Every item must be in the reply: a substring, or "/regex/flags". */
  expect?: string[];
  /** No item may be in the reply. */
  not?: string[];
  /** Seconds the clock moves on before this message (default 5: people type). */
  wait?: number;
}

/** What the sandbox must hold after the conversation (checked against the platform the bot talks to). */
export interface Outcome {
  /** The persona's bookings with status booked. */
  activeBookings?: number;
  /** Subjects of the persona's active bookings (sorted). */
  bookedSubjects?: number[];
  /** Sessions of the persona's active bookings ('morning' | 'afternoon'). */
  bookedSessions?: string[];
  /** Dates of the persona's active bookings (YYYY-MM-DD). */
  bookedDates?: string[];
  /** This decision is paid / still unpaid. */
  decisionPaid?: string;
  decisionUnpaid?: string;
  /** Violations of the persona's vehicles still unprocessed. */
  unprocessedViolations?: number;
  /** The follower is bound to this persona, or to nobody (null). */
  boundTo?: PersonaKey | null;
  /** A handoff to a person was opened for this follower. */
  handoff?: boolean;
  /** Plates reserved for the persona (any status but expired). */
  reservedPlates?: number;
}

/** What the sandbox holds for the persona before the first message, beside the seed. */
export interface Setup {
  /** Exams the persona passed earlier (subject and date). */
  passed?: Array<{ subject: 1 | 2 | 3 | 4; date: string }>;
  /** Bookings the persona made earlier (centre nj-1 for 科目一/四, nj-2 for 科目二/三). */
  bookings?: Array<{ subject: 1 | 2 | 3 | 4; date: string; session: 'morning' | 'afternoon' }>;
}

export interface Conversation {
  id: string;
  locale: 'zh' | 'en';
  /** Bound to this persona before the first message (null: a follower who never bound). */
  persona: PersonaKey | null;
  /** Whose state the outcome checks read when nobody is bound at the start (a binding conversation). */
  subject?: PersonaKey;
  note?: string;
  setup?: Setup;
  turns: Turn[];
  outcome?: Outcome;
  /** The feature this conversation needs is not there yet: run as test.failing, with why. */
  pending?: string;
}

export interface ScriptFile {
  topic: string;
  conversations: Conversation[];
}

export const SCRIPTS_DIR = join(__dirname, 'scripts');

export function loadScripts(dir: string = SCRIPTS_DIR): ScriptFile[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const body = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { conversations: Conversation[] };
    return { topic: f.replace(/\.json$/, ''), conversations: body.conversations };
  });
}

const CJK_RUN = /[\u3400-\u9fff]{3,}/u;

export function matches(reply: string, pattern: string): boolean {
  const re = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  if (re) return new RegExp(re[1] ?? '', re[2]).test(reply);
  return reply.includes(pattern);
}

/** Tables of the sandbox platform: copied once after start and restored before every conversation. */
const SANDBOX_TABLES = [
  'citizens', 'exam_results', 'test_centres', 'exam_slots', 'exam_bookings', 'vehicles', 'plate_denylist', 'plate_holds', 'plate_offers',
  'violations', 'decisions', 'payments', 'idempotency_keys', 'identity_codes', 'identity_code_requests', 'bindings', 'sms_outbox',
  'sandbox_sequences',
];

export class ConversationRunner {
  private t!: WeChatTestApp;
  private wx!: FakeWeChat;
  private db!: Database.Database;
  private tables: string[] = [];
  readonly clock = manualClock(TODAY);
  private count = 0;
  /** Place and centre names from the platform's data: Chinese in English replies too. */
  private dataNames: string[] = [];

  constructor(private readonly topic: string) {}

  async start(): Promise<void> {
    this.t = await startWeChatApp({}, { clock: this.clock });
    await this.t.app.ready;
    this.wx = new FakeWeChat(this.t.base);
    this.db = (this.t.app.stores as SqliteStores).db;
    const existing = new Set((this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name));
    this.tables = SANDBOX_TABLES.filter((name) => existing.has(name));
    const names = (sql: string): string[] => (this.db.prepare(sql).all() as Array<{ n: string }>).map((r) => r.n);
    this.dataNames = [...names('SELECT DISTINCT location AS n FROM violations'), ...names('SELECT DISTINCT name AS n FROM test_centres')]
      .sort((a, b) => b.length - a.length);
    for (const name of this.tables) this.db.exec(`CREATE TEMP TABLE snap_${name} AS SELECT * FROM main.${name}`);
  }

  stop(): Promise<void> {
    return this.t.close();
  }

  /** The sandbox as it was at start, the clock at 10:00 on 2026-11-25. */
  private reset(): void {
    this.clock.set(TODAY);
    this.db.pragma('foreign_keys = OFF');
    try {
      this.db.transaction(() => {
        for (const name of this.tables) {
          this.db.exec(`DELETE FROM main.${name}`);
          this.db.exec(`INSERT INTO main.${name} SELECT * FROM temp.snap_${name}`);
        }
      })();
    } finally {
      this.db.pragma('foreign_keys = ON');
    }
  }

  private lastCode(phone: string): string {
    const row = this.db.prepare("SELECT params FROM sms_outbox WHERE phone = ? ORDER BY message_id DESC LIMIT 1").get(phone) as { params: string } | undefined;
    if (!row) throw new Error(`no SMS was sent to ${phone}`);
    return (JSON.parse(row.params) as { code: string }).code;
  }

  private fill(text: string): string {
    return text.replace(/\{code:(zhangWei|liNa|wangQiang)\}/g, (_m, who: PersonaKey) => this.lastCode(PERSONAS[who].phone));
  }

  /**
   * The reply to one message as the citizen sees it: the passive reply and every customer-service message the turn
   * sent (the rest of a long answer, or all of a late one), after the channel's background work is done.
   */
  private async send(openid: string, text: string, seen: { custom: number }): Promise<string> {
    const posted = await this.wx.text(openid, text);
    await this.t.app.wechat?.idle();
    const custom = await customMessages(this.t.base, openid);
    const fresh = custom.slice(seen.custom);
    seen.custom = custom.length;
    return [posted.text, ...fresh.map((m) => m.text?.content ?? `[${m.msgtype}]`)].filter(Boolean).join('\n');
  }

  async play(c: Conversation): Promise<void> {
    this.reset();
    this.count += 1;
    const openid = `o_conv_${this.topic}_${c.id}_${this.count}`.replace(/[^A-Za-z0-9_-]/g, '_');
    if (c.persona) {
      this.db.prepare('INSERT INTO bindings (channel_user_id, id_number, bound_at) VALUES (?, ?, ?)')
        .run(`wechat:${openid}`, PERSONAS[c.persona].idNumber, this.clock.now().toISOString());
    }
    await this.arrange(c);
    const transcript: string[] = [];
    const seen = { custom: 0 };
    const fail = (why: string): never => {
      throw new Error(`${c.id}: ${why}\n--- conversation so far ---\n${transcript.join('\n')}`);
    };
    for (const [i, turn] of c.turns.entries()) {
      this.clock.set(new Date(this.clock.now().getTime() + (turn.wait ?? 5) * 1000).toISOString());
      let text = turn.say;
      try {
        text = this.fill(turn.say);
      } catch (err) {
        fail(`turn ${i + 1} («${turn.say}»): ${(err as Error).message}`);
      }
      const reply = await this.send(openid, text, seen);
      transcript.push(`> ${text}`, ...reply.split('\n').map((l) => `  ${l}`));
      for (const p of turn.expect ?? []) if (!matches(reply, p)) fail(`turn ${i + 1} («${turn.say}»): the reply lacks ${JSON.stringify(p)}`);
      for (const p of turn.not ?? []) if (matches(reply, p)) fail(`turn ${i + 1} («${turn.say}»): the reply contains ${JSON.stringify(p)}`);
      if (c.locale === 'en') {
        const cjk = CJK_RUN.exec(this.dataNames.reduce((r, name) => r.split(name).join(' '), reply));
        if (cjk) fail(`turn ${i + 1} («${turn.say}»): an English conversation got Chinese text «${cjk[0]}»`);
      }
    }
    if (process.env['CONVERSATION_LOG']) process.stdout.write(`=== ${c.id}\n${transcript.join('\n')}\n`);
    if (c.outcome) {
      const problems = await this.checkOutcome(c, openid, c.outcome);
      if (problems.length) fail(`outcome: ${problems.join('; ')}`);
    }
  }

  private async arrange(c: Conversation): Promise<void> {
    if (!c.setup) return;
    const who = c.persona ?? c.subject;
    if (!who) throw new Error(`${c.id}: setup needs a persona or subject`);
    const id = PERSONAS[who].idNumber;
    const admin = new SandboxAdmin(this.db, this.clock);
    for (const p of c.setup.passed ?? []) admin.recordPastResult(id, p.subject, p.date, true);
    for (const [i, b] of (c.setup.bookings ?? []).entries()) {
      const centre = b.subject === 1 || b.subject === 4 ? 'nj-1' : 'nj-2';
      await this.t.app.platform.exams.book(id, b.subject, centre, b.date, b.session, `setup-${c.id}-${this.count}-${i}`);
    }
  }

  private async checkOutcome(c: Conversation, openid: string, o: Outcome): Promise<string[]> {
    const problems: string[] = [];
    const who = c.persona ?? c.subject;
    const platform = this.t.app.platform;
    const person = who ? PERSONAS[who] : undefined;
    const need = (what: string): typeof PERSONAS[PersonaKey] => {
      if (!person) throw new Error(`${c.id}: outcome ${what} needs a persona or subject`);
      return person;
    };
    if (o.activeBookings !== undefined || o.bookedSubjects || o.bookedSessions || o.bookedDates) {
      const active = (await platform.exams.listBookings(need('activeBookings').idNumber)).filter((b) => b.status === 'booked');
      if (o.activeBookings !== undefined && active.length !== o.activeBookings) {
        problems.push(`${active.length} active bookings, expected ${o.activeBookings} (${active.map((b) => `科目${b.subject} ${b.date} ${b.session}`).join(', ')})`);
      }
      const subjects = active.map((b) => b.subject).sort();
      if (o.bookedSubjects && JSON.stringify(subjects) !== JSON.stringify([...o.bookedSubjects].sort())) {
        problems.push(`active bookings for subjects ${JSON.stringify(subjects)}, expected ${JSON.stringify(o.bookedSubjects)}`);
      }
      const dates = active.map((b) => b.date).sort();
      if (o.bookedDates && JSON.stringify(dates) !== JSON.stringify([...o.bookedDates].sort())) {
        problems.push(`active bookings on ${JSON.stringify(dates)}, expected ${JSON.stringify(o.bookedDates)}`);
      }
      const sessions = active.map((b) => b.session).sort();
      if (o.bookedSessions && JSON.stringify(sessions) !== JSON.stringify([...o.bookedSessions].sort())) {
        problems.push(`active bookings in sessions ${JSON.stringify(sessions)}, expected ${JSON.stringify(o.bookedSessions)}`);
      }
    }
    if (o.decisionPaid) {
      const d = await platform.violations.decision(o.decisionPaid);
      if (d.status !== 'paid') problems.push(`decision ${o.decisionPaid} is ${d.status}, expected paid`);
    }
    if (o.decisionUnpaid) {
      const d = await platform.violations.decision(o.decisionUnpaid);
      if (d.status !== 'unpaid') problems.push(`decision ${o.decisionUnpaid} is ${d.status}, expected unpaid`);
    }
    if (o.unprocessedViolations !== undefined) {
      const open = (await platform.violations.byOwner(need('unprocessedViolations').idNumber)).filter((v) => v.status === 'unprocessed');
      if (open.length !== o.unprocessedViolations) problems.push(`${open.length} unprocessed violations, expected ${o.unprocessedViolations}`);
    }
    if (o.boundTo !== undefined) {
      const binding = await platform.identity.getBinding(`wechat:${openid}`);
      const expected = o.boundTo ? PERSONAS[o.boundTo].idNumber : null;
      if ((binding?.idNumber ?? null) !== expected) problems.push(`bound to ${binding ? `${binding.idNumber.slice(0, 6)}…` : 'nobody'}, expected ${o.boundTo ?? 'nobody'}`);
    }
    if (o.handoff !== undefined) {
      const records = [...await this.t.app.stores.handoffs.waiting(), ...await this.t.app.stores.handoffs.active()];
      const opened = records.some((r) => JSON.stringify(r).includes(openid));
      if (opened !== o.handoff) problems.push(o.handoff ? 'no handoff to a person was opened' : 'a handoff was opened');
    }
    if (o.reservedPlates !== undefined) {
      const n = (this.db.prepare("SELECT COUNT(*) AS n FROM plate_holds WHERE id_number = ? AND status = 'reserved'").get(need('reservedPlates').idNumber) as { n: number }).n;
      if (n !== o.reservedPlates) problems.push(`${n} reserved plates, expected ${o.reservedPlates}`);
    }
    return problems;
  }
}
