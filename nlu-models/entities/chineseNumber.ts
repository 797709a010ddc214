const DIGITS: ReadonlyMap<string, number> = new Map([
  ['零', 0], ['〇', 0],
  ['一', 1], ['壹', 1],
  ['二', 2], ['两', 2], ['贰', 2],
  ['三', 3], ['叁', 3],
  ['四', 4], ['肆', 4],
  ['五', 5], ['伍', 5],
  ['六', 6], ['陆', 6],
  ['七', 7], ['柒', 7],
  ['八', 8], ['捌', 8],
  ['九', 9], ['玖', 9],
]);

const UNITS: ReadonlyMap<string, number> = new Map([
  ['十', 10], ['拾', 10],
  ['百', 100], ['佰', 100],
  ['千', 1000], ['仟', 1000],
  ['万', 10000],
]);

/**
 * Parses a Chinese numeral (一…九, 零/〇, 两, 十百千万 and the financial forms 壹贰叁…拾佰仟):
 * "十二" → 12, "二十三" → 23, "一千零五" → 1005, colloquial "一百五" → 150 and "一万五" → 15000,
 * digit-by-digit "二零二六" → 2026. Returns undefined for anything else or a malformed numeral
 * ("一二百", "百十千").
 */
export function parseChineseNumber(input: string): number | undefined {
  const chars = Array.from(input);
  if (chars.length === 0 || chars.some((c) => !DIGITS.has(c) && !UNITS.has(c))) return undefined;
  if (!chars.some((c) => UNITS.has(c))) {
    return Number(chars.map((c) => DIGITS.get(c)).join(''));
  }

  let total = 0; // value of the completed 万 group
  let section = 0; // value below 万 so far
  let pending: number | undefined; // a digit waiting for its unit
  let pendingScale = 1; // what a trailing digit is worth (一百五: 五 → 50)
  let lastUnit = 0; // units must fall within a section (千 > 百 > 十)
  let previousUnit = 0; // unit of the previous character, 0 when it was not a unit
  let zeroSeen = false;
  let wanSeen = false;

  for (const c of chars) {
    const digit = DIGITS.get(c);
    if (digit !== undefined) {
      if (pending !== undefined) return undefined;
      if (digit === 0) {
        zeroSeen = true;
      } else {
        pending = digit;
        pendingScale = !zeroSeen && previousUnit >= 100 ? previousUnit / 10 : 1;
      }
      previousUnit = 0;
      continue;
    }
    const unit = UNITS.get(c) ?? 0;
    if (unit === 10000) {
      if (wanSeen) return undefined;
      const group = section + (pending ?? 0);
      total = (group === 0 && !zeroSeen ? 1 : group) * 10000;
      wanSeen = true;
      section = 0;
      lastUnit = 0;
    } else {
      if (lastUnit !== 0 && unit >= lastUnit) return undefined;
      section += (pending ?? 1) * unit;
      lastUnit = unit;
    }
    pending = undefined;
    zeroSeen = false;
    previousUnit = unit;
  }
  return total + section + (pending ?? 0) * pendingScale;
}
