import type { Migration } from './migrate';

/** Tables of the NLU's training data, model versions and misunderstood inbox (scope "training"). Append only. */
export const trainingMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'nlu_intents, nlu_utterances, nlu_versions, nlu_live, nlu_inbox',
    sql: `CREATE TABLE nlu_intents (
      name TEXT PRIMARY KEY,
      description TEXT NOT NULL,
      domain TEXT NOT NULL,
      answers TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE nlu_utterances (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      intent TEXT NOT NULL REFERENCES nlu_intents (name) ON DELETE CASCADE,
      locale TEXT NOT NULL,
      text TEXT NOT NULL,
      split TEXT NOT NULL CHECK (split IN ('train', 'test')),
      source TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      UNIQUE (locale, split, text)
    );
    CREATE INDEX nlu_utterances_intent ON nlu_utterances (intent);
    CREATE TABLE nlu_versions (
      id TEXT PRIMARY KEY,
      number INTEGER NOT NULL UNIQUE,
      status TEXT NOT NULL CHECK (status IN ('training', 'ready', 'failed')),
      phase TEXT NOT NULL,
      percent REAL NOT NULL,
      created_by TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      data_hash TEXT NOT NULL,
      intents TEXT NOT NULL,
      metrics TEXT,
      error TEXT,
      model TEXT
    );
    CREATE TABLE nlu_live (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      version_id TEXT NOT NULL REFERENCES nlu_versions (id),
      published_at INTEGER NOT NULL,
      published_by TEXT NOT NULL
    );
    CREATE TABLE nlu_inbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      text TEXT NOT NULL,
      locale TEXT NOT NULL,
      intent TEXT NOT NULL,
      score REAL NOT NULL,
      created_at INTEGER NOT NULL,
      status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'filed', 'out_of_scope', 'ignored')),
      filed_intent TEXT,
      handled_by TEXT,
      handled_at INTEGER
    );
    CREATE INDEX nlu_inbox_status ON nlu_inbox (status, id);`,
  },
  {
    version: 2,
    description: 'nlu_corpus_seeds: what each corpus file held when the store took it in',
    sql: `CREATE TABLE nlu_corpus_seeds (
      key TEXT PRIMARY KEY,
      hash TEXT NOT NULL,
      corpus TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      recorded_at INTEGER NOT NULL
    );`,
  },
  {
    version: 3,
    description: 'nlu_inbox.bot_asked: the bot\'s last message before the misunderstood one',
    sql: 'ALTER TABLE nlu_inbox ADD COLUMN bot_asked TEXT;',
  },
];
