import { randomInt } from 'node:crypto';

/** What powers the vehicle; decides the plate's shape (new-energy plates have a 6-character serial). */
export type PlateEnergy = 'fuel' | 'battery-electric' | 'other-new-energy';

export type PlateProblem =
  | 'province' | 'authority' | 'length' | 'characters' | 'letters' | 'new-energy-prefix' | 'new-energy-digits';

export type PlateParse =
  | { readonly ok: true; readonly plate: string; readonly authority: string; readonly serial: string }
  | { readonly ok: false; readonly problem: PlateProblem };

export interface DenyEntry {
  readonly fragment: string;
  readonly reason: 'reserved' | 'offensive';
}

const PROVINCE = '苏';
/** 苏A 南京 … 苏N 宿迁 (I is never an authority letter). */
const AUTHORITY = /^[A-HJ-N]$/;
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '0123456789';
const SERIAL_CHAR = /^[0-9A-HJ-NP-Z]$/;

function letterCount(serial: string): number {
  return [...serial].filter((c) => /[A-Z]/.test(c)).length;
}

/** Jiangsu plate format rules (自选号牌) for the sandbox. */
export const plateRules = {
  province: PROVINCE,

  /** Upper case, full-width to half-width, separators and spaces removed. */
  normalize(input: string): string {
    return input
      .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .toUpperCase()
      .replace(/[\s·•・.\-_]/g, '');
  },

  /** Reads a full plate ('苏A12345', '苏AD12345') and checks its shape for a vehicle of the given energy. */
  parse(input: string, energy: PlateEnergy): PlateParse {
    const plate = plateRules.normalize(input);
    if (!plate.startsWith(PROVINCE)) return { ok: false, problem: 'province' };
    const authority = plate.slice(1, 2);
    if (!AUTHORITY.test(authority)) return { ok: false, problem: 'authority' };
    const serial = plate.slice(2);
    const expected = energy === 'fuel' ? 5 : 6;
    if (serial.length !== expected) return { ok: false, problem: 'length' };
    if (![...serial].every((c) => SERIAL_CHAR.test(c))) return { ok: false, problem: 'characters' };
    if (energy === 'fuel') {
      if (letterCount(serial) > 2) return { ok: false, problem: 'letters' };
    } else {
      if (serial[0] !== (energy === 'battery-electric' ? 'D' : 'F')) return { ok: false, problem: 'new-energy-prefix' };
      if (!/^\d{4}$/.test(serial.slice(2))) return { ok: false, problem: 'new-energy-digits' };
    }
    return { ok: true, plate, authority, serial };
  },

  /** A pattern is a full plate or just its serial, which then gets the vehicle's province and authority. */
  fromPattern(pattern: string, authority: string, energy: PlateEnergy): PlateParse {
    const p = plateRules.normalize(pattern);
    return plateRules.parse(p.startsWith(PROVINCE) ? p : `${PROVINCE}${authority}${p}`, energy);
  },

  deniedBy(serial: string, denylist: readonly DenyEntry[]): DenyEntry | null {
    return denylist.find((d) => serial.includes(d.fragment)) ?? null;
  },

  /** A random serial of the right shape (not yet checked against the denylist or holds). */
  randomSerial(energy: PlateEnergy, pick: (n: number) => number = randomInt): string {
    const ch = (set: string): string => set[pick(set.length)] ?? '0';
    if (energy !== 'fuel') {
      const second = pick(4) === 0 ? ch(LETTERS) : ch(DIGITS);
      return `${energy === 'battery-electric' ? 'D' : 'F'}${second}${ch(DIGITS)}${ch(DIGITS)}${ch(DIGITS)}${ch(DIGITS)}`;
    }
    const letters = [0, 0, 1, 1, 2][pick(5)] ?? 0;
    const chars = Array.from({ length: 5 }, () => ch(DIGITS));
    const positions = new Set<number>();
    while (positions.size < letters) positions.add(pick(5));
    for (const p of positions) chars[p] = ch(LETTERS);
    return chars.join('');
  },
};
