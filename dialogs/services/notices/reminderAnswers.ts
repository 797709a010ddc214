import { normalizeText } from '../../../nlu-models/text/normalize';

const PUNCT = /[\s,，。.!！~～、]+/g;
/** 「提醒我」「通知我」「要」「需要提醒」「记得提醒我哦」 "remind me", "notify me": a yes at a reminder offer. */
const YES = /^(?:嗯|好|好的|可以|行|是的?|对)?(?:要|需要|要的|需要的|请|麻烦|记得|那就)?(?:提醒(?:我|一下|下)?|通知(?:我|一下|下)?|要提醒|需要提醒|打开|开启|开|订阅|要的|要|需要)(?:一下|下)?(?:吧|呀|啊|哦|噢|的|谢谢|thanks)*$/;
const YES_EN = /^(?:(?:yes|yeah|yep|sure|ok(?:ay)?|please)\s*)*(?:do\s+)?(?:remind me|notify me|tell me|send (?:me )?(?:a |the )?reminders?|i(?:'d| would) like (?:a |that |the )?reminders?|reminders? please|turn (?:it|them) on)(?:\s+(?:please|thanks|thank you))*$/i;
/** 「不用提醒」「别提醒我」 "don't remind me", "no reminders": a no (the act model reads most of the rest). */
const NO = /^(?:不用|不要|不需要|别|不必)(?:再)?(?:提醒(?:我|了)?|通知(?:我|了)?)(?:了|啦|吧|谢谢)*$/;
const NO_EN = /^(?:no\s*)?(?:thanks\s*)?(?:(?:don'?t|do not) (?:remind|notify|bother) me|no reminders?(?: please| thanks)?|i don'?t need (?:a |the |any )?reminders?)(?:\s+(?:please|thanks|thank you))*$/i;

/** How a reminder offer (「需要考前一天提醒你吗？」「以后有新的违法记录时通知你吗？」…) reads in its own words: 'yes', 'no', or undefined (the act model decides). */
export function readReminderAnswer(text: string): 'yes' | 'no' | undefined {
  const t = normalizeText(text).trim();
  const zh = t.replace(PUNCT, '');
  const en = t.replace(/[,.!]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (NO.test(zh) || NO_EN.test(en)) return 'no';
  if (YES.test(zh) || YES_EN.test(en)) return 'yes';
  return undefined;
}
