import { WeChatCrypto, WeChatCryptoError } from '../../../../bot/channels/wechat/WeChatCrypto';

// WeChat's published safe-mode vectors (see /work/shared/wechat-test-vectors.md).
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const APP_ID = 'wx2c2769f8efd9abc2';
const TOKEN = 'spamtest';
const TIMESTAMP = '1409735669';
const NONCE = '1320562132';
const ENCRYPT = 'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=';
const MSG_SIGNATURE = '5d197aaffba7e9b25a30732f161a50dee96bd5fa';
const DECRYPTED = [
  '<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>',
  '<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>',
  '<CreateTime>1409735668</CreateTime>',
  '<MsgType><![CDATA[text]]></MsgType>',
  '<Content><![CDATA[abcdteT]]></Content>',
  '<MsgId>6054768590064713728</MsgId>',
  '</xml>',
].join('\n');

const crypto = new WeChatCrypto(TOKEN, AES_KEY, APP_ID);
const FIXED_RANDOM = Buffer.from('0123456789abcdef', 'utf8');

/** The error `fn` throws (fails the test when it returns). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, but the call returned');
}

function cryptoErrorCode(fn: () => unknown): string {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(WeChatCryptoError);
  return (e as WeChatCryptoError).code;
}

/** Flips one bit of the decoded ciphertext at `index` (negative counts from the end). */
function tamper(encrypted: string, index: number): string {
  const bytes = Buffer.from(encrypted, 'base64');
  const i = index < 0 ? bytes.length + index : index;
  bytes[i] ^= 0x01;
  return bytes.toString('base64');
}

describe('WeChatCrypto with the published vectors', () => {
  it('decrypts the sample Encrypt field to exactly the sample XML', () => {
    expect(crypto.decrypt(ENCRYPT)).toBe(DECRYPTED);
  });

  it('computes the sample msg_signature over (token, timestamp, nonce, Encrypt)', () => {
    expect(crypto.sign(TIMESTAMP, NONCE, ENCRYPT)).toBe(MSG_SIGNATURE);
  });

  it('re-encrypts the sample XML to a ciphertext that decrypts back to it', () => {
    expect(crypto.decrypt(crypto.encrypt(DECRYPTED))).toBe(DECRYPTED);
  });
});

describe('WeChatCrypto.encrypt → decrypt', () => {
  const xml = (content: string): string => `<xml><Content><![CDATA[${content}]]></Content></xml>`;

  it.each([
    ['Chinese text', xml('我要预约科目一考试，苏A12345的违章怎么处理？')],
    ['emoji', xml('🚗🚓 谢谢 👍')],
    ['an empty message', ''],
    ['a single character', 'x'],
  ])('round-trips %s', (_label, plain) => {
    expect(crypto.decrypt(crypto.encrypt(plain))).toBe(plain);
  });

  // Plaintext = 16 random + 4 length + body + 18-byte AppId = body + 38 bytes.
  const OVERHEAD = 16 + 4 + Buffer.byteLength(APP_ID);
  it.each([
    [0], [1], [31 - OVERHEAD + 32], [32 - OVERHEAD + 32], [33 - OVERHEAD + 32],
    [64 - OVERHEAD + 32], [64 - OVERHEAD + 31], [64 - OVERHEAD + 33], [500],
  ])('pads a %i-byte body to whole 32-byte blocks and round-trips it', (bodyBytes) => {
    const body = 'a'.repeat(bodyBytes);
    const cipher = Buffer.from(crypto.encrypt(body, FIXED_RANDOM), 'base64');
    const plainLength = OVERHEAD + bodyBytes;
    const pad = 32 - (plainLength % 32);
    expect(cipher.length % 32).toBe(0);
    expect(cipher.length).toBe(plainLength + pad);
    expect(crypto.decrypt(cipher.toString('base64'))).toBe(body);
  });

  it('adds a whole block of padding (32) when the plaintext is already a multiple of 32 bytes', () => {
    const body = 'b'.repeat(64 - OVERHEAD); // plaintext exactly 64 bytes
    const cipher = Buffer.from(crypto.encrypt(body, FIXED_RANDOM), 'base64');
    expect(cipher.length).toBe(96);
    expect(crypto.decrypt(cipher.toString('base64'))).toBe(body);
  });

  it('is deterministic for a fixed 16-byte random, and differs for another random', () => {
    const a = crypto.encrypt(DECRYPTED, FIXED_RANDOM);
    expect(crypto.encrypt(DECRYPTED, Buffer.from(FIXED_RANDOM))).toBe(a);
    expect(crypto.encrypt(DECRYPTED, Buffer.from('fedcba9876543210', 'utf8'))).not.toBe(a);
  });

  it('uses a fresh random by default, so the same message encrypts differently', () => {
    const a = crypto.encrypt(DECRYPTED);
    const b = crypto.encrypt(DECRYPTED);
    expect(a).not.toBe(b);
    expect(crypto.decrypt(a)).toBe(DECRYPTED);
    expect(crypto.decrypt(b)).toBe(DECRYPTED);
  });
});

