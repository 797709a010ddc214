import { PlatformError } from '../errors';
import type { ExamSession, ExamSubject, NewEnergyKind } from '../types';
import { calendar } from './calendar';

function invalid(field: string, rule: string): PlatformError {
  // Never echo the value: it may be an ID number, phone or VIN.
  return new PlatformError('INVALID_ARGUMENT', `invalid ${field}: ${rule}`, { field, rule });
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const VIN_VALUES: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
const LICENCE_CLASSES: ReadonlySet<string> = new Set(['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'D', 'E', 'F', 'M', 'N', 'P']);

/** Argument checks shared by the sandbox sub-ports; each returns the normalised value or throws INVALID_ARGUMENT. */
export const check = {
  /** 18-character resident ID with a valid ISO 7064 MOD 11-2 check character. */
  idNumber(value: unknown, field = 'idNumber'): string {
    if (typeof value !== 'string') throw invalid(field, 'string');
    const id = value.trim().toUpperCase();
    if (!/^\d{17}[\dX]$/.test(id)) throw invalid(field, 'format');
    let sum = 0;
    for (let i = 0; i < 17; i += 1) sum += Number(id[i]) * (ID_WEIGHTS[i] ?? 0);
    if ('10X98765432'[sum % 11] !== id[17]) throw invalid(field, 'check-character');
    return id;
  },

  /** 17-character VIN without I/O/Q and with a valid position-9 check digit. */
  vin(value: unknown, field = 'vin'): string {
    if (typeof value !== 'string') throw invalid(field, 'string');
    const vin = value.trim().toUpperCase();
    if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) throw invalid(field, 'format');
    let sum = 0;
    for (let i = 0; i < 17; i += 1) {
      const c = vin[i] ?? '0';
      sum += (/\d/.test(c) ? Number(c) : VIN_VALUES[c] ?? 0) * (VIN_WEIGHTS[i] ?? 0);
    }
    const r = sum % 11;
    if ((r === 10 ? 'X' : String(r)) !== vin[8]) throw invalid(field, 'check-digit');
    return vin;
  },

  vinLast6(value: unknown, field = 'vinLast6'): string {
    if (typeof value !== 'string') throw invalid(field, 'string');
    const tail = value.trim().toUpperCase();
    if (!/^[A-HJ-NPR-Z0-9]{6}$/.test(tail)) throw invalid(field, 'format');
    return tail;
  },

  phone(value: unknown, field = 'phone'): string {
    if (typeof value !== 'string' || !/^1[3-9]\d{9}$/.test(value.trim())) throw invalid(field, 'format');
    return value.trim();
  },

  date(value: unknown, field = 'date'): string {
    if (typeof value !== 'string' || !calendar.isDate(value)) throw invalid(field, 'YYYY-MM-DD');
    return value;
  },

  subject(value: unknown, field = 'subject'): ExamSubject {
    if (value === 1 || value === 2 || value === 3 || value === 4) return value;
    throw invalid(field, '1-4');
  },

  session(value: unknown, field = 'session'): ExamSession {
    if (value === 'morning' || value === 'afternoon') return value;
    throw invalid(field, 'morning|afternoon');
  },

  newEnergyKind(value: unknown, field = 'newEnergyKind'): NewEnergyKind | undefined {
    if (value === undefined) return undefined;
    if (value === 'battery-electric' || value === 'other') return value;
    throw invalid(field, 'battery-electric|other');
  },

  text(value: unknown, field: string, maxLength = 64): string {
    if (typeof value !== 'string' || value.trim() === '' || value.length > maxLength) throw invalid(field, `1-${maxLength} chars`);
    return value.trim();
  },

  idempotencyKey(value: unknown, field = 'idempotencyKey'): string {
    if (typeof value !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(value)) throw invalid(field, '1-128 printable ASCII chars');
    return value;
  },

  decisionNumber(value: unknown, field = 'decisionNumber'): string {
    if (typeof value !== 'string' || !/^\d{15,16}$/.test(value.trim())) throw invalid(field, '15-16 digits');
    return value.trim();
  },

  /** A permitted vehicle class (准驾车型) of the licence rules: 'A1' … 'C6', 'D', 'E', 'F', 'M', 'N', 'P'. */
  licenceClass(value: unknown, field = 'licenceClass'): string {
    if (typeof value !== 'string' || !LICENCE_CLASSES.has(value.trim().toUpperCase())) throw invalid(field, 'A1|A2|A3|B1|B2|C1-C6|D|E|F|M|N|P');
    return value.trim().toUpperCase();
  },

  integer(value: unknown, field: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw invalid(field, `integer ${min}-${max}`);
    return value;
  },
};
