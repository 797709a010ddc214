/**
 * The hotline handoff queue: a conversation the bot hands to a person, its place in the queue, the agent who
 * owns it and what was said. Kept in the store so it survives restarts and is shared by every bot process.
 */
export type HandoffReason = 'requested' | 'misunderstood' | 'rule' | 'platform_failure' | 'complaint';
export type HandoffStatus = 'waiting' | 'active' | 'closed' | 'cancelled' | 'expired';
export const HANDOFF_REASONS: readonly HandoffReason[] = ['requested', 'misunderstood', 'rule', 'platform_failure', 'complaint'];

/** What an agent may see of the citizen: masked, never the full ID number or phone. */
export interface CitizenSummary {
  readonly label: string;
  readonly bound: boolean;
  readonly name?: string;
  readonly idNumber?: string;
  readonly phone?: string;
}

/** An agent's availability for new handoffs; an agent who never said is away. */
export type AgentPresenceStatus = 'available' | 'away';
export interface AgentPresence { readonly agentId: string; readonly status: AgentPresenceStatus; readonly since: number }

/** The citizen's 1-5 satisfaction rating of a conversation with an agent, asked once after it ended. */
export interface SatisfactionRating { readonly score: 1 | 2 | 3 | 4 | 5; readonly comment?: string; readonly at: number }

/** What an agent typed but did not send yet, kept per agent × handoff. */
export interface AgentDraft { readonly handoffId: string; readonly text: string; readonly at: number }

export interface HandoffRecord {
  readonly id: string;
  /**
   * Who the citizen is across conversations (their history): `person:<hash of the bound ID number>`, else
   * `user:<channel user id>` (WeChat: the OpenID). Never shown to agents.
   */
  readonly citizenKey: string;
  /** `<channelId>:<conversationId>`: one open handoff per conversation. */
  readonly conversationKey: string;
  readonly channelId: string;
  readonly conversationId: string;
  /** The Bot Framework conversation reference (JSON) used to reach the citizen proactively. */
  readonly reference: string;
  readonly reason: HandoffReason;
  /** 0 first (complaints), then 1. */
  readonly priority: number;
  readonly status: HandoffStatus;
  readonly citizen: CitizenSummary;
  readonly intents: readonly string[];
  readonly locale: string;
  readonly createdAt: number;
  readonly acceptedAt?: number;
  readonly closedAt?: number;
  readonly agentId?: string;
  /** Why it ended: the agent's reason, "handback", "citizen", "timeout". */
  readonly outcome?: string;
  /** The citizen asked to be called back after the wait expired. */
  readonly callbackRequested: boolean;
  /** While waiting: the available agent it is offered to (assignment by load), and since when. */
  readonly offeredTo?: string;
  readonly offeredAt?: number;
  /** When the citizen was asked to rate the conversation (after an agent's part ended). */
  readonly ratingAskedAt?: number;
  readonly rating?: SatisfactionRating;
}

export interface NewHandoff {
  readonly conversationKey: string;
  readonly citizenKey: string;
  readonly channelId: string;
  readonly conversationId: string;
  readonly reference: string;
  readonly reason: HandoffReason;
  readonly citizen: CitizenSummary;
  readonly intents: readonly string[];
  readonly locale: string;
}

/**
 * `transferred`: agentId is the receiver, text the hand-over note; `offered`: agentId is the agent it is offered to
 * (none: the offer was withdrawn); `rated`: text is the score.
 */
export type HandoffEventKind = 'created' | 'user' | 'agent' | 'note' | 'accepted' | 'transferred' | 'ended' | 'callback' | 'offered' | 'rated';

/** One thing that happened to a handoff; events are numbered across the store, so a stream resumes after an id. */
export interface HandoffEvent {
  readonly id: number;
  readonly handoffId: string;
  readonly kind: HandoffEventKind;
  /** The agent concerned (author of a message or note, new owner). */
  readonly agentId?: string;
  /** Message or note text (masked), or the outcome. */
  readonly text?: string;
  readonly at: number;
}

