import type { NoticeConsents } from './NoticeConsents';
import { NOTICE_TOPIC_IDS, isNoticeTopic, type NoticeTopicId } from './NoticeTopic';

/** A topic as the citizen sees it in 「提醒设置」: on, off, never answered, or refused on WeChat's side. */
export type TopicState = 'granted' | 'revoked' | 'refused' | 'unset';

/** Each topic's state for this citizen (topics never answered are unset). */
export async function consentStates(notices: NoticeConsents, citizen: string): Promise<Record<NoticeTopicId, TopicState>> {
  const states = Object.fromEntries(NOTICE_TOPIC_IDS.map((t) => [t, 'unset'])) as Record<NoticeTopicId, TopicState>;
  for (const c of await notices.list(citizen)) if (isNoticeTopic(c.topic)) states[c.topic] = c.state;
  return states;
}
