import type { Consent } from '../../../integrations/storage/notices';
import type { NoticeTopicId } from './NoticeTopic';

/**
 * What the conversation may do with the citizen's notice subscriptions (bot/notices implements it on the store and
 * the engine): read them, and record the citizen's word. A grant computes the citizen's due notices at once.
 */
export interface NoticeConsents {
  /** Whether notices can reach this channel user at all (WeChat followers only: template messages). */
  deliverable(citizen: string): boolean;
  /** The citizen's consent for each topic they ever answered (refused: WeChat said no, with its code in `reason`). */
  list(citizen: string): Promise<Consent[]>;
  /** Records the citizen's word for these topics; answers the topics whose state changed. */
  set(citizen: string, topics: readonly NoticeTopicId[], state: 'granted' | 'revoked'): Promise<NoticeTopicId[]>;
}
