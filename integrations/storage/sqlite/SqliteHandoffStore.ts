import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type {
  AgentDraft, AgentPresence, AgentPresenceStatus, CitizenSummary, HandoffEvent, HandoffEventKind, HandoffReason, HandoffRecord,
  HandoffStatus, HandoffStore, NewHandoff, SatisfactionRating,
} from '../handoffs';
import { applyMigrations } from './migrate';
import { statementCache } from './statementCache';
import { peopleMigrations } from './peopleMigrations';
import { sqliteStep } from './sqliteStep';

interface Row {
  id: string; conversation_key: string; channel_id: string; conversation_id: string; reference: string;
  reason: HandoffReason; priority: number; status: HandoffStatus; citizen: string; intents: string; locale: string;
  created_at: number; accepted_at: number | null; closed_at: number | null; agent_id: string | null; outcome: string | null;
  callback_requested: number; citizen_key: string; offered_to: string | null; offered_at: number | null;
  rating_asked_at: number | null; rating_score: number | null; rating_comment: string | null; rated_at: number | null;
}
interface EventRow { id: number; handoff_id: string; kind: HandoffEventKind; agent_id: string | null; text: string | null; at: number }

const OPEN = "status IN ('waiting', 'active')";
/** Ended by an agent's or the citizen's decision or the clock: the statuses a rating may be asked after. */
const ENDED = "status IN ('closed', 'cancelled', 'expired')";
/** Searched citizen fields (masked by the caller) and event kinds whose text is searched. */
const CITIZEN_FIELDS = ['label', 'name', 'idNumber', 'phone'].map((f) => `instr(lower(COALESCE(json_extract(citizen, '$.${f}'), '')), ?) > 0`);
const SEARCHED_EVENTS = "kind IN ('user', 'agent', 'note')";

