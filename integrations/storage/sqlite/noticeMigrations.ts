import type { Migration } from './migrate';

/** Tables of the notices citizens subscribed to: consent per citizen and topic, notice jobs, event-feed cursors (scope "notices"). Append only. */
export const noticeMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'notice_consents, notice_jobs',
    sql: `CREATE TABLE notice_consents (
      citizen TEXT NOT NULL,
      topic TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('granted', 'revoked', 'refused')),
      reason TEXT,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (citizen, topic)
    );
    CREATE INDEX notice_consents_granted ON notice_consents (topic, state, citizen);
    CREATE TABLE notice_jobs (
      id TEXT PRIMARY KEY,
      key TEXT NOT NULL UNIQUE,
      citizen TEXT NOT NULL,
      topic TEXT NOT NULL,
      due_at INTEGER NOT NULL,
      payload_json TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
      attempts INTEGER NOT NULL DEFAULT 0,
      lease_owner TEXT,
      lease_until INTEGER,
      not_before INTEGER,
      last_error TEXT,
      created_at INTEGER NOT NULL,
      sent_at INTEGER
    );
    CREATE INDEX notice_jobs_claim ON notice_jobs (status, due_at, created_at, id);
    CREATE INDEX notice_jobs_citizen ON notice_jobs (citizen, due_at);`,
  },
  {
    version: 2,
    description: 'notice_cursors',
    sql: `CREATE TABLE notice_cursors (
      name TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );`,
  },
];
