import { Schema, type Connection, type Model } from 'mongoose';

export interface CounterDoc { _id: string; seq: number }

export const counterSchema = new Schema<CounterDoc>({ _id: { type: String, required: true }, seq: { type: Number, required: true } }, { versionKey: false, strict: 'throw', strictQuery: 'throw' });

/** Increasing numbers shared by every process (event ids, version numbers): one atomic $inc per number. */
export class Counters {
  private readonly model: Model<CounterDoc>;

  constructor(conn: Connection) {
    this.model = conn.models.Counter ?? conn.model<CounterDoc>('Counter', counterSchema, 'counters');
  }

  async next(name: string): Promise<number> {
    return this.reserve(name, 1);
  }

  /** Reserves `count` consecutive numbers with one $inc; returns the first. */
  async reserve(name: string, count: number): Promise<number> {
    const doc = await this.model.findOneAndUpdate({ _id: name }, { $inc: { seq: count } }, { upsert: true, new: true }).lean();
    return (doc?.seq ?? count) - count + 1;
  }

  async current(name: string): Promise<number> {
    return (await this.model.findById(name).lean())?.seq ?? 0;
  }
}
