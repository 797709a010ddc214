import type { TurnContext } from 'botbuilder';
import { localeOf, msg } from '../../i18n/turnLocale';
import type { NoticeTopicId } from './NoticeTopic';
import { NOTICE_TOPICS } from './topics';

/** A topic's name in 「提醒设置」 (考前提醒), in the turn's language. */
export function topicLabel(ctx: TurnContext, id: NoticeTopicId): string {
  return NOTICE_TOPICS.find((t) => t.id === id)?.label[localeOf(ctx)] ?? id;
}

/** 「考前提醒、考试成绩」: topics named in list order. */
export function topicList(ctx: TurnContext, ids: readonly NoticeTopicId[]): string {
  return NOTICE_TOPICS.filter((t) => ids.includes(t.id)).map((t) => t.label[localeOf(ctx)]).join(msg(ctx, 'notices.listSeparator'));
}
