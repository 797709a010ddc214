import { matchPattern } from './matchPattern';
import type { ExtractedEntity } from './types';

const VIN = /(?<![A-Za-z0-9])([A-HJ-NPR-Za-hj-npr-z0-9]{17})(?![A-Za-z0-9])/g;
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
const LETTER_VALUES: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};

function transliterate(c: string): number {
  return /[0-9]/.test(c) ? Number(c) : (LETTER_VALUES[c] ?? 0);
}

function hasValidCheckDigit(vin: string): boolean {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += transliterate(vin[i] ?? '') * (WEIGHTS[i] ?? 0);
  const remainder = sum % 11;
  return vin[8] === (remainder === 10 ? 'X' : String(remainder));
}

/**
 * Vehicle identification numbers: 17 characters without I, O, Q whose position-9 check digit
 * (ISO 3779, North American weights) is valid; upper-cased. A VIN must mix letters and digits,
 * so a bare 17-digit number or a 17-letter word is never one.
 */
export function extractVins(text: string): ExtractedEntity[] {
  return matchPattern(text, VIN, 'vin', (m) => {
    const vin = (m[1] ?? '').toUpperCase();
    if (!/[A-Z]/.test(vin) || !/[0-9]/.test(vin)) return undefined;
    return hasValidCheckDigit(vin) ? vin : undefined;
  });
}
