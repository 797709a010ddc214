import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * WeChat's request signature: sha1 of the parts sorted as strings and joined. Plain mode signs
 * (token, timestamp, nonce); safe mode's msg_signature adds the Encrypt field.
 */
export function wechatSignature(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/** Constant-time comparison of a received signature with the expected one (hex, any case). */
export function signatureMatches(expected: string, received: string | undefined): boolean {
  if (!received) return false;
  const a = Buffer.from(expected.toLowerCase(), 'utf8');
  const b = Buffer.from(received.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
