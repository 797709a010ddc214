import type { Migration } from './migrate';

/** Tables of the people around the bot (scope "people"): agents, sessions, handoffs, audit. Append only. */
export const peopleMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'agents, agent_sessions, handoffs, handoff_events, audit_log',
    sql: `CREATE TABLE agents (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('agent', 'admin')),
      password_hash TEXT NOT NULL,
      disabled INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL
    );
    CREATE TABLE agent_sessions (
      token_hash TEXT PRIMARY KEY,
      agent_id TEXT NOT NULL REFERENCES agents (id),
      csrf_token TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    );
    CREATE TABLE handoffs (
      id TEXT PRIMARY KEY,
      conversation_key TEXT NOT NULL,
      channel_id TEXT NOT NULL,
      conversation_id TEXT NOT NULL,
      reference TEXT NOT NULL,
      reason TEXT NOT NULL CHECK (reason IN ('requested', 'misunderstood', 'rule', 'platform_failure', 'complaint')),
      priority INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('waiting', 'active', 'closed', 'cancelled', 'expired')),
      citizen TEXT NOT NULL,
      intents TEXT NOT NULL,
      locale TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      accepted_at INTEGER,
      closed_at INTEGER,
      agent_id TEXT,
      outcome TEXT,
      callback_requested INTEGER NOT NULL DEFAULT 0
    );
    -- One open handoff per conversation, whatever process tries to open a second.
    CREATE UNIQUE INDEX handoffs_open_per_conversation ON handoffs (conversation_key) WHERE status IN ('waiting', 'active');
    CREATE INDEX handoffs_queue ON handoffs (status, priority, created_at);
    CREATE INDEX handoffs_conversation ON handoffs (conversation_key, created_at);
    CREATE TABLE handoff_events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      handoff_id TEXT NOT NULL REFERENCES handoffs (id),
      kind TEXT NOT NULL,
      agent_id TEXT,
      text TEXT,
      at INTEGER NOT NULL
    );
    CREATE INDEX handoff_events_handoff ON handoff_events (handoff_id, id);
    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at INTEGER NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      target TEXT,
      details TEXT
    );
    CREATE INDEX audit_log_actor ON audit_log (actor, id);`,
  },
  {
    version: 2,
    description: 'agent_sessions keep a hash of the CSRF token, not the token (sessions of before end: sign in again)',
    sql: `DELETE FROM agent_sessions;
    ALTER TABLE agent_sessions RENAME COLUMN csrf_token TO csrf_token_hash;`,
  },
  {
    version: 3,
    description: 'handoffs: citizen_key (history), offers, satisfaction rating; agent_drafts, agent_presence',
    // Handoffs of before have no bound-ID hash: their citizen is the channel user of the reference, as the bot
    // names it (wechat:<OpenID>, botframework:<channel>:<id>), else the conversation.
    sql: `ALTER TABLE handoffs ADD COLUMN citizen_key TEXT NOT NULL DEFAULT '';
    UPDATE handoffs SET citizen_key = 'user:' || CASE
      WHEN json_valid(reference) = 0 OR json_extract(reference, '$.user.id') IS NULL THEN conversation_key
      WHEN channel_id = 'wechat' THEN 'wechat:' || json_extract(reference, '$.user.id')
      ELSE 'botframework:' || channel_id || ':' || json_extract(reference, '$.user.id') END;
    ALTER TABLE handoffs ADD COLUMN offered_to TEXT;
    ALTER TABLE handoffs ADD COLUMN offered_at INTEGER;
    ALTER TABLE handoffs ADD COLUMN rating_asked_at INTEGER;
    ALTER TABLE handoffs ADD COLUMN rating_score INTEGER CHECK (rating_score BETWEEN 1 AND 5);
    ALTER TABLE handoffs ADD COLUMN rating_comment TEXT;
    ALTER TABLE handoffs ADD COLUMN rated_at INTEGER;
    CREATE INDEX handoffs_citizen ON handoffs (citizen_key, created_at);
    CREATE INDEX handoffs_created ON handoffs (created_at);
    CREATE TABLE agent_drafts (
      agent_id TEXT NOT NULL,
      handoff_id TEXT NOT NULL,
      text TEXT NOT NULL,
      at INTEGER NOT NULL,
      PRIMARY KEY (agent_id, handoff_id)
    );
    CREATE TABLE agent_presence (
      agent_id TEXT PRIMARY KEY,
      status TEXT NOT NULL CHECK (status IN ('available', 'away')),
      since INTEGER NOT NULL
    );`,
  },
];
