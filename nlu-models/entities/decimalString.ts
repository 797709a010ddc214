/**
 * Canonical decimal string of `intDigits.fracDigits × 10^shift` (shift ≥ 0), computed on the
 * digits so no floating-point noise appears: ("1", "5", 4) → "15000", ("200", "50", 0) → "200.5",
 * ("007", "", 0) → "7".
 */
export function decimalString(intDigits: string, fracDigits: string, shift = 0): string {
  let digits = intDigits + fracDigits;
  const point = intDigits.length + shift;
  if (point > digits.length) digits = digits.padEnd(point, '0');
  const integer = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const fraction = digits.slice(point).replace(/0+$/, '');
  return fraction ? `${integer}.${fraction}` : integer;
}
