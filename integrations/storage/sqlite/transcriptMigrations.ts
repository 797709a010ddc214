import type { Migration } from './migrate';

/** Schema of the transcript table (scope "transcripts"); append new versions, never edit applied ones. */
export const transcriptMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'transcript_entries: masked conversation lines',
    sql: `CREATE TABLE transcript_entries (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      conversation_id TEXT NOT NULL,
      channel_id TEXT NOT NULL,
      sender TEXT NOT NULL CHECK (sender IN ('user', 'bot', 'agent')),
      text TEXT NOT NULL,
      timestamp TEXT NOT NULL
    );
    CREATE INDEX transcript_entries_conversation ON transcript_entries (conversation_id, id);`,
  },
  {
    version: 2,
    description: 'transcript_entries.options: the choices a bot line offered (JSON array of titles)',
    sql: 'ALTER TABLE transcript_entries ADD COLUMN options TEXT;',
  },
];
