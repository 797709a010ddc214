import type { Migration } from './migrate';

/** Tables of the channels (scope "channels"): message receipts, shared tokens, rate limits, webhook nonces. Append only. */
export const channelMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'message_receipts, shared_tokens, rate_limits',
    sql: `CREATE TABLE message_receipts (
      key TEXT PRIMARY KEY,
      status TEXT NOT NULL CHECK (status IN ('processing', 'replied', 'deferred')),
      reply TEXT,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX message_receipts_created ON message_receipts (created_at);
    CREATE TABLE shared_tokens (
      name TEXT PRIMARY KEY,
      value TEXT,
      expires_at INTEGER,
      lease_holder TEXT,
      lease_until INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE rate_limits (
      key TEXT PRIMARY KEY,
      window_start INTEGER NOT NULL,
      count INTEGER NOT NULL
    );`,
  },
  {
    version: 2,
    description: 'webhook_nonces (signed WeChat requests seen, with a hash of their body)',
    sql: `CREATE TABLE webhook_nonces (
      key TEXT PRIMARY KEY,
      body_hash TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    );
    CREATE INDEX webhook_nonces_expires ON webhook_nonces (expires_at);`,
  },
];
