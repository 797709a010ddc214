import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import commonPasswords from './commonPasswords.json';

const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: 128 * options.N! * (options.r ?? 8) * 2 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** A password hash for storage: `scrypt$N$r$p$<salt b64>$<hash b64>` (memory-hard KDF, per-user salt). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `password` matches `stored` (constant-time); false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  // Only the parameters this code writes: a damaged or edited hash must not cost unbounded memory or throw.
  if (Number(n) !== PARAMS.N || Number(r) !== PARAMS.r || Number(p) !== PARAMS.p) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Whose password it is: their username and display name must not be inside it. */
export interface PasswordOwner {
  username?: string;
  displayName?: string;
}

/** Keyboard rows and runs that people walk along; a password that is a piece of one (either way) is trivial. */
const SEQUENCES = [
  '01234567890123456789', 'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm',
  'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/', 'qazwsxedcrfvtgbyhnujmikolp',
  '1q2w3e4r5t6y7u8i9o0p', 'q1w2e3r4t5y6u7i8o9p0', 'a1b2c3d4e5f6g7h8i9j0',
];
const COMMON = new Set<string>(commonPasswords);

/** The password as the checks compare it: NFKC (as it is hashed), lower case, without spaces. */
const simplified = (password: string): string => password.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/** True when the text is a short unit (1-3 characters) written again and again: "aaaaaaaaaa", "abcabcabca". */
function isRepetition(text: string): boolean {
  const chars = Array.from(text);
  for (let unit = 1; unit <= 3 && unit < chars.length; unit += 1) {
    if (chars.every((c, i) => c === chars[i % unit])) return true;
  }
  return false;
}

/** True when the text is a piece of a keyboard row or an alphabetic or numeric run, forwards or backwards. */
function isSequence(text: string): boolean {
  const reversed = Array.from(text).reverse().join('');
  return SEQUENCES.some((s) => s.includes(text) || s.includes(reversed));
}

/** True when the text is a common password, or one with digits, symbols or a run around it ("password123!", "2024admin"). */
function isCommon(text: string): boolean {
  if (COMMON.has(text)) return true;
  const core = text.replace(/^[^\p{L}]+/u, '').replace(/[^\p{L}]+$/u, '');
  if (core !== text && COMMON.has(core)) return true;
  // Digits, or a common word, repeated: "1314520520", "adminadmin".
  const half = text.slice(0, text.length / 2);
  return text.length % 2 === 0 && half + half === text && (COMMON.has(half) || /^\d+$/.test(half));
}

/** The parts of a username worth looking for in a password: the whole name and pieces of 4 or more characters. */
function nameParts(owner: PasswordOwner): string[] {
  const parts: string[] = [];
  const username = simplified(owner.username ?? '');
  if (Array.from(username).length >= 3) parts.push(username, ...username.split(/[._-]+/).filter((p) => p.length >= 4));
  const displayName = simplified(owner.displayName ?? '');
  if (Array.from(displayName).length >= 2) parts.push(displayName);
  return parts;
}

/**
 * Rules for a new password, stated in the error so the person choosing it knows what to change: 10-200
 * characters, not a common or trivial password (a built-in list of the most common ones, also with digits or
 * symbols around them; one character or a short unit repeated; a keyboard row or an alphabetic or numeric run),
 * and not containing the account's username or display name.
 */
export function passwordProblem(password: string, owner: PasswordOwner = {}): string | undefined {
  const length = Array.from(password).length;
  if (length < 10) return 'the password must have at least 10 characters';
  if (length > 200) return 'the password must have at most 200 characters';
  const text = simplified(password);
  if (isRepetition(text)) return 'the password must not be one character or a short group of characters repeated (such as "aaaaaaaaaa" or "1212121212")';
  if (isSequence(text)) return 'the password must not be a simple sequence (such as "1234567890", "abcdefghij" or a row of the keyboard)';
  if (isCommon(text)) return 'the password is one of the most common passwords (such as "123456", "woaini1314" or "password123"); choose one that is hard to guess';
  if (nameParts(owner).some((part) => text.includes(part))) return 'the password must not contain the username or the display name';
  return undefined;
}
