import { toDayNumber } from './dayNumber';
import { matchPattern } from './matchPattern';
import type { ExtractedEntity } from './types';

const ID_NUMBER = /(?<![A-Za-z0-9])(\d{17}[0-9Xx])(?![A-Za-z0-9])/g;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

function checkCharOf(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

function hasRealBirthDate(id: string): boolean {
  const year = Number(id.slice(6, 10));
  return year >= 1900 && toDayNumber(year, Number(id.slice(10, 12)), Number(id.slice(12, 14))) !== undefined;
}

/**
 * 18-character resident ID numbers with a valid ISO 7064 MOD 11-2 check character and a real
 * birth date (positions 7–14, year 1900 or later). Value upper case: …002x → …002X.
 */
export function extractIdNumbers(text: string): ExtractedEntity[] {
  return matchPattern(text, ID_NUMBER, 'id_number', (m) => {
    const id = (m[1] ?? '').toUpperCase();
    return checkCharOf(id.slice(0, 17)) === id[17] && hasRealBirthDate(id) ? id : undefined;
  });
}
