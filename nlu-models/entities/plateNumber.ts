import { matchPattern } from './matchPattern';
import type { ExtractedEntity } from './types';

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
/** Letters A–Z except I and O, either case. */
const LETTER = 'A-HJ-NP-Za-hj-np-z';
/** One optional separator between the parts: "苏 A·12345", "苏A-12345". */
const SEPARATOR = '(?:\\s?[·•\\-.]\\s?|\\s)?';

const PLATE = new RegExp(
  `([${PROVINCES}])${SEPARATOR}([${LETTER}])${SEPARATOR}([${LETTER}0-9]{5,6})(?![A-Za-z0-9])`,
  'g',
);

function isValidSerial(serial: string): boolean {
  if (!/[0-9]/.test(serial)) return false;
  if (serial.length === 5) return true;
  // New-energy: D (battery-electric) or F (other) first for small cars, last for large ones.
  return /^[DF]/.test(serial) || /[DF]$/.test(serial);
}

/**
 * Chinese licence plates: province abbreviation + authority letter + 5-character serial
 * (6 for new-energy). Value without separators, upper case: "苏 a·12345" → 苏A12345.
 * Serials need at least one digit (so English words after a province character are not plates).
 */
export function extractPlateNumbers(text: string): ExtractedEntity[] {
  return matchPattern(text, PLATE, 'plate_number', (m) => {
    const [, province = '', authority = '', rawSerial = ''] = m;
    const serial = rawSerial.toUpperCase();
    return isValidSerial(serial) ? `${province}${authority.toUpperCase()}${serial}` : undefined;
  });
}
