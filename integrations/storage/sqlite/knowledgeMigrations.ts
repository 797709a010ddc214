import type { Migration } from './migrate';

/** Tables of the knowledge base: draft cards, published versions, the live pointer, the seed record (scope "knowledge"). Append only. */
export const knowledgeMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'knowledge_cards, knowledge_versions, knowledge_live, knowledge_seed',
    sql: `CREATE TABLE knowledge_cards (
      id TEXT PRIMARY KEY,
      json TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('active', 'retired')),
      updated_by TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE knowledge_versions (
      id TEXT PRIMARY KEY,
      number INTEGER NOT NULL UNIQUE,
      created_by TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      note TEXT NOT NULL,
      hash TEXT NOT NULL,
      card_count INTEGER NOT NULL,
      cards_json TEXT NOT NULL
    );
    CREATE TABLE knowledge_live (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      version_id TEXT NOT NULL REFERENCES knowledge_versions (id),
      published_at INTEGER NOT NULL,
      published_by TEXT NOT NULL
    );
    CREATE TABLE knowledge_seed (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      hash TEXT NOT NULL,
      at INTEGER NOT NULL
    );`,
  },
];
