import { parseChineseNumber } from './chineseNumber';
import { decimalString } from './decimalString';
import { matchPattern } from './matchPattern';
import type { ExtractedEntity } from './types';

const CN = '零〇一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟';
const JIAO = '一二三四五六七八九1-9';
const ARABIC = '(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?(?:\\s?([万千百]))?';

/**
 * [1] prefix ¥/￥/RMB/CNY · [2] integer digits · [3] fraction · [4] 万/千/百 multiplier ·
 * [5] Chinese numeral · [6] suffix, where "块五" (2.5 yuan spoken as 两块五) carries a jiao digit.
 */
const AMOUNT = new RegExp(
  `(?<![0-9.,A-Za-z${CN}])` +
    `(?:([¥￥]|RMB|CNY)\\s?)?` +
    `(?:${ARABIC}|([${CN}]+))` +
    `(?:\\s?(块钱|元(?!旦)|圆|块(?:[${JIAO}](?![0-9${CN}个张块次人]))?(?![儿牌地表肉砖板石田布糖饼蛋屏]|车牌|号牌|玻璃|电池|手表)|(?:yuan|rmb|cny)(?![A-Za-z])))?`,
  'gi',
);

const ARABIC_SHIFT: Readonly<Record<string, number>> = { 百: 2, 千: 3, 万: 4 };
/**
 * 块 as a measure word (两块车牌, 一块地) is excluded in the pattern; 一块 followed by a verb
 * means "together" (一块去), not one yuan.
 */
const TOGETHER = /^[去来走吃玩做住过]/;

function jiaoDigit(suffix: string): string {
  const c = suffix.slice(1);
  if (c === '') return '';
  return /[0-9]/.test(c) ? c : String(parseChineseNumber(c) ?? '');
}

/**
 * Amounts of money in yuan: a number followed by 元/块/块钱/圆/yuan/RMB or preceded by ¥/￥/RMB,
 * in arabic or Chinese numerals: 两百块 → "200", 200.5元 → "200.5", 1.5万元 → "15000", 两块五 → "2.5".
 */
export function extractAmounts(text: string): ExtractedEntity[] {
  return matchPattern(text, AMOUNT, 'amount', (m) => {
    const [whole, prefix, intDigits, fracDigits, multiplier, chinese, suffix] = m;
    if (prefix === undefined && suffix === undefined) return undefined;
    if (chinese === '一' && suffix === '块' && TOGETHER.test(text.slice(m.index + whole.length))) {
      return undefined;
    }
    const jiao = suffix !== undefined && suffix.startsWith('块') && suffix !== '块钱' ? jiaoDigit(suffix) : '';
    if (intDigits !== undefined) {
      if (jiao && (fracDigits || multiplier)) return undefined;
      const fraction = jiao || (fracDigits ?? '');
      return decimalString(intDigits.replace(/,/g, ''), fraction, ARABIC_SHIFT[multiplier ?? ''] ?? 0);
    }
    const value = parseChineseNumber(chinese ?? '');
    if (value === undefined) return undefined;
    return decimalString(String(value), jiao);
  });
}
