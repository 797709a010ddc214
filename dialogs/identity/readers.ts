import { extractIdNumbers } from '../../nlu-models/entities/idNumber';
import { normalizeText } from '../../nlu-models/text/normalize';

/**
 * How the binding flow reads what citizens type at its three questions: an ID number with spaces or dashes,
 * a name inside a sentence (「我叫张伟」, "my name is Zhang Wei"), a code inside a sentence or a pasted SMS, and a
 * request to send the code again (「没收到」「重新发送」). Pure functions: the prompts call them (dialogs/identity/prompts.ts).
 */

/** What the ID-number reader found: the ID, or why what looks like one is not (for a clear re-ask). */
export type IdReading =
  | { readonly idNumber: string }
  | { readonly problem: 'length'; readonly length: number }
  | { readonly problem: 'check' };

/** Separators citizens put between groups of digits (「3201 0219 9003 0712 39」, 「320102-19900307-1239」). */
const BETWEEN_DIGITS = /(?<=\d)[\s\-‐‑–—_.·]+(?=[\dXx])/g;
/** Something that looks like an attempt at an ID number: 15 to 20 digits (the last may be X). */
const ID_LIKE = /(?<![A-Za-z0-9])(\d{14,19}[\dXx])(?![A-Za-z0-9])/;

export function readIdNumber(text: string): IdReading | undefined {
  const joined = normalizeText(text).replace(BETWEEN_DIGITS, '');
  const found = extractIdNumbers(joined)[0];
  if (found) return { idNumber: found.value };
  const like = ID_LIKE.exec(joined)?.[1];
  if (!like) return undefined;
  return like.length === 18 ? { problem: 'check' } : { problem: 'length', length: like.length };
}

