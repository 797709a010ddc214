import type { Consent, ConsentState } from '../../../../integrations/storage/notices';
import type { NoticeConsents } from '../../../../dialogs/services/notices/NoticeConsents';
import type { NoticeTopicId } from '../../../../dialogs/services/notices/NoticeTopic';
import { TEST_USER } from '../../harness';

/** NoticeConsents in memory: the test user follows the official account unless told otherwise. */
export class MemoryConsents implements NoticeConsents {
  private readonly consents = new Map<string, Map<string, { state: ConsentState; reason?: string }>>();
  /** Every set() call, for asserting that nothing was written. */
  readonly writes: Array<{ citizen: string; topics: readonly NoticeTopicId[]; state: 'granted' | 'revoked' }> = [];

  constructor(private readonly followers: ReadonlySet<string> = new Set([TEST_USER])) {}

  deliverable(citizen: string): boolean {
    return this.followers.has(citizen);
  }

  async list(citizen: string): Promise<Consent[]> {
    return [...(this.consents.get(citizen) ?? new Map<string, { state: ConsentState; reason?: string }>())]
      .map(([topic, c]) => ({ citizen, topic, state: c.state, ...(c.reason ? { reason: c.reason } : {}), updatedAt: 0 }));
  }

  async set(citizen: string, topics: readonly NoticeTopicId[], state: 'granted' | 'revoked'): Promise<NoticeTopicId[]> {
    this.writes.push({ citizen, topics, state });
    const mine = this.consents.get(citizen) ?? new Map<string, { state: ConsentState; reason?: string }>();
    this.consents.set(citizen, mine);
    const changed = topics.filter((t) => mine.get(t)?.state !== state);
    for (const t of changed) mine.set(t, { state });
    return changed;
  }

  /** Scene setting: a topic's state as the store would hold it (WeChat's refusal with its code). */
  put(topic: NoticeTopicId, state: ConsentState, reason?: string, citizen = TEST_USER): this {
    const mine = this.consents.get(citizen) ?? new Map<string, { state: ConsentState; reason?: string }>();
    this.consents.set(citizen, mine);
    mine.set(topic, { state, reason });
    return this;
  }

  stateOf(topic: NoticeTopicId, citizen = TEST_USER): ConsentState | 'unset' {
    return this.consents.get(citizen)?.get(topic)?.state ?? 'unset';
  }

  /** The topics on for the citizen, in the order NOTICE_TOPIC_IDS lists them. */
  granted(citizen = TEST_USER): string[] {
    return [...(this.consents.get(citizen) ?? new Map())].filter(([, c]) => c.state === 'granted').map(([t]) => t as string).sort();
  }
}
