/**
 * Notices the citizen subscribed to (issue 17): consent per citizen and topic, and due notices as jobs in the
 * store, claimed with a lease so that with several bot processes, and after a crash, each goes out once; and where
 * each reader of an event feed goes on after a restart (its cursor).
 * Times are epoch milliseconds; topics and citizens are opaque strings (citizen: the channel user id, e.g.
 * wechat:<openid>).
 */
export type NoticeTopic = string;

/** granted / revoked: the citizen's word; refused: WeChat said it may not be sent (not subscribed, blocked). */
export type ConsentState = 'granted' | 'revoked' | 'refused';

export interface Consent {
  readonly citizen: string;
  readonly topic: NoticeTopic;
  readonly state: ConsentState;
  /** For refused: WeChat's error code (e.g. 43101) as the API gave it. */
  readonly reason?: string;
  readonly updatedAt: number;
}

export const NOTICE_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export interface NoticeJob {
  readonly id: string;
  /**
   * What makes the notice one notice (e.g. exam-reminder:<booking id>): creating a job with a key that exists does
   * nothing, so an event read twice, or a due notice computed by two processes, is one job.
   */
  readonly key: string;
  readonly citizen: string;
  readonly topic: NoticeTopic;
  /** When it may go out at the earliest. */
  readonly dueAt: number;
  /** The notice's fields (template data), as JSON-able values. */
  readonly payload: Readonly<Record<string, unknown>>;
  readonly status: NoticeStatus;
  /** Sending attempts started. */
  readonly attempts: number;
  /** The process holding it while sending, and until when; another may claim it after that. */
  readonly leaseOwner?: string;
  readonly leaseUntil?: number;
  /** Not before this time again (backoff after a failed attempt). */
  readonly notBefore?: number;
  readonly lastError?: string;
  readonly createdAt: number;
  readonly sentAt?: number;
}

export interface NewNotice {
  readonly key: string;
  readonly citizen: string;
  readonly topic: NoticeTopic;
  readonly dueAt: number;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly createdAt: number;
}

export interface NoticeCounts {
  readonly topic: NoticeTopic;
  readonly status: NoticeStatus;
  readonly n: number;
}

/** A notice sent, or failed for good, and when (see NoticeStore.outcomes). */
export interface NoticeOutcome {
  readonly topic: NoticeTopic;
  readonly outcome: 'sent' | 'failed';
  readonly at: number;
}

export interface NoticeStore {
  /** The citizen's consent for each topic they ever answered. */
  consents(citizen: string): Promise<Consent[]>;
  consent(citizen: string, topic: NoticeTopic): Promise<Consent | undefined>;
  /** Records (replaces) the consent of one citizen for one topic. */
  setConsent(consent: Consent): Promise<void>;
  /** Citizens who granted a topic (for computing due notices), in citizen order, paged by `after`. */
  grantedFor(topic: NoticeTopic, limit: number, after?: string): Promise<string[]>;

  /** Creates the job unless one with the same key exists; says which happened. */
  enqueue(job: NewNotice): Promise<{ created: boolean; id: string }>;
  /**
   * Claims up to `limit` jobs that are due (`dueAt` and `notBefore` ≤ now), pending, or sending with an expired lease
   * (a process died mid-way): each becomes `sending`, leased to `owner` until `leaseNow + leaseMs`, attempts + 1. Two
   * claimers never get the same job. Oldest due first. `now` is the bot's clock (what is due: the demo's sandbox clock
   * jumps days); `leaseNow` (default `now`) is real time: a lease is about a process being alive.
   */
  claim(owner: string, now: number, leaseMs: number, limit: number, leaseNow?: number): Promise<NoticeJob[]>;
  /**
   * Records that WeChat accepted the notice: a fact, so it is recorded whoever holds the lease now (a process whose
   * lease ran out while its send was under way still delivered it; the job must not go out again after WeChat's
   * client_msg_id window, e.g. deferred by the process that took it over). False, nothing changed, once already sent.
   * `owner` names the process that sent it.
   */
  markSent(id: string, owner: string, at: number): Promise<boolean>;
  /**
   * A failed attempt: back to pending, not before `retryAt`; or `failed` for good when `retryAt` is undefined.
   * False when `owner` no longer holds the lease.
   */
  markFailed(id: string, owner: string, error: string, retryAt?: number): Promise<boolean>;
  /** Not sent on purpose (consent revoked or refused, the event no longer true); false when not held by owner. */
  markSkipped(id: string, owner: string, reason: string): Promise<boolean>;
  /**
   * Puts a claimed job back without counting it as an attempt (quiet hours, the citizen's daily cap reached): pending,
   * not before `notBefore`, attempts as they were before the claim, `note` as lastError. False (nothing changed) when
   * `owner` no longer holds the lease.
   */
  defer(id: string, owner: string, notBefore: number, note: string): Promise<boolean>;
  job(id: string): Promise<NoticeJob | undefined>;
  jobByKey(key: string): Promise<NoticeJob | undefined>;
  /** A citizen's jobs, newest due first. */
  jobsOf(citizen: string, limit: number): Promise<NoticeJob[]>;
  /** Jobs that failed for good, newest due first (the admin console lists them). */
  failedJobs(limit: number): Promise<NoticeJob[]>;
  /** Counts by topic and status (metrics, admin console). */
  counts(): Promise<NoticeCounts[]>;
  /**
   * What became of notices in [from, to) (the operations view): sent ones at their sending time, ones that failed for
   * good at their due time; oldest first.
   */
  outcomes(from: number, to: number): Promise<NoticeOutcome[]>;
  /** Sent notices of a citizen since a time (the daily cap). */
  sentSince(citizen: string, since: number): Promise<number>;
  /**
   * Writes a job exactly as it was, status, attempts and lease included (the SQLite→MongoDB migration: a sent job
   * must stay sent there, or its key would be free and the notice go out twice); false, nothing written, when its
   * key or id exists.
   */
  restore(job: NoticeJob): Promise<boolean>;

  /**
   * Where a reader of an event feed (e.g. the platform's events) goes on after a restart, by the reader's name; one
   * value shared by every process. Undefined before the first save.
   */
  cursor(name: string): Promise<string | undefined>;
  /** Records (replaces) a reader's cursor, `at` being when (epoch ms). The value is opaque: the last save wins. */
  saveCursor(name: string, value: string, at: number): Promise<void>;
}
