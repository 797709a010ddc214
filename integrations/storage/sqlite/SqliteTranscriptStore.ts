import type Database from 'better-sqlite3';
import { maskPii } from '../../privacy/maskPii';
import type { TranscriptEntry, TranscriptStore } from '../transcripts';
import { applyMigrations } from './migrate';
import { transcriptMigrations } from './transcriptMigrations';
import { sqliteFault } from './sqliteFault';
import { groupCommitOf } from './groupCommit';

interface Row {
  conversationId: string;
  channelId: string;
  sender: TranscriptEntry['from'];
  text: string;
  options: string | null;
  timestamp: string;
}

const SENDERS: ReadonlySet<string> = new Set(['user', 'bot', 'agent']);

/**
 * Transcripts in the SQLite table `transcript_entries` (scope "transcripts"). Text is masked with
 * maskPii before it is written, so no ID number, phone, VIN or plate is ever stored in clear.
 * The connection belongs to the caller.
 */
export class SqliteTranscriptStore implements TranscriptStore {
  private readonly insert: Database.Statement<[string, string, string, string, string | null, string]>;
  private readonly selectRecent: Database.Statement<[string, number], Row>;

  constructor(private readonly db: Database.Database) {
    applyMigrations(db, 'transcripts', transcriptMigrations);
    this.insert = db.prepare(
      'INSERT INTO transcript_entries (conversation_id, channel_id, sender, text, options, timestamp) VALUES (?, ?, ?, ?, ?, ?)',
    );
    // Newest `limit` rows (-1: all), returned oldest first.
    this.selectRecent = db.prepare(
      `SELECT conversationId, channelId, sender, text, options, timestamp FROM (
         SELECT id, conversation_id AS conversationId, channel_id AS channelId, sender, text, options, timestamp
         FROM transcript_entries WHERE conversation_id = ? ORDER BY id DESC LIMIT ?
       ) ORDER BY id ASC`,
    );
  }

  async append(entry: TranscriptEntry): Promise<void> {
    if (!entry.conversationId) throw new TypeError('Transcript: conversationId is required.');
    if (!SENDERS.has(entry.from)) {
      throw new TypeError(`Transcript: "from" must be user, bot or agent, got "${String(entry.from)}".`);
    }
    if (Number.isNaN(Date.parse(entry.timestamp))) {
      throw new TypeError(`Transcript: timestamp "${entry.timestamp}" is not an ISO date-time.`);
    }
    if (entry.options !== undefined && (!Array.isArray(entry.options) || entry.options.some((o) => typeof o !== 'string'))) {
      throw new TypeError('Transcript: options must be a list of texts.');
    }
    const text = maskPii(entry.text);
    // A choice can repeat what the citizen said (their plate as a button): masked like the text. None: NULL.
    const options = entry.options?.length ? JSON.stringify(entry.options.map((o) => maskPii(o))) : null;
    try {
      await groupCommitOf(this.db).run(() => this.insert.run(entry.conversationId, entry.channelId, entry.from, text, options, entry.timestamp), 'Transcripts');
    } catch (cause) {
      this.run('append', () => { throw cause; });
    }
  }

  async list(conversationId: string, limit?: number): Promise<TranscriptEntry[]> {
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
      throw new RangeError(`Transcript: limit must be a positive integer, got ${limit}.`);
    }
    const rows = this.run('list', () => this.selectRecent.all(conversationId, limit ?? -1));
    return rows.map((r) => ({
      conversationId: r.conversationId,
      channelId: r.channelId,
      from: r.sender,
      text: r.text,
      ...(r.options !== null ? { options: JSON.parse(r.options) as string[] } : {}),
      timestamp: r.timestamp,
    }));
  }

  private run<T>(operation: string, step: () => T): T {
    try {
      return step();
    } catch (cause) {
      throw sqliteFault('Transcripts', `Transcript: SQLite ${operation} failed`, cause);
    }
  }
}
