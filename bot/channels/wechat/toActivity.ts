import { ActivityTypes, type Activity, type Attachment } from 'botbuilder';
import type { WeChatInbound } from './inbound';

export const WECHAT_CHANNEL_ID = 'wechat';

/** Event names the bot reacts to (besides messages and conversation updates). */
export const WECHAT_EVENTS = {
  scan: 'wechat/scan',
  menu: 'wechat/menu',
  unsubscribe: 'wechat/unsubscribe',
  other: 'wechat/event',
} as const;

/**
 * Turns a WeChat message or event into a Bot Framework activity. Each OpenID is its own conversation.
 * `menuText` gives the text a menu key stands for (undefined for keys the account does not define).
 */
export function toActivity(m: WeChatInbound, menuText: (key: string) => string | undefined): Partial<Activity> {
  const base: Partial<Activity> = {
    channelId: WECHAT_CHANNEL_ID,
    id: m.msgId ?? `${m.openid}:${m.createTime}`,
    timestamp: new Date(m.createTime * 1000),
    from: { id: m.openid, name: m.openid, role: 'user' },
    recipient: { id: m.account, name: m.account, role: 'bot' },
    conversation: { id: m.openid, name: m.openid, isGroup: false, conversationType: 'personal' },
    serviceUrl: '',
    channelData: { msgType: m.kind === 'other' ? m.msgType : m.kind },
  };
  const message = (text: string, attachments?: Attachment[], extra: Partial<Activity> = {}): Partial<Activity> => ({
    ...base, type: ActivityTypes.Message, text, attachments, ...extra,
  });
  switch (m.kind) {
    case 'text':
      return message(m.content);
    case 'voice':
      return message(m.recognition ?? '', m.recognition ? undefined : [{ contentType: `audio/${m.format || 'amr'}`, name: m.mediaId }],
        { channelData: { msgType: 'voice', recognized: Boolean(m.recognition) } });
    case 'image':
      return message('', [{ contentType: 'image/jpeg', contentUrl: m.picUrl, name: m.mediaId }]);
    case 'link':
      return message('', [{ contentType: 'text/uri-list', contentUrl: m.url, name: m.title }]);
    case 'location':
      return message('', undefined, {
        entities: [{ type: 'GeoCoordinates', latitude: m.latitude, longitude: m.longitude, name: m.label }],
      });
    case 'other':
      return message('', [{ contentType: 'application/octet-stream', name: m.msgType }]);
    case 'event':
      return eventActivity(base, m.event, m.eventKey, menuText);
  }
}

function eventActivity(
  base: Partial<Activity>, event: string, key: string, menuText: (key: string) => string | undefined,
): Partial<Activity> {
  switch (event) {
    case 'subscribe':
      // Following the account (directly or via a QR code with scene "qrscene_<key>") is the start of the conversation.
      return {
        ...base,
        type: ActivityTypes.ConversationUpdate,
        membersAdded: [{ id: base.from?.id ?? '', name: base.from?.name ?? '' }],
        channelData: { event, scene: key.startsWith('qrscene_') ? key.slice('qrscene_'.length) : undefined },
      };
    case 'unsubscribe':
      return { ...base, type: ActivityTypes.Event, name: WECHAT_EVENTS.unsubscribe };
    case 'SCAN':
      return { ...base, type: ActivityTypes.Event, name: WECHAT_EVENTS.scan, value: { scene: key } };
    case 'CLICK': {
      const text = menuText(key);
      return text !== undefined
        ? { ...base, type: ActivityTypes.Message, text, channelData: { msgType: 'event', event, menuKey: key } }
        : { ...base, type: ActivityTypes.Event, name: WECHAT_EVENTS.menu, value: { key } };
    }
    default:
      return { ...base, type: ActivityTypes.Event, name: WECHAT_EVENTS.other, value: { event, key } };
  }
}
