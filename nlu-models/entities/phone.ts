import { matchPattern } from './matchPattern';
import type { ExtractedEntity } from './types';

/** Optional +86/86, then 1[3-9]x xxxx xxxx with one consistent separator (none, space or hyphen). */
const PHONE = /(?<![A-Za-z0-9+])(?:\+?86[\s-]?)?(1[3-9]\d)([\s-]?)(\d{4})\2(\d{4})(?![A-Za-z0-9])/g;

/** Mainland mobile numbers, standalone: "+86 139-1234-5678" → 13912345678. */
export function extractPhones(text: string): ExtractedEntity[] {
  return matchPattern(text, PHONE, 'phone', (m) => `${m[1] ?? ''}${m[3] ?? ''}${m[4] ?? ''}`);
}
