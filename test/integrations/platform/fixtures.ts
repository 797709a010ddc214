import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualClock } from '../../../integrations/clock';
import { PlatformError } from '../../../integrations/platform/errors';
import type { PlatformErrorCode } from '../../../integrations/platform/errors';
import { SandboxAdmin } from '../../../integrations/platform/sandbox/SandboxAdmin';
import { SandboxPlatform } from '../../../integrations/platform/sandbox/SandboxPlatform';

export const ZHANG_WEI = { idNumber: '320102199003071239', name: '张伟', phone: '13912345678' } as const;
export const LI_NA = {
  idNumber: '320583198512240024', name: '李娜', phone: '13812345678', plate: '苏A12345', vin: 'LSVAU2187N2123456',
  decision: '320100123456789',
  violations: { speeding: 'V2026110100031', parking: 'V2026111000041', redLight: 'V2026111800051' },
} as const;
export const WANG_QIANG = {
  idNumber: '11010519491231002X', name: '王强', phone: '13712345678', evVin: 'LGXCE4CB7R0654321', fuelVin: 'LFV3A28K1R3008821',
} as const;

/** 10:00 on 2026-11-25, China time. */
export const TODAY = '2026-11-25T10:00:00+08:00';

export type ManualClock = ReturnType<typeof manualClock>;

export function sandbox(at: string = TODAY): { db: Database.Database; clock: ManualClock; platform: SandboxPlatform; admin: SandboxAdmin } {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  const clock = manualClock(at);
  const platform = new SandboxPlatform(db, clock);
  return { db, clock, platform, admin: new SandboxAdmin(db, clock) };
}

export function openFile(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'jiaoguan-sandbox-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The rejection of a promise, which must be a PlatformError. */
export async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof PlatformError) return err;
    throw err;
  }
  throw new Error('expected a PlatformError, but the call succeeded');
}

export async function expectCode(promise: Promise<unknown>, code: PlatformErrorCode): Promise<PlatformError> {
  const err = await failure(promise);
  expect(err.code).toBe(code);
  return err;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid resident ID number (Nanjing, born 2000-01-01) with the given sequence 0–999. */
export function idNumber(seq: number, birth = '20000101'): string {
  const body = `320102${birth}${String(seq).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(body[i]) * (ID_WEIGHTS[i] ?? 0);
  return `${body}${'10X98765432'[sum % 11] ?? ''}`;
}

const VIN_VALUES: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** A VIN with a correct check digit, ending in the 6-digit sequence. */
export function vin(seq: number): string {
  const chars = `LSVAB2180S9${String(seq).padStart(6, '0')}`.split('');
  let sum = 0;
  chars.forEach((c, i) => { sum += (/\d/.test(c) ? Number(c) : VIN_VALUES[c] ?? 0) * (VIN_WEIGHTS[i] ?? 0); });
  const r = sum % 11;
  chars[8] = r === 10 ? 'X' : String(r);
  return chars.join('');
}

/** Adds a C1 learner who registered on 2026-09-01 and (optionally) passed subjects up to `passedUpTo`. */
export function addLearner(admin: SandboxAdmin, seq: number, opts: { permitIssuedOn?: string; passedUpTo?: 0 | 1 | 2 | 3 } = {}): string {
  const id = idNumber(seq);
  const passedUpTo = opts.passedUpTo ?? 0;
  const permit = passedUpTo >= 1 ? opts.permitIssuedOn ?? '2026-09-15' : null;
  admin.addCitizen({ idNumber: id, name: `学员${seq}`, phone: `139000${String(seq).padStart(5, '0')}`, learnerRegisteredOn: '2026-09-01', permitIssuedOn: permit });
  for (let s = 1; s <= passedUpTo; s += 1) admin.recordPastResult(id, s as 1 | 2 | 3, permit ?? '2026-09-15', true);
  return id;
}
