import { ActivityTypes, type Activity } from 'botbuilder';
import { readInbound } from '../../../../bot/channels/wechat/inbound';
import { toActivity, WECHAT_CHANNEL_ID, WECHAT_EVENTS } from '../../../../bot/channels/wechat/toActivity';
import { parseXml } from '../../../../bot/channels/wechat/xml';
import { ACCOUNT, OPENID, SAMPLES } from './wechatSamples';

const MENU: Readonly<Record<string, string>> = { MENU_FINE_QUERY: '查询违章' };
const menuText = (key: string): string | undefined => (Object.hasOwn(MENU, key) ? MENU[key] : undefined);

const activityOf = (sample: keyof typeof SAMPLES): Partial<Activity> =>
  toActivity(readInbound(parseXml(SAMPLES[sample]).fields), menuText);

describe('toActivity: every activity', () => {
  it.each(Object.keys(SAMPLES) as (keyof typeof SAMPLES)[])('%s is from the follower, in their own conversation, on channel "wechat"', (sample) => {
    const a = activityOf(sample);
    expect(a.channelId).toBe(WECHAT_CHANNEL_ID);
    expect(WECHAT_CHANNEL_ID).toBe('wechat');
    expect(a.from?.id).toBe(OPENID);
    expect(a.conversation?.id).toBe(OPENID);
    expect(a.recipient?.id).toBe(ACCOUNT);
    expect(a.timestamp).toEqual(new Date(1348831860 * 1000));
    expect(a.id).toBeTruthy();
  });
});

describe('toActivity: messages', () => {
  it('text → a message with the text', () => {
    expect(activityOf('text')).toMatchObject({
      type: ActivityTypes.Message, text: 'this is a test', id: '1234567890123456', channelData: { msgType: 'text' },
    });
  });

  it('recognised voice → a message with the recognised text and no attachment', () => {
    const a = activityOf('voice');
    expect(a).toMatchObject({ type: ActivityTypes.Message, text: '查一下违章', channelData: { msgType: 'voice', recognized: true } });
    expect(a.attachments ?? []).toEqual([]);
  });

  it('voice without Recognition → empty text with an audio attachment of its format', () => {
    const a = activityOf('voiceUnrecognised');
    expect(a).toMatchObject({ type: ActivityTypes.Message, text: '', channelData: { msgType: 'voice', recognized: false } });
    expect(a.attachments).toEqual([expect.objectContaining({ contentType: 'audio/speex', name: 'media_id_voice' })]);
  });

  it('image → an image attachment pointing at PicUrl', () => {
    const a = activityOf('image');
    expect(a).toMatchObject({ type: ActivityTypes.Message, text: '', channelData: { msgType: 'image' } });
    expect(a.attachments).toEqual([expect.objectContaining({ contentType: 'image/jpeg', contentUrl: 'http://mmbiz.qpic.cn/pic.jpg' })]);
  });

  it('link → a URL attachment with the title', () => {
    const a = activityOf('link');
    expect(a.type).toBe(ActivityTypes.Message);
    expect(a.attachments).toEqual([expect.objectContaining({ contentType: 'text/uri-list', contentUrl: 'https://mp.weixin.qq.com', name: '公众平台官网链接' })]);
  });

  it('location → a GeoCoordinates entity (Location_X is the latitude, Location_Y the longitude)', () => {
    const a = activityOf('location');
    expect(a).toMatchObject({ type: ActivityTypes.Message, text: '', channelData: { msgType: 'location' } });
    expect(a.entities).toEqual([{ type: 'GeoCoordinates', latitude: 23.134521, longitude: 113.358803, name: '广州市天河区' }]);
  });

  it('an unsupported message type → a message with empty text, its type kept in channelData', () => {
    const a = activityOf('video');
    expect(a).toMatchObject({ type: ActivityTypes.Message, text: '', channelData: { msgType: 'video' } });
    expect(a.attachments).toEqual([expect.objectContaining({ name: 'video' })]);
  });
});

describe('toActivity: events', () => {
  it('subscribe → conversationUpdate adding the follower, no scene', () => {
    const a = activityOf('subscribe');
    expect(a.type).toBe(ActivityTypes.ConversationUpdate);
    expect(a.membersAdded).toEqual([expect.objectContaining({ id: OPENID })]);
    expect(a.channelData).toMatchObject({ event: 'subscribe' });
    expect((a.channelData as { scene?: string }).scene).toBeUndefined();
  });

  it('subscribe through a QR code → the scene without its "qrscene_" prefix', () => {
    const a = activityOf('subscribeQr');
    expect(a.type).toBe(ActivityTypes.ConversationUpdate);
    expect(a.membersAdded).toEqual([expect.objectContaining({ id: OPENID })]);
    expect(a.channelData).toMatchObject({ event: 'subscribe', scene: '123' });
  });

  it.each<[keyof typeof SAMPLES, string, unknown]>([
    ['unsubscribe', WECHAT_EVENTS.unsubscribe, undefined],
    ['scan', WECHAT_EVENTS.scan, { scene: '123' }],
    ['clickUnknown', WECHAT_EVENTS.menu, { key: 'V1001_GOOD' }],
    ['view', WECHAT_EVENTS.other, { event: 'VIEW', key: 'https://www.qq.com/' }],
  ])('%s → event %s', (sample, name, value) => {
    const a = activityOf(sample);
    expect(a).toMatchObject({ type: ActivityTypes.Event, name });
    expect(a.value).toEqual(value);
  });

  it('event names are the documented ones', () => {
    expect(WECHAT_EVENTS).toMatchObject({ unsubscribe: 'wechat/unsubscribe', scan: 'wechat/scan', menu: 'wechat/menu' });
  });

  it('CLICK on a known menu key → a message whose text is what the key stands for', () => {
    const a = activityOf('click');
    expect(a).toMatchObject({ type: ActivityTypes.Message, text: '查询违章', channelData: { event: 'CLICK', menuKey: 'MENU_FINE_QUERY' } });
  });

  it('CLICK asks menuText for the exact EventKey', () => {
    const asked: string[] = [];
    toActivity(readInbound(parseXml(SAMPLES.click).fields), (key) => {
      asked.push(key);
      return undefined;
    });
    expect(asked).toEqual(['MENU_FINE_QUERY']);
  });

  it('two events of one follower at different times get different activity ids', () => {
    const at = (t: number): string | undefined =>
      toActivity(readInbound(parseXml(SAMPLES.unsubscribe.replace('1348831860', String(t))).fields), menuText).id;
    expect(at(1348831860)).not.toBe(at(1348831861));
  });
});
