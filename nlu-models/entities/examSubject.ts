import { DamerauLevenshteinDistance, LevenshteinDistance } from 'natural/lib/natural/distance';
import { parseChineseNumber } from './chineseNumber';
import { matchPattern } from './matchPattern';
import { resolveOverlaps } from './resolveOverlaps';
import type { ExtractedEntity } from './types';

type Subject = '1' | '2' | '3' | '4';

const NUMERAL = '[一二三四1-4壹贰叁肆]';
const NOT_MORE_DIGITS = '(?![0-9零〇一二两三四五六七八九十百])';

/** 科目二 / 科2 (not 本科一, 学科二…) and the Chinese names of the four tests. */
const ZH_EXACT = new RegExp(
  `科目\\s?(${NUMERAL})${NOT_MORE_DIGITS}` +
    `|(?<![本专学外内理工文医牙眼儿妇骨])科(${NUMERAL})${NOT_MORE_DIGITS}` +
    '|(理论考试|理论(?!上))|(场地考试|场地|倒车入库)|(路考|大路考|大路)|(安全文明常识|安全文明)',
  'g',
);

/**
 * Two Han characters and a numeral, tested one position at a time (zero-width, so windows
 * overlap): candidates for near-misses of 科目 such as 课目二 or 科木三.
 */
const ZH_NEAR_MISS = new RegExp(`(?=([\\u4e00-\\u9fff]{2})\\s?(${NUMERAL})${NOT_MORE_DIGITS})`, 'g');

/** Characters typed for 科 and 目 by a slip of the pinyin input method (ke, mu). */
const KE = new Set(Array.from('科课棵颗可克磕苛壳刻'));
const MU = new Set(Array.from('目木幕牧沐暮墓慕穆母'));

/** Long Chinese keywords that still match with one wrong, missing or extra character. */
const ZH_FUZZY_KEYWORDS: ReadonlyArray<readonly [string, Subject]> = [['安全文明常识', '4']];

const NUMBER_WORDS: Readonly<Record<string, Subject>> = {
  '1': '1', one: '1', '2': '2', two: '2', '3': '3', three: '3', '4': '4', four: '4',
};

/** English phrases; "#" stands for a subject number (1, one…). */
const EN_PHRASES: ReadonlyArray<readonly [string, Subject | '#']> = [
  ['subject #', '#'],
  ['test #', '#'],
  ['exam #', '#'],
  ['theory', '1'],
  ['theory test', '1'],
  ['theory exam', '1'],
  ['field test', '2'],
  ['reverse parking', '2'],
  ['road test', '3'],
  ['on road test', '3'],
  ['driving test on road', '3'],
  ['road driving test', '3'],
  ['safety and civility', '4'],
  ['civilized driving', '4'],
];

const ZH_EXACT_SUBJECT: readonly Subject[] = ['1', '2', '3', '4'];

function numeralSubject(numeral: string): Subject | undefined {
  const n = /[1-4]/.test(numeral) ? Number(numeral) : parseChineseNumber(numeral);
  return n !== undefined && n >= 1 && n <= 4 ? (String(n) as Subject) : undefined;
}

function chineseExact(text: string): ExtractedEntity[] {
  return matchPattern(text, ZH_EXACT, 'exam_subject', (m) => {
    const numeral = m[1] ?? m[2];
    if (numeral !== undefined) return numeralSubject(numeral);
    const group = [m[3], m[4], m[5], m[6]].findIndex((g) => g !== undefined);
    return ZH_EXACT_SUBJECT[group];
  });
}

/** 课目二, 科木三, 科幕1: one character off 科目, and that one a homophone slip. */
function chineseNearMiss(text: string): ExtractedEntity[] {
  const found: ExtractedEntity[] = [];
  for (const m of text.matchAll(ZH_NEAR_MISS)) {
    const [pair = '', numeral = ''] = [m[1], m[2]];
    if (LevenshteinDistance(pair, '科目') !== 1) continue;
    if (!KE.has(pair[0] ?? '') || !MU.has(pair[1] ?? '')) continue;
    const value = numeralSubject(numeral);
    if (value === undefined) continue;
    const end = text.indexOf(numeral, m.index + 2) + numeral.length;
    found.push({ entity: 'exam_subject', value, start: m.index, end, text: text.slice(m.index, end) });
  }
  return found;
}

/** 安全文名常识 and the like: a window of the keyword's length (±1) within edit distance 1. */
function chineseFuzzy(text: string): ExtractedEntity[] {
  const found: ExtractedEntity[] = [];
  for (const [keyword, value] of ZH_FUZZY_KEYWORDS) {
    for (let start = 0; start < text.length; start += 1) {
      for (const length of [keyword.length, keyword.length - 1, keyword.length + 1]) {
        const window = text.slice(start, start + length);
        if (window.length !== length || window[0] !== keyword[0]) continue;
        if (LevenshteinDistance(window, keyword) <= 1) {
          found.push({ entity: 'exam_subject', value, start, end: start + length, text: window });
          break;
        }
      }
    }
  }
  return found;
}

interface Token {
  word: string;
  start: number;
  end: number;
}

function tokenize(text: string): Token[] {
  return Array.from(text.matchAll(/[A-Za-z]+|[0-9]+/g), (m) => ({
    word: m[0].toLowerCase(),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** Typos allowed in one English word: none up to 4 letters, one up to 7, two beyond. */
function wordMatches(typed: string, keyword: string): boolean {
  if (keyword.length <= 4) return typed === keyword;
  return DamerauLevenshteinDistance(typed, keyword) <= (keyword.length >= 8 ? 2 : 1);
}

/** "subject 2", "theroy test", "road test", "driving test on road"… with small typos. */
function english(text: string): ExtractedEntity[] {
  const tokens = tokenize(text);
  const found: ExtractedEntity[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    for (const [phrase, subject] of EN_PHRASES) {
      const words = phrase.split(' ');
      const window = tokens.slice(i, i + words.length);
      if (window.length !== words.length) continue;
      const joined = window.every((t, k) => k === 0 || /^[\s-]*$/.test(text.slice(window[k - 1]?.end, t.start)));
      if (!joined) continue;
      let value: Subject | undefined = subject === '#' ? undefined : subject;
      const matches = words.every((w, k) => {
        const typed = window[k]?.word ?? '';
        if (w !== '#') return wordMatches(typed, w);
        value = NUMBER_WORDS[typed];
        return value !== undefined;
      });
      const first = window[0];
      const last = window[window.length - 1];
      if (!matches || value === undefined || !first || !last) continue;
      found.push({ entity: 'exam_subject', value, start: first.start, end: last.end, text: text.slice(first.start, last.end) });
    }
  }
  return found;
}

/**
 * Driving-test subjects "1"–"4": 科目一/科1/理论/theory → 1, 科目二/场地/倒车入库/field test → 2,
 * 科目三/路考/大路/road test → 3, 科目四/安全文明/subject 4 → 4; tolerant of near-miss spellings
 * (课目二, 科木三, 科目贰, theroy test) through natural's edit distances.
 */
export function extractExamSubjects(text: string): ExtractedEntity[] {
  return resolveOverlaps([...chineseExact(text), ...chineseNearMiss(text), ...chineseFuzzy(text), ...english(text)]);
}
