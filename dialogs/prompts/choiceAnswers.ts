import { ChoiceFactory, type Choice } from 'botbuilder-dialogs';
import { parseChineseNumber } from '../../nlu-models/entities/chineseNumber';
import { normalizeText } from '../../nlu-models/text/normalize';

/** How an answer picks among offered options: one index, several (ambiguous), or none. */
/** `loose`: named by part of an option's text (not its number, its whole text or a synonym). */
export type ChoiceMatch = { index: number; loose?: boolean } | { ambiguous: number[] } | undefined;

const EN_ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
/** 「第二条」「处理第3条」「第二」 — not 「第二考场」 (a name that starts like an ordinal). */
const ZH_ORDINAL = /第\s*([0-9一二两三四五六七八九十]{1,3})\s*(?:(?:个|条|项|场|辆|张|号|笔|次|种|天|批|位)|(?![\u4e00-\u9fff]))/;
const EN_ORDINAL = new RegExp(`\\b(?:the\\s+)?(${EN_ORDINALS.join('|')}|\\d{1,2}(?:st|nd|rd|th))\\b`, 'i');
const EN_NUMBERED = /\b(?:number|no\.?|option|item|#)\s*(\d{1,2})\b/i;
const LAST = /^(?:就|选|要)?(?:最后(?:一|那)?(?:个|条|项|场|辆|张|笔)?|(?:the\s+)?last(?:\s+one)?)(?:吧|的|那个)?$/i;
const ANY = /^(?:随便|都行|都可以|哪个都(?:行|可以)|哪天都(?:行|可以)|无所谓|最早(?:的|那个|那场|的那个|那天)?|越早越好|尽快)(?:吧|的|了)?[!！。.~]*$/;
const ANY_EN = /^(?:(?:ok|okay|well|um+|hmm+|oh|just),?\s+)*(?:whatever|any(?:thing|one|\s+(?:day|date|time|session|slot|one))?|whichever(?:\s+one)?|(?:the\s+)?(?:earliest|soonest|first\s+available)(?:\s+(?:one|day|date|session|slot))?|(?:it\s+)?does\s*n[o']?t\s+matter)(?:[\s,]+(?:is\s+|are\s+)?(?:fine|ok|okay|good|works|please))*(?:[\s,]+(?:the\s+)?(?:earliest|soonest)(?:\s+(?:one|please))?)?[\s.!]*$/i;
/** Words around a partial answer that say nothing about which option (「就下午那场吧」 → 下午). */
const FILLER = /(?:我想要|我要|我选|就选|就要|选择|选|要|就|那个|这个|那一个|这一个|那场|这场|那条|这条|那辆|这辆|那一|这一|的|吧|呢|啊|呀|哈|好了|好)/g;
/** English words around a partial answer that say nothing about which option ("the afternoon one please"). */
const EN_FILLER = new Set(['the', 'a', 'an', 'one', 'please', 'i', "i'll", 'ill', 'take', 'want', "i'd", 'like', 'that', 'this', 'pick', 'choose', 'go', 'with', 'for', 'me', 'just', 'ok', 'okay']);

/** A number 1–99 written as digits or Chinese (「2」, 「二」, 「两」). */
function numberOf(text: string): number | undefined {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const n = parseChineseNumber(text.replace(/两/g, '二'));
  return n !== undefined && Number.isInteger(n) && n > 0 && n < 100 ? n : undefined;
}

/** An ordinal in the text (「第二条」, 「处理第3条」, "the second one", "option 2"), 1-based. */
export function ordinalIn(text: string): number | undefined {
  const t = normalizeText(text);
  const zh = ZH_ORDINAL.exec(t);
  if (zh?.[1]) return numberOf(zh[1]);
  const numbered = EN_NUMBERED.exec(t);
  if (numbered?.[1]) return Number(numbered[1]);
  const en = EN_ORDINAL.exec(t);
  if (en?.[1]) {
    const word = en[1].toLowerCase();
    const i = EN_ORDINALS.indexOf(word);
    return i >= 0 ? i + 1 : Number.parseInt(word, 10);
  }
  return undefined;
}

/** 「随便」「都行」「最早的」: any option will do. */
export function saysAny(text: string): boolean {
  const t = normalizeText(text).replace(/\s+/g, ' ');
  return ANY.test(t.replace(/\s+/g, '')) || ANY_EN.test(t);
}

function key(text: string): string {
  return normalizeText(text).toLowerCase().replace(/[\s,，。.!！?？、:：;；()（）[\]【】「」"'“”‘’]+/g, '');
}

/**
 * Which offered option an answer names: by number (「2」), ordinal (「第二条」, "the second one"), the last one, or part of
 * its text or synonyms (「停车那个」, 「下午那场」). Several options matching a partial answer is ambiguous (the caller asks
 * which); an exact match of one option's text wins over partial matches of others.
 */
export function matchChoice(text: string, offered: readonly (string | Choice)[]): ChoiceMatch {
  const choices = ChoiceFactory.toChoices([...offered]);
  const n = choices.length;
  const t = normalizeText(text);
  if (!t || n === 0) return undefined;
  const whole = numberOf(t.replace(/^(?:选|要|就|no\.?|#)?\s*/i, '').replace(/(?:号|个|条)?(?:吧|的)?$/, ''));
  if (whole !== undefined && /^[\s选要就no.#0-9一二两三四五六七八九十号个条吧的]+$/i.test(t)) {
    return whole <= n ? { index: whole - 1 } : undefined;
  }
  const said = key(t);
  const exact = choices.findIndex((c) => [c.value, ...(c.synonyms ?? [])].some((s) => key(s) === said));
  if (exact >= 0) return { index: exact };
  if (!/[\u4e00-\u9fff]/.test(t)) {
    const named = englishParts(t, choices);
    if (named) return named;
  } else {
    const core = key(t.replace(FILLER, ' ').split(/\s+/).filter((w) => !EN_FILLER.has(w.toLowerCase())).join(' '));
    if (core.length >= 2) {
      const hits = choices.flatMap((c, i) => {
        const names = [c.value, ...(c.synonyms ?? [])].map(key).filter(Boolean);
        return names.some((s) => s.includes(core) || (s.length >= 2 && core.includes(s))) ? [i] : [];
      });
      if (hits.length === 1) return { index: hits[0] as number, loose: true };
      if (hits.length > 1) return { ambiguous: hits };
    }
  }
  // Part of an option's text first: 「第二考场」 or "Test Centre No. 2" name a centre, not the second option.
  const ordinal = ordinalIn(t);
  if (ordinal !== undefined) return ordinal <= n ? { index: ordinal - 1 } : undefined;
  if (LAST.test(t)) return { index: n - 1 };
  // 「换日期」 for 「换个日期」: the characters of a Chinese answer, in order, inside one option's text.
  const core = key(t.replace(FILLER, ' '));
  if (/^[\u4e00-\u9fff]{2,}$/.test(core)) {
    const loose = choices.flatMap((c, i) => ([c.value, ...(c.synonyms ?? [])].some((s) => inOrder(core, key(s))) ? [i] : []));
    if (loose.length === 1) return { index: loose[0] as number, loose: true };
    if (loose.length > 1) return { ambiguous: loose };
  }
  return undefined;
}

/** Whether every character of `part` occurs in `whole` in the same order. */
function inOrder(part: string, whole: string): boolean {
  let at = 0;
  for (const ch of part) {
    at = whole.indexOf(ch, at);
    if (at < 0) return false;
    at += ch.length;
  }
  return true;
}

function words(text: string): string[] {
  return normalizeText(text).toLowerCase().split(/[^a-z0-9\u4e00-\u9fff']+/).map((w) => w.replace(/^'+|'+$/g, '')).filter(Boolean);
}

/**
 * An English answer naming options by whole words: "the afternoon one" → the option with the word afternoon; a
 * synonym counts when all its words are said ("another vehicle"). Never inside a word: 'anymore' is not 'more'.
 */
function englishParts(text: string, choices: ReturnType<typeof ChoiceFactory.toChoices>): ChoiceMatch {
  const said = words(text).filter((w) => !EN_FILLER.has(w));
  if (said.length === 0) return undefined;
  const hits = choices.flatMap((c, i) => {
    const named = [c.value, ...(c.synonyms ?? [])].some((name) => {
      const option = words(name);
      const all = (need: string[], have: string[]) => need.length > 0 && need.every((w) => have.includes(w));
      const own = option.filter((w) => !EN_FILLER.has(w));
      return all(said, option) || (own.join('').length >= 4 && all(own, said));
    });
    return named ? [i] : [];
  });
  if (hits.length === 1) return { index: hits[0] as number, loose: true };
  if (hits.length > 1) return { ambiguous: hits };
  return undefined;
}
