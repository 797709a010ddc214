import { Schema, type Connection, type Model } from 'mongoose';
import { maskPii } from '../../privacy/maskPii';
import type { TranscriptEntry, TranscriptStore } from '../transcripts';
import { mongoStep } from './mongoErrors';

export interface TranscriptDoc {
  conversationId: string; channelId: string; from: TranscriptEntry['from']; text: string; options?: string[]; timestamp: string; createdAt: Date;
}

export const transcriptSchema = new Schema<TranscriptDoc>({
  conversationId: { type: String, required: true, maxlength: 256 },
  channelId: { type: String, required: true, maxlength: 64 },
  from: { type: String, required: true, enum: ['user', 'bot', 'agent'] },
  text: { type: String, required: true, maxlength: 10_000 },
  // A bot line's offered choices; absent (not an empty array) when it offered none.
  options: { type: [{ type: String, maxlength: 200 }], default: undefined },
  timestamp: { type: String, required: true },
  createdAt: { type: Date, required: true },
}, { versionKey: false, strict: 'throw', strictQuery: 'throw' });
transcriptSchema.index({ conversationId: 1, _id: 1 });

/** Transcripts in MongoDB; text is masked before it is written, as in SQLite. */
export class MongoTranscriptStore implements TranscriptStore {
  private readonly model: Model<TranscriptDoc>;

  constructor(conn: Connection) {
    this.model = conn.models.Transcript ?? conn.model<TranscriptDoc>('Transcript', transcriptSchema, 'transcripts');
  }

  async append(e: TranscriptEntry): Promise<void> {
    const options = e.options?.length ? e.options.map((o) => maskPii(String(o))) : undefined;
    await mongoStep('Transcript append', () => this.model.create({ ...e, text: maskPii(e.text), options, createdAt: new Date() }));
  }

  async list(conversationId: string, limit?: number): Promise<TranscriptEntry[]> {
    return mongoStep('Transcript list', async () => {
      let q = this.model.find({ conversationId: String(conversationId) }).sort({ _id: -1 });
      if (limit !== undefined) q = q.limit(limit);
      const docs = await q.lean();
      return docs.reverse().map((d) => ({
        conversationId: d.conversationId, channelId: d.channelId, from: d.from, text: d.text,
        ...(d.options?.length ? { options: d.options } : {}), timestamp: d.timestamp,
      }));
    });
  }
}
