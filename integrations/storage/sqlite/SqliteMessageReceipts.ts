import type Database from 'better-sqlite3';
import type { ClaimResult, MessageReceipt, MessageReceipts, ReceiptStatus } from '../messageReceipts';
import { channelMigrations } from './channelMigrations';
import { applyMigrations } from './migrate';
import { sqliteStep } from './sqliteStep';
import { sqliteWrite } from './sqliteWrite';

interface Row { key: string; status: ReceiptStatus; reply: string | null; created_at: number }

/**
 * Message receipts in the SQLite table `message_receipts`; the primary key makes the claim atomic across processes.
 * Claims and status changes go through the connection's group commit.
 */
export class SqliteMessageReceipts implements MessageReceipts {
  private readonly insert: Database.Statement<[string, number]>;
  private readonly select: Database.Statement<[string], Row>;
  private readonly reply: Database.Statement<[string, string]>;
  private readonly deferStmt: Database.Statement<[string]>;
  private readonly pruneStmt: Database.Statement<[number]>;
  private readonly reclaimStmt: Database.Statement<[number, string, number]>;

  constructor(private readonly db: Database.Database) {
    applyMigrations(db, 'channels', channelMigrations);
    this.insert = db.prepare("INSERT OR IGNORE INTO message_receipts (key, status, created_at) VALUES (?, 'processing', ?)");
    this.select = db.prepare('SELECT key, status, reply, created_at FROM message_receipts WHERE key = ?');
    this.reply = db.prepare("UPDATE message_receipts SET status = 'replied', reply = ? WHERE key = ? AND status = 'processing'");
    this.deferStmt = db.prepare("UPDATE message_receipts SET status = 'deferred' WHERE key = ? AND status = 'processing'");
    this.pruneStmt = db.prepare('DELETE FROM message_receipts WHERE created_at < ?');
    this.reclaimStmt = db.prepare("UPDATE message_receipts SET created_at = ? WHERE key = ? AND status = 'processing' AND created_at < ?");
  }

  async claim(key: string, now: number): Promise<ClaimResult> {
    return sqliteWrite('Message receipts', this.db, () => {
      if (this.insert.run(key, now).changes === 1) return { claimed: true } as const;
      const row = this.select.get(key);
      if (!row) throw new Error(`receipt "${key}" vanished while being claimed`);
      return { claimed: false, receipt: toReceipt(row) } as const;
    });
  }

  async read(key: string): Promise<MessageReceipt | undefined> {
    return sqliteStep('Message receipts', () => {
      const row = this.select.get(key);
      return row ? toReceipt(row) : undefined;
    }, this.db);
  }

  async completeReplied(key: string, reply: string): Promise<boolean> {
    return sqliteWrite('Message receipts', this.db, () => this.reply.run(reply, key).changes === 1);
  }

  async defer(key: string): Promise<boolean> {
    return sqliteWrite('Message receipts', this.db, () => {
      if (this.deferStmt.run(key).changes === 1) return true;
      return this.select.get(key)?.status === 'deferred';
    });
  }

  async reclaim(key: string, claimedBefore: number, now: number): Promise<boolean> {
    return sqliteWrite('Message receipts', this.db, () => this.reclaimStmt.run(now, key, claimedBefore).changes === 1);
  }

  async prune(before: number): Promise<number> {
    return sqliteStep('Message receipts', () => this.pruneStmt.run(before).changes, this.db);
  }
}

function toReceipt(row: Row): MessageReceipt {
  return { key: row.key, status: row.status, reply: row.reply ?? undefined, createdAt: row.created_at };
}
