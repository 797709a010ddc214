import { textField, XmlError, type XmlRecord } from './xml';

interface Envelope {
  /** The official account (ToUserName). */
  readonly account: string;
  /** The citizen's OpenID (FromUserName). */
  readonly openid: string;
  /** Unix seconds. */
  readonly createTime: number;
  readonly msgId?: string;
}

/** A WeChat message or event, read from its XML fields; the rest of the bot never sees the XML. */
export type WeChatInbound = Envelope & (
  | { readonly kind: 'text'; readonly content: string }
  | { readonly kind: 'image'; readonly picUrl: string; readonly mediaId: string }
  | { readonly kind: 'voice'; readonly mediaId: string; readonly format: string; readonly recognition?: string }
  | { readonly kind: 'location'; readonly latitude: number; readonly longitude: number; readonly label: string }
  | { readonly kind: 'link'; readonly title: string; readonly description: string; readonly url: string }
  | { readonly kind: 'event'; readonly event: string; readonly eventKey: string }
  | { readonly kind: 'other'; readonly msgType: string }
);

/** Reads the fields of a decrypted WeChat message. @throws XmlError when the envelope is incomplete. */
export function readInbound(fields: XmlRecord): WeChatInbound {
  const account = textField(fields, 'ToUserName');
  const openid = textField(fields, 'FromUserName');
  const created = textField(fields, 'CreateTime');
  const msgType = textField(fields, 'MsgType');
  const missing = [['ToUserName', account], ['FromUserName', openid], ['CreateTime', created], ['MsgType', msgType]]
    .filter(([, v]) => !v).map(([k]) => k);
  if (missing.length) throw new XmlError(`missing ${missing.join(', ')}`);
  if (!/^\d{1,12}$/.test(created)) throw new XmlError('CreateTime must be Unix seconds');
  if (openid.length > 128 || account.length > 128) throw new XmlError('FromUserName/ToUserName too long');
  const msgId = textField(fields, 'MsgId') || undefined;
  if (msgId !== undefined && !/^\d{1,24}$/.test(msgId)) throw new XmlError('MsgId must be digits');
  const env: Envelope = { account, openid, createTime: Number(created), msgId };
  switch (msgType) {
    case 'text':
      return { ...env, kind: 'text', content: rawText(fields, 'Content') };
    case 'image':
      return { ...env, kind: 'image', picUrl: textField(fields, 'PicUrl'), mediaId: textField(fields, 'MediaId') };
    case 'voice':
      return {
        ...env, kind: 'voice', mediaId: textField(fields, 'MediaId'), format: textField(fields, 'Format'),
        recognition: textField(fields, 'Recognition') || undefined,
      };
    case 'location':
      return {
        ...env, kind: 'location', latitude: Number(textField(fields, 'Location_X')),
        longitude: Number(textField(fields, 'Location_Y')), label: textField(fields, 'Label'),
      };
    case 'link':
      return {
        ...env, kind: 'link', title: textField(fields, 'Title'), description: textField(fields, 'Description'), url: textField(fields, 'Url'),
      };
    case 'event':
      return { ...env, kind: 'event', event: textField(fields, 'Event'), eventKey: textField(fields, 'EventKey') };
    default:
      return { ...env, kind: 'other', msgType };
  }
}

function rawText(fields: XmlRecord, name: string): string {
  const v = fields[name];
  return typeof v === 'string' ? v : '';
}

/**
 * The de-duplication key: FromUserName + MsgId for messages, FromUserName + CreateTime + Event for events (which
 * carry no MsgId). The sender is part of every key, so a MsgId another follower sends again never reaches the
 * first follower's receipt (and its reply).
 */
export function dedupeKey(m: WeChatInbound): string {
  if (m.msgId) return `wechat:msg:${m.openid}:${m.msgId}`;
  return `wechat:event:${m.openid}:${m.createTime}${m.kind === 'event' ? `:${m.event}` : ''}`;
}
