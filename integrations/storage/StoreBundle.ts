import type { Storage } from 'botbuilder';
import type { TranscriptStore } from './transcripts';

/** The stores the composition root builds once per process (SQLite or MongoDB) and injects. */
export interface StoreBundle {
  storage: Storage;
  transcripts: TranscriptStore;
  /** Releases the connection; idempotent. */
  close(): Promise<void>;
}
