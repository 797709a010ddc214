import { maskKeeping } from './maskKeeping';

/** Province + authority letter + optional separator + serial of 5 (or 6, new energy), or 4 + a suffix like 学/警/挂. */
const PLATE_SHAPE =
  /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•.\- ]?(?:[A-HJ-NP-Z0-9]{5,6}|[A-HJ-NP-Z0-9]{4}[挂学警港澳领])$/i;

/**
 * Masks a licence plate: province, authority letter and the last two characters kept
 * (`苏A12345` → `苏A***45`, `粤BD12345` → `粤B****45`); a separator after the letter is kept.
 * Anything not shaped like a plate has every letter and digit masked.
 */
export function maskPlate(value: string): string {
  return PLATE_SHAPE.test(value)
    ? maskKeeping(value, 2, 2, /[^·•.\- ]/)
    : value.replace(/[0-9A-Za-z]/g, '*');
}