/** The handoff queue in SQLite; ownership changes are single conditional UPDATEs, so two processes never both win. */
export class SqliteHandoffStore implements HandoffStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    applyMigrations(db, 'people', peopleMigrations);
    this.sql = statementCache(db);
  }

  private step<T>(f: () => T): T {
    return sqliteStep('Handoffs', f, this.db);
  }

  async create(input: NewHandoff, now: number): Promise<{ record: HandoffRecord; created: boolean }> {
    return this.step(() => this.db.transaction(() => {
      const open = this.sql(`SELECT * FROM handoffs WHERE conversation_key = ? AND ${OPEN}`).get(input.conversationKey) as Row | undefined;
      if (open) return { record: toRecord(open), created: false };
      const id = randomUUID();
      this.sql(`INSERT INTO handoffs (id, conversation_key, citizen_key, channel_id, conversation_id, reference, reason, priority, status, citizen, intents, locale, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?, ?)`).run(
        id, input.conversationKey, input.citizenKey, input.channelId, input.conversationId, input.reference, input.reason,
        input.reason === 'complaint' ? 0 : 1, JSON.stringify(input.citizen), JSON.stringify(input.intents), input.locale, now,
      );
      return { record: toRecord(this.sql('SELECT * FROM handoffs WHERE id = ?').get(id) as Row), created: true };
    }).immediate());
  }

  async get(id: string): Promise<HandoffRecord | undefined> {
    return this.one('SELECT * FROM handoffs WHERE id = ?', id);
  }

  async openFor(conversationKey: string): Promise<HandoffRecord | undefined> {
    return this.one(`SELECT * FROM handoffs WHERE conversation_key = ? AND ${OPEN}`, conversationKey);
  }

  async latestFor(conversationKey: string): Promise<HandoffRecord | undefined> {
    return this.one('SELECT * FROM handoffs WHERE conversation_key = ? ORDER BY created_at DESC, rowid DESC LIMIT 1', conversationKey);
  }

  async waiting(): Promise<HandoffRecord[]> {
    return this.many("SELECT * FROM handoffs WHERE status = 'waiting' ORDER BY priority, created_at, rowid");
  }

  async active(): Promise<HandoffRecord[]> {
    return this.many("SELECT * FROM handoffs WHERE status = 'active' ORDER BY accepted_at, rowid");
  }

  async callbacks(limit: number): Promise<HandoffRecord[]> {
    return this.many("SELECT * FROM handoffs WHERE status = 'expired' AND callback_requested = 1 ORDER BY closed_at DESC LIMIT ?", limit);
  }

  async position(id: string): Promise<number> {
    return this.step(() => {
      const me = this.sql("SELECT priority, created_at, rowid AS r FROM handoffs WHERE id = ? AND status = 'waiting'").get(id) as { priority: number; created_at: number; r: number } | undefined;
      if (!me) return 0;
      const row = this.sql(`SELECT COUNT(*) AS n FROM handoffs WHERE status = 'waiting' AND
        (priority < ? OR (priority = ? AND (created_at < ? OR (created_at = ? AND rowid < ?))))`)
        .get(me.priority, me.priority, me.created_at, me.created_at, me.r) as { n: number };
      return row.n;
    });
  }

  async accept(id: string, agentId: string, now: number): Promise<boolean> {
    return this.step(() => this.sql("UPDATE handoffs SET status = 'active', agent_id = ?, accepted_at = ?, offered_to = NULL, offered_at = NULL WHERE id = ? AND status = 'waiting'")
      .run(agentId, now, id).changes === 1);
  }

  async transfer(id: string, fromAgentId: string, toAgentId: string): Promise<boolean> {
    return this.step(() => this.sql("UPDATE handoffs SET agent_id = ? WHERE id = ? AND status = 'active' AND agent_id = ?")
      .run(toAgentId, id, fromAgentId).changes === 1);
  }

  async finish(id: string, from: readonly HandoffStatus[], status: 'closed' | 'cancelled' | 'expired', outcome: string, now: number): Promise<boolean> {
    if (!from.length) return false;
    return this.step(() => this.sql(`UPDATE handoffs SET status = ?, outcome = ?, closed_at = ?, offered_to = NULL, offered_at = NULL WHERE id = ? AND status IN (${from.map(() => '?').join(', ')})`)
      .run(status, outcome, now, id, ...from).changes === 1);
  }

  async expireWaiting(before: number, now: number): Promise<HandoffRecord[]> {
    return this.step(() => (this.sql(`UPDATE handoffs SET status = 'expired', outcome = 'timeout', closed_at = ?, offered_to = NULL, offered_at = NULL
      WHERE status = 'waiting' AND created_at < ? RETURNING *`).all(now, before) as Row[]).map(toRecord));
  }

  async requestCallback(id: string): Promise<boolean> {
    return this.step(() => this.sql("UPDATE handoffs SET callback_requested = 1 WHERE id = ? AND status = 'expired' AND callback_requested = 0")
      .run(id).changes === 1);
  }

  async addEvent(event: Omit<HandoffEvent, 'id'>): Promise<HandoffEvent> {
    return this.step(() => {
      const id = Number(this.sql('INSERT INTO handoff_events (handoff_id, kind, agent_id, text, at) VALUES (?, ?, ?, ?, ?)')
        .run(event.handoffId, event.kind, event.agentId ?? null, event.text ?? null, event.at).lastInsertRowid);
      return { ...event, id };
    });
  }

  async eventsAfter(afterId: number, limit: number): Promise<HandoffEvent[]> {
    return this.step(() => (this.sql('SELECT * FROM handoff_events WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit) as EventRow[]).map(toEvent));
  }

  async eventsOf(handoffId: string): Promise<HandoffEvent[]> {
    return this.step(() => (this.sql('SELECT * FROM handoff_events WHERE handoff_id = ? ORDER BY id').all(handoffId) as EventRow[]).map(toEvent));
  }

  async lastEventId(): Promise<number> {
    return this.step(() => (this.sql('SELECT COALESCE(MAX(id), 0) AS id FROM handoff_events').get() as { id: number }).id);
  }

  async offer(id: string, agentId: string | null, now: number, expected?: string | null): Promise<boolean> {
    const at = agentId === null ? null : now;
    if (expected === undefined) {
      return this.step(() => this.sql("UPDATE handoffs SET offered_to = ?, offered_at = ? WHERE id = ? AND status = 'waiting'")
        .run(agentId, at, id).changes === 1);
    }
    return this.step(() => this.sql("UPDATE handoffs SET offered_to = ?, offered_at = ? WHERE id = ? AND status = 'waiting' AND offered_to IS ?")
      .run(agentId, at, id, expected).changes === 1);
  }

  async history(citizenKey: string, limit: number): Promise<HandoffRecord[]> {
    if (limit <= 0) return [];
    return this.many('SELECT * FROM handoffs WHERE citizen_key = ? ORDER BY created_at DESC, rowid DESC LIMIT ?', citizenKey, limit);
  }

  async search(q: { text?: string; from?: number; to?: number; limit: number }): Promise<HandoffRecord[]> {
    if (q.limit <= 0) return [];
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.from !== undefined) { where.push('created_at >= ?'); params.push(q.from); }
    if (q.to !== undefined) { where.push('created_at < ?'); params.push(q.to); }
    const text = q.text?.trim().toLowerCase();
    if (text) {
      where.push(`(${CITIZEN_FIELDS.join(' OR ')} OR EXISTS (SELECT 1 FROM handoff_events e WHERE e.handoff_id = handoffs.id
        AND e.${SEARCHED_EVENTS} AND instr(lower(COALESCE(e.text, '')), ?) > 0))`);
      params.push(...CITIZEN_FIELDS.map(() => text), text);
    }
    return this.many(`SELECT * FROM handoffs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY created_at DESC, rowid DESC LIMIT ?`, ...params, q.limit);
  }

  async between(from: number, to: number): Promise<HandoffRecord[]> {
    return this.many('SELECT * FROM handoffs WHERE created_at >= ? AND created_at < ? ORDER BY created_at, rowid', from, to);
  }

  async askRating(id: string, now: number): Promise<boolean> {
    return this.step(() => this.sql(`UPDATE handoffs SET rating_asked_at = ? WHERE id = ? AND ${ENDED} AND rating_asked_at IS NULL`)
      .run(now, id).changes === 1);
  }

  async rate(id: string, score: SatisfactionRating['score'], now: number): Promise<boolean> {
    if (!Number.isInteger(score) || score < 1 || score > 5) throw new RangeError(`Handoffs: a rating is 1 to 5, got ${score}.`);
    return this.step(() => this.sql('UPDATE handoffs SET rating_score = ?, rated_at = ? WHERE id = ? AND rating_asked_at IS NOT NULL AND rating_score IS NULL')
      .run(score, now, id).changes === 1);
  }

  async commentRating(id: string, comment: string): Promise<boolean> {
    return this.step(() => this.sql('UPDATE handoffs SET rating_comment = ? WHERE id = ? AND rating_score IS NOT NULL AND rating_comment IS NULL')
      .run(comment, id).changes === 1);
  }

  async saveDraft(agentId: string, handoffId: string, text: string, now: number): Promise<void> {
    this.step(() => {
      if (!text) this.sql('DELETE FROM agent_drafts WHERE agent_id = ? AND handoff_id = ?').run(agentId, handoffId);
      else {
        this.sql(`INSERT INTO agent_drafts (agent_id, handoff_id, text, at) VALUES (?, ?, ?, ?)
          ON CONFLICT (agent_id, handoff_id) DO UPDATE SET text = excluded.text, at = excluded.at`).run(agentId, handoffId, text, now);
      }
    });
  }

  async drafts(agentId: string): Promise<AgentDraft[]> {
    return this.step(() => (this.sql('SELECT handoff_id, text, at FROM agent_drafts WHERE agent_id = ? ORDER BY at DESC, rowid DESC').all(agentId) as
      { handoff_id: string; text: string; at: number }[]).map((r) => ({ handoffId: r.handoff_id, text: r.text, at: r.at })));
  }

  async setPresence(agentId: string, status: AgentPresenceStatus, now: number): Promise<void> {
    this.step(() => this.sql(`INSERT INTO agent_presence (agent_id, status, since) VALUES (?, ?, ?)
      ON CONFLICT (agent_id) DO UPDATE SET status = excluded.status, since = excluded.since`).run(agentId, status, now));
  }

  async presence(): Promise<AgentPresence[]> {
    return this.step(() => (this.sql('SELECT agent_id, status, since FROM agent_presence ORDER BY agent_id').all() as
      { agent_id: string; status: AgentPresenceStatus; since: number }[]).map((r) => ({ agentId: r.agent_id, status: r.status, since: r.since })));
  }

  private async one(sql: string, ...params: unknown[]): Promise<HandoffRecord | undefined> {
    return this.step(() => {
      const row = this.sql(sql).get(...params) as Row | undefined;
      return row ? toRecord(row) : undefined;
    });
  }

  private async many(sql: string, ...params: unknown[]): Promise<HandoffRecord[]> {
    return this.step(() => (this.sql(sql).all(...params) as Row[]).map(toRecord));
  }
}

function toRecord(r: Row): HandoffRecord {
  return {
    id: r.id, citizenKey: r.citizen_key, conversationKey: r.conversation_key, channelId: r.channel_id, conversationId: r.conversation_id, reference: r.reference,
    reason: r.reason, priority: r.priority, status: r.status, citizen: JSON.parse(r.citizen) as CitizenSummary,
    intents: JSON.parse(r.intents) as string[], locale: r.locale, createdAt: r.created_at,
    acceptedAt: r.accepted_at ?? undefined, closedAt: r.closed_at ?? undefined, agentId: r.agent_id ?? undefined,
    outcome: r.outcome ?? undefined, callbackRequested: r.callback_requested === 1,
    ...(r.offered_to !== null ? { offeredTo: r.offered_to, offeredAt: r.offered_at ?? undefined } : {}),
    ...(r.rating_asked_at !== null ? { ratingAskedAt: r.rating_asked_at } : {}),
    ...(r.rating_score !== null ? {
      rating: { score: r.rating_score as SatisfactionRating['score'], ...(r.rating_comment !== null ? { comment: r.rating_comment } : {}), at: r.rated_at ?? 0 },
    } : {}),
  };
}

function toEvent(r: EventRow): HandoffEvent {
  return { id: r.id, handoffId: r.handoff_id, kind: r.kind, agentId: r.agent_id ?? undefined, text: r.text ?? undefined, at: r.at };
}
