import { NOTICE_TOPIC_IDS, type NoticeTopicId } from '../../dialogs/services/notices/NoticeTopic';
import { parseQuietHours, type QuietHours } from './quietHours';

/** How notices go out (issue 17); read by bot/config.ts. */
export interface NoticeConfig {
  /** NOTICE_QUIET_HOURS, default 21:00-08:00 China time; "off": none. */
  readonly quietHours: QuietHours | null;
  /** NOTICE_DAILY_CAP: notices one citizen gets per China day at most (the rest wait for the next day). */
  readonly dailyCap: number;
  /**
   * The WeChat template id of each topic (NOTICE_TEMPLATE_EXAM_REMINDER…, as registered in the official account's
   * console); the demo's sandbox WeChat has its own. A topic without one is never sent (and said so at start).
   */
  readonly templates: Readonly<Partial<Record<NoticeTopicId, string>>>;
  /** NOTICE_LINK_URL: the page a notice opens, with ?say=<next step>; the demo's messenger has /chat/reply. */
  readonly linkUrl?: string;
}

/** The environment variable of a topic's template: exam-reminder → NOTICE_TEMPLATE_EXAM_REMINDER. */
export const templateVariable = (topic: NoticeTopicId): string => `NOTICE_TEMPLATE_${topic.toUpperCase().replace(/-/g, '_')}`;

/** The sandbox WeChat's template id of a topic (it registers the topics' templates under these). */
export const sandboxTemplateId = (topic: NoticeTopicId): string => `jiaoguan-${topic}`;

export function readNoticeConfig(get: (name: string) => string | undefined, demo: boolean, problems: string[]): NoticeConfig {
  const quietText = get('NOTICE_QUIET_HOURS') ?? '21:00-08:00';
  const quietHours = parseQuietHours(quietText);
  if (quietHours === undefined) problems.push(`NOTICE_QUIET_HOURS must be "HH:MM-HH:MM" in China time (e.g. 21:00-08:00) or "off", got "${quietText}"`);
  const capText = get('NOTICE_DAILY_CAP') ?? '5';
  const dailyCap = Number(capText);
  if (!Number.isInteger(dailyCap) || dailyCap < 1 || dailyCap > 100) problems.push(`NOTICE_DAILY_CAP must be a whole number of notices from 1 to 100, got "${capText}"`);
  const templates: Partial<Record<NoticeTopicId, string>> = {};
  for (const topic of NOTICE_TOPIC_IDS) {
    const id = get(templateVariable(topic)) ?? (demo ? sandboxTemplateId(topic) : undefined);
    if (id !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(id)) problems.push(`${templateVariable(topic)} must be a WeChat template id (letters, digits, - and _)`);
    else if (id) templates[topic] = id;
  }
  const linkUrl = get('NOTICE_LINK_URL') ?? (demo ? '/chat/reply' : undefined);
  if (linkUrl && !/^(https?:\/\/|\/)/.test(linkUrl)) problems.push('NOTICE_LINK_URL must be an http(s) URL');
  return { quietHours: quietHours ?? null, dailyCap: Number.isInteger(dailyCap) ? dailyCap : 5, templates, linkUrl };
}
