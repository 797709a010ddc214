const DIGITS = '零一二三四五六七八九';

/** 10 → 十, 72 → 七十二, 104 → 一百零四, 110 → 一百一十 (as article numbers are written in Chinese law texts). */
export function toChineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`no Chinese numeral for ${n}`);
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  const hundreds = `${DIGITS[Math.floor(n / 100)]}百`;
  const rest = n % 100;
  if (rest === 0) return hundreds;
  if (rest < 10) return `${hundreds}零${DIGITS[rest]}`;
  return `${hundreds}${DIGITS[Math.floor(rest / 10)]}十${rest % 10 ? DIGITS[rest % 10] : ''}`;
}

/** 七十二 → 72, 一百零四 → 104, 十 → 10; undefined for anything else. */
export function fromChineseNumber(s: string): number | undefined {
  if (!/^[零一二三四五六七八九十百]+$/.test(s)) return undefined;
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch === '百') { total += (digit || 1) * 100; digit = 0; }
    else if (ch === '十') { total += (digit || 1) * 10; digit = 0; }
    else digit = DIGITS.indexOf(ch);
  }
  const n = total + digit;
  return toChineseNumber(n) === s ? n : undefined;
}
