import { maskKeeping } from './maskKeeping';

/** A mainland mobile number, optionally with +86 / 0086 / 86 and space or hyphen separators. */
const PHONE_SHAPE = /^(?:(?:\+|00)?86)?1[3-9]\d{9}$/;

/**
 * Masks a mainland mobile number: the 4 digits after the first 3 become stars
 * (`13812345678` → `138****5678`, `+86 138-1234-5678` → `+86 138-****-5678`); a country prefix and
 * separators are kept. Anything not shaped like a mobile number has every digit masked.
 */
export function maskPhone(value: string): string {
  const digitsAndPlus = value.replace(/[\s-]/g, '');
  if (!PHONE_SHAPE.test(digitsAndPlus)) return value.replace(/\d/g, '*');
  const prefixDigits = digitsAndPlus.replace(/\D/g, '').length - 11;
  return maskKeeping(value, prefixDigits + 3, 4, /\d/);
}
