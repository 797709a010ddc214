import type { Storage } from 'botbuilder';
import type { AgentStore } from './agents';
import type { AuditLog } from './auditLog';
import type { ConversationFacts } from './conversationFacts';
import type { HandoffStore } from './handoffs';
import type { KnowledgeStore } from './knowledge';
import type { MessageReceipts } from './messageReceipts';
import type { NoticeStore } from './notices';
import type { RateLimits } from './rateLimits';
import type { SharedTokens } from './sharedTokens';
import type { InboxStore, TrainingStore } from './training';
import type { TranscriptStore } from './transcripts';
import type { WriteHealth } from './writeHealth';
import type { WebhookNonces } from './webhookNonces';

/** Every storage port, built once per process by one adapter (SQLite or MongoDB) and injected. */
export interface StoreBundle {
  readonly kind: 'sqlite' | 'mongo';
  /** botbuilder bot state (conversation and user state) with eTag semantics. */
  storage: Storage;
  transcripts: TranscriptStore;
  receipts: MessageReceipts;
  /** Signed webhook requests seen (WeChat's timestamp/nonce/signature), with a hash of their body. */
  nonces: WebhookNonces;
  tokens: SharedTokens;
  rateLimits: RateLimits;
  handoffs: HandoffStore;
  agents: AgentStore;
  audit: AuditLog;
  training: TrainingStore;
  inbox: InboxStore;
  /** The knowledge base's answer cards: the draft, published versions and the live one. */
  knowledge: KnowledgeStore;
  /** Notices citizens subscribed to: consent per citizen and topic, and due notices as leased jobs. */
  notices: NoticeStore;
  /** What happened in citizens' conversations, for the operations view (no text, hashed conversations). */
  facts: ConversationFacts;
  /** What the writes did lately (a recent failure makes GET /readyz answer 503). */
  readonly health: WriteHealth;
  /** Releases the connection; idempotent. */
  close(): Promise<void>;
}
