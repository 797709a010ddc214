import type { Migration } from './migrate';

/** Schema of the bot state table (scope "botstate"); append new versions, never edit applied ones. */
export const botStateMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'bot_state: botbuilder Storage items with eTags',
    sql: `CREATE TABLE bot_state (
      key TEXT PRIMARY KEY NOT NULL,
      etag TEXT NOT NULL,
      data TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) WITHOUT ROWID`,
  },
];
