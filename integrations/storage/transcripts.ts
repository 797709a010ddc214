/** One line of a conversation as kept for agents and audits; `text` is stored with personal data masked. */
export interface TranscriptEntry {
  conversationId: string;
  channelId: string;
  from: 'user' | 'bot' | 'agent';
  text: string;
  /** A bot line's offered choices (suggested actions' titles), when it asked a question with options. */
  options?: string[];
  /** ISO 8601 instant. */
  timestamp: string;
}

/** Port: where conversation transcripts are kept. Adapters mask PII before storing. */
export interface TranscriptStore {
  append(entry: TranscriptEntry): Promise<void>;
  /** Entries of one conversation, oldest first; with `limit`, only the most recent `limit` of them. */
  list(conversationId: string, limit?: number): Promise<TranscriptEntry[]>;
}
