import type { Migration } from './migrate';

/** The operations view's conversation facts (scope "ops"). Append only. */
export const factMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'conversation_facts',
    sql: `CREATE TABLE conversation_facts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at INTEGER NOT NULL,
      channel TEXT NOT NULL,
      conversation TEXT NOT NULL,
      kind TEXT NOT NULL,
      service TEXT,
      step TEXT,
      grp TEXT
    );
    CREATE INDEX conversation_facts_at ON conversation_facts (at, id);`,
  },
];
