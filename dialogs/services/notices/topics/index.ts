import type { CatalogueMessages } from '../../../i18n/catalog';
import type { NoticeTopicDefinition, NoticeTopicId } from '../NoticeTopic';
import { DECISION_ISSUED } from './decisionIssued';
import { EXAM_REMINDER } from './examReminder';
import { EXAM_RESULT } from './examResult';
import { FINE_DEADLINE } from './fineDeadline';
import en from './i18n/en.json';
import zhCN from './i18n/zh-CN.json';
import { LICENCE_RENEWAL } from './licenceRenewal';
import { NEW_VIOLATION } from './newViolation';
import { PLATE_EXPIRING } from './plateExpiring';

/** The notices, in the order 「提醒设置」 lists them: the engine, the sandbox WeChat's templates and the pages derive from it. */
export const NOTICE_TOPICS: readonly NoticeTopicDefinition[] = [
  EXAM_REMINDER, EXAM_RESULT, DECISION_ISSUED, FINE_DEADLINE, PLATE_EXPIRING, NEW_VIOLATION, LICENCE_RENEWAL,
];

export function noticeTopic(id: NoticeTopicId): NoticeTopicDefinition {
  const t = NOTICE_TOPICS.find((x) => x.id === id);
  if (!t) throw new Error(`no notice topic ${id}`);
  return t;
}

/** The notices' texts (field values), merged into the notices service's catalogue. */
export const NOTICE_TOPIC_MESSAGES: CatalogueMessages = { 'zh-CN': zhCN, en };
