import { readPinyin } from './pinyin';

/**
 * The language an utterance is written in, judged on its words only (digits, punctuation, and the spans of its
 * entities — a plate, a VIN, a date, 科目三 — are no language):
 * - `zh`: Han characters carry it, or pinyin does ("wo yao yue kaoshi", "cha weizhang", "kǎoshì", "xie xie");
 * - `mixed`: Han characters (or pinyin) and English words both carry weight ("帮我cancel一下考试");
 * - `en`: two or more English words and no Han character;
 * - `en-short`: one English word and nothing else ("ok", "hello"): English, but too little to switch a conversation;
 * - `none`: no words at all (a number, a plate, a VIN, an ID number).
 */
export type DetectedLanguage = 'zh' | 'mixed' | 'en' | 'en-short' | 'none';

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/u;
/** A province's abbreviation and an authority letter: the start of a plate. */
const PLATE_PREFIX = /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z](?![a-z])/gu;
/**
 * A Latin word: letters (tone-marked ones too), or lower-case pinyin syllables with tone digits ("kao3shi4"), not
 * part of a plate-like or code-like run (6SB66, AB3C5).
 */
const LATIN = /(?<![a-zA-Z\u00c0-\u024f\d])(?:[a-zA-Z\u00c0-\u024f]+|(?:[a-zü\u00c0-\u024f]+[1-5])+[a-zü\u00c0-\u024f]*)(?![a-zA-Z\u00c0-\u024f\d])/gu;
/**
 * Sounds, not words: 嗯/啊/哦 typed in letters and laughter ("en en", "enen", "aaa", "haha", "hehe") belong to no
 * language, so "en en" in a Chinese conversation does not switch it to English.
 */
const INTERJECTION = /^(?:a+|e+|o+|(?:en)+n*|(?:ha){2,}h?|(?:he){2,}|(?:hei){2,}|(?:hia){2,}|(?:xi){2,}|(?:ya){2,}|m+|h?m+|h+|e+m+|ng|wa+)$/i;
/** One- or two-letter capitals (ID, OK) weigh nothing against Han characters. */
const ABBREVIATION = /^[A-Z]{1,2}$/;

interface Words {
  /** English (or other Latin) words of two or more letters. */
  english: string[];
  /** Words only pinyin reads (kaoshi, wo, yao, "kǎo", "kao3"). */
  pinyin: string[];
  /** Words both read: valid pinyin and ordinary English (a, he, men, long, hang, change). */
  ambiguous: string[];
}

function latinWords(rest: string): Words {
  const out: Words = { english: [], pinyin: [], ambiguous: [] };
  /** One syllable with a tone digit ("wo3", but also "a1", "sha1", "o2"): pinyin only beside other pinyin. */
  const oneTone: string[] = [];
  for (const [word] of rest.matchAll(LATIN)) {
    if (INTERJECTION.test(word)) continue;
    const reading = readPinyin(word);
    if (reading === 'pinyin' && (word.match(/[1-5]/g) ?? []).length === 1 && !/[^\d]$/.test(word)) oneTone.push(word);
    else if (reading === 'pinyin') out.pinyin.push(word);
    else if (/^[A-Za-z]{2,}$/.test(word)) (reading === 'ambiguous' ? out.ambiguous : out.english).push(word);
    // A lone letter ("a", "I") or a code with digits weighs nothing, as before.
  }
  if (out.pinyin.length > 0 || oneTone.length > 1) out.pinyin.push(...oneTone);
  return out;
}

/**
 * Pinyin carries a message without Han characters when its pinyin words outnumber its English ones and the
 * pinyin-shaped words (pinyin or ambiguous) are at least twice the English ones: "wo yao kaoshi", "kemu er",
 * "wo yao book kaoshi" are Chinese; "he can change it", "yibao card balance", "book me kemu 2" are not.
 */
function pinyinCarries(words: Words): boolean {
  const shaped = words.pinyin.length + words.ambiguous.length;
  return words.pinyin.length > words.english.length && shaped >= 2 * words.english.length;
}

/**
 * Two or three capitalised pinyin words and nothing else ("Zhang Wei", "Ouyang Xiaoming", "Li Na") are a name, as
 * typed at a name question in either language: no language, so the conversation keeps its own.
 */
function looksLikeName(words: Words): boolean {
  const all = [...words.pinyin, ...words.ambiguous];
  return words.english.length === 0 && words.pinyin.length > 0 && all.length >= 2 && all.length <= 3
    && all.every((w) => /^[A-Z][a-z]+$/.test(w));
}

/**
 * The language of `text` outside `entities` (offsets into `text`, as the entity extractors give them on the
 * normalised text). The one detector: the NLU reports it as `Understanding.language` and the reply language
 * is decided from it.
 */
export function detectLanguage(text: string, entities: ReadonlyArray<{ start: number; end: number }> = []): DetectedLanguage {
  let rest = '';
  let pos = 0;
  for (const e of entities) {
    rest += `${text.slice(pos, e.start)} `;
    pos = e.end;
  }
  rest += text.slice(pos);
  // The start of a plate (苏A, 京B) names a plate, not a language: "the 苏A one" is English, 「苏A」 alone is none.
  rest = rest.replace(PLATE_PREFIX, ' ');
  let han = 0;
  for (const ch of rest) if (HAN.test(ch)) han += 1;
  const words = latinWords(rest);
  if (han === 0) {
    if (looksLikeName(words)) return 'none';
    if (pinyinCarries(words)) return words.english.length > 0 ? 'mixed' : 'zh';
    const english = words.english.length + words.ambiguous.length;
    return english >= 2 ? 'en' : english === 1 ? 'en-short' : 'none';
  }
  // Pinyin beside Han characters is Chinese too ("我要yuyue考试"): only the English words weigh against them.
  const letters = words.english.filter((w) => !ABBREVIATION.test(w)).reduce((sum, w) => sum + w.length, 0);
  // One Han character weighs about as much as a three-letter English word.
  if (letters < han) return letters >= 4 ? 'mixed' : 'zh';
  return 'mixed';
}
