import { maskKeeping } from './maskKeeping';

const VIN_SHAPE = /^[A-HJ-NPR-Z0-9]{17}$/i;

/**
 * Masks a 17-character VIN: first 3 (manufacturer) and last 4 kept, 10 stars between
 * (`LSVAU2187N2123456` → `LSV**********3456`). Anything not shaped like a VIN is masked entirely.
 */
export function maskVin(value: string): string {
  return VIN_SHAPE.test(value) ? maskKeeping(value, 3, 4, /[0-9A-Za-z]/) : value.replace(/[0-9A-Za-z]/g, '*');
}
