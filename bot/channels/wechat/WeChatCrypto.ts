import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { wechatSignature } from './signature';

/** Safe-mode messages that cannot be decrypted or belong to another official account. Stable codes. */
export class WeChatCryptoError extends Error {
  constructor(readonly code: 'WECHAT_BAD_AES_KEY' | 'WECHAT_DECRYPT_FAILED' | 'WECHAT_APPID_MISMATCH' | 'WECHAT_BAD_SIGNATURE', message: string) {
    super(message);
    this.name = 'WeChatCryptoError';
  }
}

const BLOCK = 32;

/**
 * WeChat safe mode (WXBizMsgCrypt): AES-256-CBC with key = base64(EncodingAESKey + "="), IV = the key's first
 * 16 bytes, PKCS#7 padding to 32-byte blocks; plaintext = 16 random bytes + 4-byte big-endian length + XML + AppId.
 */
export class WeChatCrypto {
  private readonly key: Buffer;
  private readonly iv: Buffer;

  constructor(private readonly token: string, encodingAesKey: string, private readonly appId: string) {
    if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) {
      throw new WeChatCryptoError('WECHAT_BAD_AES_KEY', 'WECHAT_ENCODING_AES_KEY must be the 43-character EncodingAESKey from the WeChat console');
    }
    this.key = Buffer.from(`${encodingAesKey}=`, 'base64');
    this.iv = this.key.subarray(0, 16);
  }

  /** msg_signature over (token, timestamp, nonce, Encrypt). */
  sign(timestamp: string, nonce: string, encrypted: string): string {
    return wechatSignature(this.token, timestamp, nonce, encrypted);
  }

  encrypt(xml: string, random: Buffer = randomBytes(16)): string {
    const body = Buffer.from(xml, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length, 0);
    const plain = Buffer.concat([random, length, body, Buffer.from(this.appId, 'utf8')]);
    const pad = BLOCK - (plain.length % BLOCK);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv);
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
  }

  /** The XML inside an Encrypt field. @throws WeChatCryptoError when it is not ours or is corrupt. */
  decrypt(encrypted: string): string {
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv);
      decipher.setAutoPadding(false);
      plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
    } catch {
      throw new WeChatCryptoError('WECHAT_DECRYPT_FAILED', 'the Encrypt field could not be decrypted with this EncodingAESKey');
    }
    const pad = plain.length ? plain[plain.length - 1] : 0;
    if (pad < 1 || pad > BLOCK || plain.length < 20 + pad) {
      throw new WeChatCryptoError('WECHAT_DECRYPT_FAILED', 'the Encrypt field has invalid padding (wrong EncodingAESKey?)');
    }
    const content = plain.subarray(16, plain.length - pad);
    const length = content.readUInt32BE(0);
    if (length > content.length - 4) {
      throw new WeChatCryptoError('WECHAT_DECRYPT_FAILED', 'the Encrypt field has an invalid length (wrong EncodingAESKey?)');
    }
    const appId = content.subarray(4 + length).toString('utf8');
    if (appId !== this.appId) {
      throw new WeChatCryptoError('WECHAT_APPID_MISMATCH', 'the message was encrypted for another AppId');
    }
    return content.subarray(4, 4 + length).toString('utf8');
  }
}