describe('WeChatCrypto rejects what is not ours', () => {
  it('a message encrypted for another AppId → WECHAT_APPID_MISMATCH', () => {
    const other = new WeChatCrypto(TOKEN, AES_KEY, 'wx0000000000000000');
    const encrypted = other.encrypt(DECRYPTED);
    expect(cryptoErrorCode(() => crypto.decrypt(encrypted))).toBe('WECHAT_APPID_MISMATCH');
    expect(cryptoErrorCode(() => other.decrypt(ENCRYPT))).toBe('WECHAT_APPID_MISMATCH');
  });

  it.each([
    ['another EncodingAESKey', 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210abcdefg'],
    ['an EncodingAESKey differing in one character', 'bbcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'],
  ])('the sample decrypted with %s → a WeChatCryptoError, never garbage', (_label, key) => {
    const other = new WeChatCrypto(TOKEN, key, APP_ID);
    expect(['WECHAT_DECRYPT_FAILED', 'WECHAT_APPID_MISMATCH']).toContain(cryptoErrorCode(() => other.decrypt(ENCRYPT)));
  });

  it.each([
    ['a key of 42 characters', AES_KEY.slice(0, 42)],
    ['a key of 44 characters', `${AES_KEY}H`],
    ['the key with its "=" already appended', `${AES_KEY}=`],
    ['a key with a character outside base64', `${AES_KEY.slice(0, 42)}-`],
    ['an empty key', ''],
  ])('a constructor with %s → WECHAT_BAD_AES_KEY', (_label, key) => {
    expect(cryptoErrorCode(() => new WeChatCrypto(TOKEN, key, APP_ID))).toBe('WECHAT_BAD_AES_KEY');
  });

  it.each([
    ['an empty Encrypt field', ''],
    ['text that is not base64', '!!!! not base64 !!!!'],
    ['the ciphertext cut by 3 bytes', Buffer.from(ENCRYPT, 'base64').subarray(0, -3).toString('base64')],
    ['the ciphertext cut by a whole 16-byte block', Buffer.from(ENCRYPT, 'base64').subarray(0, -16).toString('base64')],
    ['only the first block', Buffer.from(ENCRYPT, 'base64').subarray(0, 16).toString('base64')],
    ['a bit flipped in the first block (garbles the length)', tamper(ENCRYPT, 0)],
    ['a bit flipped in the last block (garbles padding and AppId)', tamper(ENCRYPT, -1)],
    ['a bit flipped just before the last block (garbles the AppId)', tamper(ENCRYPT, -20)],
  ])('%s → WeChatCryptoError', (_label, encrypted) => {
    expect(['WECHAT_DECRYPT_FAILED', 'WECHAT_APPID_MISMATCH']).toContain(cryptoErrorCode(() => crypto.decrypt(encrypted)));
  });
});
