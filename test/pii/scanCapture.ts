import { sandboxPersonas } from '../../integrations/platform/sandbox/personas';
import { maskIdNumber } from '../../integrations/privacy/maskIdNumber';
import { maskPhone } from '../../integrations/privacy/maskPhone';
import { maskVin } from '../../integrations/privacy/maskVin';

export type PiiKind = 'id_number' | 'phone' | 'vin';
export interface Finding {
  kind: PiiKind;
  /** One of the sandbox personas' own values (DESIGN §4). */
  persona: boolean;
  line: number;
  column: number;
  /** The value as the product should have shown it. */
  masked: string;
}

/** Escapes (JSON \n, \uXXXX; URL %XX) would otherwise glue a value to letters or digits: blanked, same length. */
const ESCAPE = /\\(?:u[0-9a-fA-F]{4}|[nrtbf"\\/])|%[0-9a-fA-F]{2}/g;
/** 18-character resident ID standing alone (letters and digits around it make it part of something else). */
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z])/gi;
/** Mainland mobile (optionally +86/0086/86, 3-4-4 with spaces or hyphens), not in a longer run nor a decimal fraction. */
const PHONE = /(?<![0-9A-Za-z])(?<!\d\.)(?:(?:\+|00)?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?![0-9A-Za-z])/g;
const VIN = /(?<![0-9A-Za-z])[A-HJ-NPR-Z0-9]{17}(?![0-9A-Za-z])/gi;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** GB 11643: a real birth date in positions 7–14 and the ISO 7064 MOD 11-2 check character. */
export function isIdNumber(value: string): boolean {
  const v = value.toUpperCase();
  const [y, m, d] = [v.slice(6, 10), v.slice(10, 12), v.slice(12, 14)].map(Number);
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2099 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return false;
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(v[i]), 0);
  return '10X98765432'[sum % 11] === v[17];
}

const VIN_VALUES: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
/** ISO 3779: letters and digits, and the check digit in position 9 right. */
export function isVin(value: string): boolean {
  const v = value.toUpperCase();
  if (!/\d/.test(v) || !/[A-Z]/.test(v)) return false;
  const sum = [...v].reduce((s, c, i) => s + (VIN_WEIGHTS[i] ?? 0) * (/\d/.test(c) ? Number(c) : VIN_VALUES[c] ?? 0), 0);
  const r = sum % 11;
  return v[8] === (r === 10 ? 'X' : String(r));
}

const PERSONAS: ReadonlyArray<[PiiKind, string]> = [
  ...sandboxPersonas.citizens.flatMap((c): Array<[PiiKind, string]> => [['id_number', c.idNumber], ['phone', c.phone]]),
  ...sandboxPersonas.vehicles.map((v): [PiiKind, string] => ['vin', v.vin]),
];
const PERSONA_KIND = new Map(PERSONAS.map(([kind, value]) => [value.toUpperCase(), kind]));
/** Persona values anywhere, even glued to letters, unless inside a longer run of digits or a decimal fraction. */
const PERSONA = new RegExp(`(?<!\\d)(?<!\\d\\.)(?:${[...PERSONA_KIND.keys()].join('|')})(?!\\d)`, 'gi');
const MASK: Record<PiiKind, (v: string) => string> = { id_number: maskIdNumber, phone: maskPhone, vin: maskVin };
const GENERIC: ReadonlyArray<[PiiKind, RegExp, (v: string) => boolean]> = [
  ['id_number', ID_NUMBER, isIdNumber], ['phone', PHONE, () => true], ['vin', VIN, isVin],
];

/** Every full ID number, mobile number and VIN in `text` (1-based line and column), masked for the report. */
/** `name{labels} value [timestamp]`: the exposition format's sample line. */
const PROMETHEUS_VALUE = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{.*\})?\s)([-+0-9.eE]+(?:\s+-?\d+)?|NaN|[+-]Inf)$/;

export function scanText(text: string): Finding[] {
  const findings: Finding[] = [];
  text.split('\n').forEach((raw, i) => {
    // A Prometheus sample's value (and timestamp) is a number the process measured (13375504384 bytes of
    // virtual memory looks like a phone number): only the metric's name and labels can carry data.
    const line = raw.replace(ESCAPE, (e) => ' '.repeat(e.length)).replace(PROMETHEUS_VALUE, (_m, head: string, value: string) => head + ' '.repeat(value.length));
    const taken: Array<[number, number]> = [];
    const add = (kind: PiiKind, persona: boolean, at: number, value: string): void => {
      if (taken.some(([s, e]) => at < e && at + value.length > s)) return;
      taken.push([at, at + value.length]);
      findings.push({ kind, persona, line: i + 1, column: at + 1, masked: MASK[kind](value) });
    };
    for (const m of line.matchAll(PERSONA)) add(PERSONA_KIND.get(m[0].toUpperCase()) ?? 'id_number', true, m.index ?? 0, m[0]);
    for (const [kind, pattern, valid] of GENERIC) {
      for (const m of line.matchAll(pattern)) if (valid(m[0])) add(kind, false, m.index ?? 0, m[0]);
    }
  });
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}
