import { Schema, type Connection, type Model } from 'mongoose';
import { maskPii } from '../../privacy/maskPii';
import type { AuditEntry, AuditLog } from '../auditLog';
import { Counters } from './counters';
import { mongoStep } from './mongoErrors';

export interface AuditDoc { _id: number; at: number; actor: string; action: string; target?: string; details?: string }

export const auditSchema = new Schema<AuditDoc>({
  _id: { type: Number, required: true },
  at: { type: Number, required: true },
  actor: { type: String, required: true, maxlength: 100 },
  action: { type: String, required: true, maxlength: 100 },
  target: { type: String, maxlength: 200 },
  // JSON text: details hold arbitrary keys (not valid field names everywhere), masked before writing.
  details: { type: String },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });
auditSchema.index({ actor: 1, _id: -1 });
auditSchema.index({ action: 1, _id: -1 });

/** The audit log in MongoDB: append-only, numbered, details masked. */
export class MongoAuditLog implements AuditLog {
  private readonly model: Model<AuditDoc>;
  private readonly counters: Counters;

  constructor(conn: Connection) {
    this.model = conn.models.Audit ?? conn.model<AuditDoc>('Audit', auditSchema, 'audit_log');
    this.counters = new Counters(conn);
  }

  async append(e: AuditEntry): Promise<void> {
    await mongoStep('Audit log', async () => {
      const details = e.details ? JSON.stringify(e.details, (_k, v: unknown) => (typeof v === 'string' ? maskPii(v) : v)) : undefined;
      await this.model.create({ _id: await this.counters.next('audit'), at: e.at, actor: e.actor, action: e.action, target: e.target, details });
    });
  }

  async recent(limit: number, filter: { actor?: string; action?: string; target?: string } = {}): Promise<Array<AuditEntry & { id: number }>> {
    if (limit <= 0) return []; // MongoDB reads limit(0) as "no limit"; the port means none.
    const query: Record<string, string> = {};
    if (filter.actor !== undefined) query.actor = String(filter.actor);
    if (filter.action !== undefined) query.action = String(filter.action);
    if (filter.target !== undefined) query.target = String(filter.target);
    return mongoStep('Audit log', async () => (await this.model.find(query).sort({ _id: -1 }).limit(limit).lean()).map((d) => ({
      id: d._id, at: d.at, actor: d.actor, action: d.action, target: d.target,
      details: d.details ? (JSON.parse(d.details) as Record<string, unknown>) : undefined,
    })));
  }
}
