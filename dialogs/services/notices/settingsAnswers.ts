import { matchChoice } from '../../prompts/choiceAnswers';
import type { Locale } from '../../i18n/Locale';
import { normalizeText } from '../../../nlu-models/text/normalize';
import { NOTICE_TOPICS } from './topics';
import type { NoticeTopicId } from './NoticeTopic';
import { TOPIC_WORDS } from './topicWords';

/** What an answer at 「提醒设置」 asks for beyond picking an option: one topic on or off, all on or off, or leaving. */
export type SettingsAnswer =
  | { kind: 'set'; topic: NoticeTopicId; on: boolean }
  | { kind: 'all'; on: boolean }
  | { kind: 'done' }
  /** 「考前提醒开了吗」「我订阅了哪些」: a question about the list, answered by showing it again (never a change). */
  | { kind: 'show' };

const ALL = /全部|所有|全都|都|一律|\ball\b|\beverything\b|\bevery\b/i;
// Off first: 「不要」 holds 「要」, "turn off" is not "turn on".
const OFF = /关闭|关掉|关了|关上|关一下|关下|^关|关$|取消|不要|别再?发|别提醒|停止|停掉|停了|退订|不用|\boff\b|\bstop\b|\bunsubscribe\b|\bdisable\b|\bno more\b|\bmute\b/i;
const ON = /打开|开启|开通|开上|开一下|开下|^开|开$|订阅|要|需要|\bon\b|\bsubscribe\b|\benable\b|\bi want\b/i;
const DONE = /^(?:完成|完成了|好了|好了好了|行了|可以了|就这样|就这样吧|没了|没有了|没别的了|结束|退出|先这样|ok|okay|done|i'?m done|that'?s all|that'?s it|finish(?:ed)?|exit|nothing else|no more changes)[吧啦了。.!！]*$/i;
const VERBS = /关闭|关掉|关了|关上|打开|开启|开通|开上|取消|不要|别再?发|别|停止|停掉|停了|退订|订阅|需要|帮我|请|再|\b(?:turn|switch)(?:ed)?\b|\bplease\b|\b(?:off|on|stop|unsubscribe|subscribe|disable|enable|mute|the|my|me|i want|no more)\b|[开关要吧的了给我]/gi;
/** Words for notices in general: 「关闭提醒」 names no one topic. */
const NOTICE_WORDS = /提醒我|提醒|通知|消息|推送|\b(?:notices?|notifications?|reminders?|messages?|alerts?)\b/gi;
const ABOUT_NOTICES = /提醒|通知|消息|推送|notice|notification|remind|message|alert/i;
/** 「我订阅了哪些提醒」「考前提醒开了吗」 "which reminders are on?": asking, not changing. */
const QUESTION = /[吗嘛呢？?]\s*$|哪些|哪个|什么|多少|几个|有没有|是不是|怎么|如何|^(?:which|what|how|are|is|do|does|did|can)\b/i;

/** The topic a text names, by number in the list (「关3」) or by its label or another word for it. */
function topicIn(text: string, locale: Locale): NoticeTopicId | undefined {
  const rest = text.replace(VERBS, ' ').replace(/\s+/g, ' ').trim();
  return named(rest, locale) ?? named(rest.replace(NOTICE_WORDS, ' ').replace(/\s+/g, ' ').trim(), locale);
}

function named(rest: string, locale: Locale): NoticeTopicId | undefined {
  if (!rest) return undefined;
  const number = /^(?:第\s*)?(\d{1,2})(?:\s*(?:个|项|条|号))?$/.exec(rest)?.[1];
  if (number) return NOTICE_TOPICS[Number(number) - 1]?.id;
  const m = matchChoice(rest, NOTICE_TOPICS.map((t) => ({ value: t.label[locale], synonyms: [...TOPIC_WORDS[locale][t.id]] })));
  return m && 'index' in m ? NOTICE_TOPICS[m.index]?.id : undefined;
}

/**
 * Reads 「打开考前提醒」「关掉3」「新违法不要了」「全部打开」「都关了」「完成」, "turn off results", "all on", "done". Answers that name
 * an option without saying on or off (「2」「考前提醒」) are left to the options: picking a topic turns it the other way.
 */
export function readSettingsAnswer(text: string, locale: Locale): SettingsAnswer | undefined {
  const t = normalizeText(text).trim();
  if (!t) return undefined;
  if (DONE.test(t)) return { kind: 'done' };
  if (QUESTION.test(t)) return ABOUT_NOTICES.test(t) || topicIn(t, locale) || /订阅|subscri/i.test(t) ? { kind: 'show' } : undefined;
  const off = OFF.test(t);
  const on = !off && ON.test(t);
  if (!off && !on) return undefined;
  const topic = topicIn(t, locale);
  if (topic) return { kind: 'set', topic, on };
  // 「关闭提醒」「不要再提醒」 turn all off; turning all on needs the word (「全部打开」): 「我要订阅提醒」 only opens the list.
  if (ALL.test(t) || (off && ABOUT_NOTICES.test(t))) return { kind: 'all', on };
  return undefined;
}

/** The reader's answer as a string the prompt hands back (AskPrompt's choice readers answer strings). */
export function encodeSettingsAnswer(a: SettingsAnswer): string {
  if (a.kind === 'set') return `set:${a.on ? 'on' : 'off'}:${a.topic}`;
  return a.kind === 'all' ? `all:${a.on ? 'on' : 'off'}` : a.kind;
}

export function decodeSettingsAnswer(value: string): SettingsAnswer | undefined {
  const [kind, state, topic] = value.split(':');
  if (kind === 'done' || kind === 'show') return { kind };
  if (kind === 'all') return { kind: 'all', on: state === 'on' };
  const found = NOTICE_TOPICS.find((x) => x.id === topic);
  return kind === 'set' && found ? { kind: 'set', topic: found.id, on: state === 'on' } : undefined;
}
