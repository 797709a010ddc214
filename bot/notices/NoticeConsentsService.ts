import type { Consent, NoticeStore } from '../../integrations/storage/notices';
import type { NoticeConsents } from '../../dialogs/services/notices/NoticeConsents';
import type { NoticeTopicId } from '../../dialogs/services/notices/NoticeTopic';
import type { Logger } from '../logger';
import { isWeChatCitizen } from './NoticeProducer';

/**
 * The citizen's word on notices, for the dialogs: kept per citizen and topic in the store. A grant computes the
 * citizen's due notices at once (`afterGrant`: the day before the exam already, the reminder goes out now).
 */
export class NoticeConsentsService implements NoticeConsents {
  constructor(
    private readonly o: {
      store: NoticeStore; now: () => number; logger: Logger;
      /** Whether WeChat notices can be sent at all (the channel is configured). */
      enabled: boolean;
      afterGrant: (citizen: string) => Promise<void>;
    },
  ) {}

  deliverable(citizen: string): boolean {
    return this.o.enabled && isWeChatCitizen(citizen);
  }

  list(citizen: string): Promise<Consent[]> {
    return this.o.store.consents(citizen);
  }

  async set(citizen: string, topics: readonly NoticeTopicId[], state: 'granted' | 'revoked'): Promise<NoticeTopicId[]> {
    const before = new Map((await this.o.store.consents(citizen)).map((c) => [c.topic, c.state]));
    const changed: NoticeTopicId[] = [];
    for (const topic of new Set(topics)) {
      if (before.get(topic) === state) continue;
      await this.o.store.setConsent({ citizen, topic, state, updatedAt: this.o.now() });
      changed.push(topic);
    }
    if (state === 'granted' && changed.length) {
      // The grant is recorded whatever happens next; due notices missed here are found by the next sweep.
      await this.o.afterGrant(citizen).catch((err: unknown) => this.o.logger.warn({ err }, 'could not compute the due notices of a new subscriber'));
    }
    return changed;
  }
}
