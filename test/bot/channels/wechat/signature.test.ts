import { createHash } from 'node:crypto';
import { signatureMatches, wechatSignature } from '../../../../bot/channels/wechat/signature';

// WeChat's published plain-mode vector (see /work/shared/wechat-test-vectors.md).
const TOKEN = 'spamtest';
const TIMESTAMP = '1409735669';
const NONCE = '1320562132';
const SIGNATURE = '16120ec1b8dbb870f510d87ce6bc2463eae6ca1a';

describe('wechatSignature', () => {
  it("reproduces WeChat's published signature for (token, timestamp, nonce)", () => {
    expect(wechatSignature(TOKEN, TIMESTAMP, NONCE)).toBe(SIGNATURE);
  });

  it.each([
    [[TIMESTAMP, NONCE, TOKEN]],
    [[NONCE, TOKEN, TIMESTAMP]],
    [[NONCE, TIMESTAMP, TOKEN]],
  ])('does not depend on the order of the parts (%j)', (parts) => {
    expect(wechatSignature(...parts)).toBe(SIGNATURE);
  });

  it('sorts the parts as strings, not as numbers', () => {
    // As numbers 9 < 10; as strings "10" < "9": WeChat sorts strings.
    expect(wechatSignature('9', '10')).toBe(createHash('sha1').update('109').digest('hex'));
  });

  it('changes when any part changes', () => {
    expect(wechatSignature('other-token', TIMESTAMP, NONCE)).not.toBe(SIGNATURE);
    expect(wechatSignature(TOKEN, '1409735670', NONCE)).not.toBe(SIGNATURE);
    expect(wechatSignature(TOKEN, TIMESTAMP, '1320562133')).not.toBe(SIGNATURE);
  });

  it('is 40 lower-case hex digits', () => {
    expect(wechatSignature('a', 'b', 'c', 'd')).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('signatureMatches', () => {
  it.each<[string, string | undefined, boolean]>([
    ['the exact signature', SIGNATURE, true],
    ['the signature in upper-case hex', SIGNATURE.toUpperCase(), true],
    ['the signature in mixed case', `${SIGNATURE.slice(0, 20).toUpperCase()}${SIGNATURE.slice(20)}`, true],
    ['a signature with one digit changed', `${SIGNATURE.slice(0, -1)}b`, false],
    ['a missing signature', undefined, false],
    ['an empty signature', '', false],
    ['a shorter prefix of the signature', SIGNATURE.slice(0, 39), false],
    ['the signature with a trailing character', `${SIGNATURE}0`, false],
    ['the signature of another token', wechatSignature('other-token', TIMESTAMP, NONCE), false],
    ['a 40-character non-hex string', 'z'.repeat(40), false],
  ])('%s → %s', (_label, received, expected) => {
    expect(signatureMatches(SIGNATURE, received)).toBe(expected);
  });

  it('accepts a multi-byte string of another length without throwing', () => {
    expect(signatureMatches(SIGNATURE, '签'.repeat(40))).toBe(false);
  });
});
