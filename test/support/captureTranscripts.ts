import Database from 'better-sqlite3';
import type { Middleware } from 'botbuilder';
import { TranscriptMiddleware } from '../../bot/TranscriptMiddleware';
import { SqliteTranscriptStore } from '../../integrations/storage/sqlite/SqliteTranscriptStore';
import type { TranscriptStore } from '../../integrations/storage/transcripts';
import { capture, captureDir } from './capture';

let store: SqliteTranscriptStore | undefined;

/**
 * While capturing: the bot's transcript middleware on the real (masking) SQLite transcript store, each line
 * captured as it is stored, i.e. as an agent would be shown it. Nothing otherwise.
 */
export function transcriptCapture(): Middleware[] {
  if (!captureDir()) return [];
  const real = (store ??= new SqliteTranscriptStore(new Database(':memory:')));
  const capturing: TranscriptStore = {
    append: async (entry) => {
      await real.append(entry);
      const [stored] = await real.list(entry.conversationId, 1);
      if (stored) capture('transcripts', `${stored.from}: ${stored.text}`);
    },
    list: (conversationId, limit) => real.list(conversationId, limit),
  };
  return [new TranscriptMiddleware(capturing)];
}