export interface HandoffStore {
  /** Opens a handoff, or returns the conversation's open one (`created` false) — never two. */
  create(input: NewHandoff, now: number): Promise<{ record: HandoffRecord; created: boolean }>;
  get(id: string): Promise<HandoffRecord | undefined>;
  /** The waiting or active handoff of a conversation. */
  openFor(conversationKey: string): Promise<HandoffRecord | undefined>;
  /** The most recent handoff of a conversation, whatever its status. */
  latestFor(conversationKey: string): Promise<HandoffRecord | undefined>;
  /** Waiting handoffs in service order: priority, then first come first served. */
  waiting(): Promise<HandoffRecord[]>;
  active(): Promise<HandoffRecord[]>;
  /** Expired handoffs whose citizen asked for a callback, newest first. */
  callbacks(limit: number): Promise<HandoffRecord[]>;
  /** How many waiting handoffs are served before this one (0: next). */
  position(id: string): Promise<number>;
  /** waiting → active for this agent; false when someone else was first or it is no longer waiting. */
  accept(id: string, agentId: string, now: number): Promise<boolean>;
  /** active → active with another owner, only by the current owner. */
  transfer(id: string, fromAgentId: string, toAgentId: string): Promise<boolean>;
  /** Ends an open handoff (from `from` statuses) with a status and outcome; false when it was not in one of them. */
  finish(id: string, from: readonly HandoffStatus[], status: 'closed' | 'cancelled' | 'expired', outcome: string, now: number): Promise<boolean>;
  /** Expires every handoff waiting since before `before`; returns those this call expired (each only once). */
  expireWaiting(before: number, now: number): Promise<HandoffRecord[]>;
  requestCallback(id: string): Promise<boolean>;
  addEvent(event: Omit<HandoffEvent, 'id'>): Promise<HandoffEvent>;
  /** Events after `afterId` (all handoffs), oldest first. */
  eventsAfter(afterId: number, limit: number): Promise<HandoffEvent[]>;
  eventsOf(handoffId: string): Promise<HandoffEvent[]>;
  /** The newest event id (a stream starts after it). */
  lastEventId(): Promise<number>;

  /**
   * Offers a waiting handoff to an agent (null withdraws the offer); false when it is no longer waiting. With
   * `expected` (the `offeredTo` the caller read; null: not offered), only when the offer is still that one: two
   * processes assigning the same handoff at once then never both win.
   */
  offer(id: string, agentId: string | null, now: number, expected?: string | null): Promise<boolean>;
  /** The citizen's handoffs (same citizenKey), newest first, whatever their status; at most `limit`. */
  history(citizenKey: string, limit: number): Promise<HandoffRecord[]>;
  /**
   * Handoffs created in [from, to) (either bound optional) whose citizen (label, masked name, ID number, phone) or
   * any of whose user, agent or note event texts contains `text` (case-insensitive; all when absent or blank);
   * newest first, at most `limit`, whatever their status. Texts are stored masked, so a fragment of the masked
   * form is what finds them (0024 or 138****, not the full ID number).
   */
  search(q: { text?: string; from?: number; to?: number; limit: number }): Promise<HandoffRecord[]>;
  /** Handoffs created in [from, to), oldest first (the operations figures). */
  between(from: number, to: number): Promise<HandoffRecord[]>;
  /** Marks that the citizen was asked for a rating (once; only an ended handoff: closed, cancelled or expired); false otherwise. */
  askRating(id: string, now: number): Promise<boolean>;
  /** Records the score once (only after askRating); false when not asked or already rated. A score outside 1-5 throws a RangeError. */
  rate(id: string, score: SatisfactionRating['score'], now: number): Promise<boolean>;
  /** Adds the optional comment to a rating (once); false when not rated or already commented. */
  commentRating(id: string, comment: string): Promise<boolean>;
  /** Keeps (replaces) an agent's draft for a handoff; an empty text deletes it. */
  saveDraft(agentId: string, handoffId: string, text: string, now: number): Promise<void>;
  /** The agent's drafts, newest first (drafts of handoffs that ended stay until saved empty). */
  drafts(agentId: string): Promise<AgentDraft[]>;
  setPresence(agentId: string, status: AgentPresenceStatus, now: number): Promise<void>;
  /** Every agent who ever set a presence. */
  presence(): Promise<AgentPresence[]>;
}
