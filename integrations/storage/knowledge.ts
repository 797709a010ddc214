import type { KnowledgeCard } from '../../nlu-models/knowledge/types';

/**
 * The knowledge base's answer cards, kept in the store so admins edit them on a running bot and every process
 * answers from the same live version. Cards are edited as a draft; publishing snapshots the draft as a numbered
 * version and makes it live; an earlier version can be made live again (rollback). The repository's cards
 * (nlu-models/knowledge/cards) seed the store.
 */
export type DraftStatus = 'active' | 'retired';

/** A card as the draft holds it. */
export interface DraftCard {
  readonly card: KnowledgeCard;
  /** Retired cards stay in the draft (and can be brought back) but are left out of the next published version. */
  readonly status: DraftStatus;
  /** system (the seed) or the admin's id. */
  readonly updatedBy: string;
  readonly updatedAt: number;
}

export interface KnowledgeVersion {
  readonly id: string;
  /** 1, 2, 3… in publishing order. */
  readonly number: number;
  readonly createdBy: string;
  readonly createdAt: number;
  /** What the admin said about it (or "seed"). */
  readonly note: string;
  /** How many cards it holds. */
  readonly cardCount: number;
  /** sha256 of its cards (as JSON, in id order). */
  readonly hash: string;
}

export interface KnowledgeLive {
  readonly versionId: string;
  readonly publishedAt: number;
  readonly publishedBy: string;
}

export interface KnowledgeStore {
  /** Every card of the draft, active and retired, in id order. */
  draftCards(): Promise<DraftCard[]>;
  draftCard(id: string): Promise<DraftCard | undefined>;
  /** Creates or replaces a card of the draft. */
  saveDraftCard(card: DraftCard): Promise<void>;
  /**
   * Snapshots the given cards as a new version (numbered after the last) and returns it; does not make it live.
   * The cards are stored whole, so a version never changes when the draft does.
   */
  createVersion(v: { createdBy: string; createdAt: number; note: string; hash: string; cards: readonly KnowledgeCard[] }): Promise<KnowledgeVersion>;
  /** Newest first. */
  versions(): Promise<KnowledgeVersion[]>;
  version(id: string): Promise<KnowledgeVersion | undefined>;
  /** The cards of a version (undefined when there is no such version). */
  versionCards(id: string): Promise<KnowledgeCard[] | undefined>;
  /** @throws when the version does not exist. */
  setLive(versionId: string, by: string, at: number): Promise<void>;
  live(): Promise<KnowledgeLive | undefined>;
  /** The hash of the repository's cards the store was last seeded from, and when. */
  seed(): Promise<{ hash: string; at: number } | undefined>;
  recordSeed(hash: string, at: number): Promise<void>;
}