/** A name as on an ID card: Chinese characters (with · for minority names) or Latin letters. */
const NAME = /^[\u4e00-\u9fff·A-Za-z .'-]{2,20}$/u;
/** In a sentence: 2 to 4 characters (more only with ·), then the end or a pause. */
const HAN_NAME = '[\\u4e00-\\u9fff]{2,4}(?:·[\\u4e00-\\u9fff]{1,10})*(?=$|[\\s,，。.!！;；])';
/** A name introduced in a sentence: 「我叫张伟」, 「名字是 李娜」, 「姓名：王强」, 「本人李娜」. */
const ZH_INTRODUCED = [
  new RegExp(`(?:姓名|名字|名)\\s*(?:是|叫|为)?\\s*[:：]?\\s*(${HAN_NAME})`, 'u'),
  new RegExp(`(?:我|本人)\\s*(?:的名字)?\\s*(?:叫做|叫|是)\\s*(${HAN_NAME})`, 'u'),
  new RegExp(`^(?:本人|我叫|叫)\\s*(${HAN_NAME})$`, 'u'),
];
const EN_INTRODUCED = /^(?:(?:my\s+)?(?:full\s+)?name(?:'s|\s+is)?|i\s*am|i'm|im|this\s+is|it's|it\s+is|call\s+me)\s*[:：]?\s*([A-Za-z][A-Za-z .'-]{1,30}|[\u4e00-\u9fff·]{2,20})$/iu;
/** Trailing words that are not part of a name: 「李娜。」, 「张伟啊」, 「李娜就是我」. */
const TRAIL = /(?:[。.!！~～,，;；]|就是我|哈|啊|呀|哦|嘛|的)+$/u;
/** A bare answer with these words is a question or a request, not a name. */
const NOT_A_NAME = /什么|怎么|为什么|为啥|干嘛|不|没|吗|呢|取消|人工|客服|帮助|发送|验证码|身份证|绑定|解绑|号码|手机|谁|哪|想|问|请|可以|一下|如何|办理|查询/u;
/** Interjections and one character typed over and over (「啊啊啊」, 「哈哈」): not a name. */
const NOISE = /^(?:[啊哈呵嗯哦额呃嘿喂唉哎嘻吼嗷噢喔呀哇]+|(.)\1+)$/u;
/** Latin letters that are no name: a word without a vowel (hmmm, psst), or hmm/umm/uh/lol/haha typed out. */
const EN_NOISE = /(?:^|\s)[b-df-hj-np-tv-xz]+(?=\s|$)|^(?:h+m+|u+m+|u+h+|e+r+m*|a+h+|o+h+|(?:h+a+)+|l+o+l+|e+h+)$/i;
const EN_NOT_A_NAME = /\b(?:what|why|how|who|cancel|help|agent|code|resend|again|not|no|yes|bind|unbind|please|stop)\b/i;

/**
 * The name in an answer at the name question. `isRequest` tells a bare answer that is a request (「查记分」, 「你好」) from a
 * name; a name introduced as one (「我叫…」) is always a name.
 */
export function readName(text: string, isRequest: (text: string) => boolean = () => false): string | undefined {
  const t = normalizeText(text).replace(TRAIL, '').trim();
  for (const re of ZH_INTRODUCED) {
    const m = re.exec(t)?.[1]?.replace(TRAIL, '');
    if (m && NAME.test(m) && !NOT_A_NAME.test(m)) return m;
  }
  const en = EN_INTRODUCED.exec(t)?.[1]?.replace(TRAIL, '').trim();
  if (en && NAME.test(en) && !EN_NOT_A_NAME.test(en)) return en;
  if (!NAME.test(t) || NOISE.test(t.replace(/\s+/g, '')) || EN_NOISE.test(t)) return undefined;
  if (/[\u4e00-\u9fff]/u.test(t) ? NOT_A_NAME.test(t) : EN_NOT_A_NAME.test(t)) return undefined;
  return isRequest(t) ? undefined : t;
}

/** What the code reader returns for a request to send the code again (never a code: codes are digits). */
export const RESEND = 'resend';

const RESEND_WORDS = new RegExp([
  '没收到', '没有收到', '收不到', '没接到', '没有接到', '没看到短信', '没短信', '没有短信', '还没到', '还没收到', '没来',
  '重新发', '重发', '再发', '重新获取', '重新给', '再给我发', '再来一个', '再来一条', '换个验证码', '新的验证码',
  'resend', 're-send', 'send (?:it |the code |a code |me (?:a |the )?(?:new )?code )?again', 'send (?:me )?(?:another|a new)',
  'new code', "didn'?t (?:get|receive)", 'did not (?:get|receive)', "haven'?t (?:got|gotten|received)", 'not received', 'no code',
  'never (?:got|received|came)', 'still waiting',
].join('|'), 'i');
const CODE_KEYWORD = /验证码|校验码|动态码|code/i;

/**
 * A code of `length` digits: typed alone (also 「123 456」), inside a sentence (「验证码是123456」) or in the pasted SMS
 * (「【江苏公安交管】…验证码654321，5分钟内有效」: 12123 or 5 are not it). RESEND for 「没收到」「重新发送」「resend」.
 */
export function readCode(text: string, length: number): string | undefined {
  const t = normalizeText(text);
  if (/^[\d\s-]+$/.test(t)) {
    const digits = t.replace(/\D/g, '');
    return digits.length === length ? digits : undefined;
  }
  const exact = new RegExp(`(?<!\\d)\\d{${length}}(?!\\d)`, 'g');
  const runs = [...t.matchAll(exact)];
  if (runs.length === 1) return runs[0]?.[0];
  if (runs.length > 1) {
    // Several: the one right after 验证码/code.
    const keyword = CODE_KEYWORD.exec(t);
    const after = keyword ? runs.find((r) => (r.index ?? 0) >= keyword.index) : undefined;
    return after?.[0];
  }
  return RESEND_WORDS.test(t) ? RESEND : undefined;
}

/** Digits typed at the code question that are not a code of the right length (for the re-ask). */
export function looksLikeCode(text: string): boolean {
  return /^[\d\s-]+$/.test(normalizeText(text));
}

/** What the readers return for 「不绑了」: binding stops (never an ID number, a name or a code). */
export const STOP = 'stop-binding';

const STOP_BINDING = [
  /^(?:我)?(?:先|就|还是|暂时)?(?:不(?:想|要|用|打算)?(?:再)?绑(?:定)?(?:身份)?(?:了|啦|吧|啦)?|算了(?:[，, ]*)?不绑(?:定)?(?:了)?|不要绑定(?:了)?|绑定不了算了|不绑定身份(?:了)?)[。!！.~～]*$/u,
  /^(?:i\s+)?(?:don'?t|do not)\s+(?:want\s+to\s+)?bind(?:\s+(?:my\s+)?(?:id|identity))?(?:\s+(?:now|then|anymore))?[.!]*$|^(?:no|skip|forget(?:\s+the)?|stop)\s+binding[.!]*$/i,
];

/** 「不绑了」「先不绑定」 "I don't want to bind": the citizen stops binding (said in binding's own words). */
export function saysStopBinding(text: string): boolean {
  const t = normalizeText(text);
  return STOP_BINDING.some((re) => re.test(t));
}
