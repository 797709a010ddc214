import { dedupeKey, readInbound, type WeChatInbound } from '../../../../bot/channels/wechat/inbound';
import { parseXml, XmlError } from '../../../../bot/channels/wechat/xml';
import { ACCOUNT, eventAt, OPENID, SAMPLES } from './wechatSamples';

const read = (xml: string): WeChatInbound => readInbound(parseXml(xml).fields);

describe('readInbound', () => {
  it.each<[keyof typeof SAMPLES, Record<string, unknown>]>([
    ['text', { kind: 'text', content: 'this is a test', msgId: '1234567890123456' }],
    ['image', { kind: 'image', picUrl: 'http://mmbiz.qpic.cn/pic.jpg', mediaId: 'media_id_img' }],
    ['voice', { kind: 'voice', mediaId: 'media_id_voice', format: 'amr', recognition: '查一下违章' }],
    ['voiceUnrecognised', { kind: 'voice', format: 'speex', recognition: undefined }],
    ['location', { kind: 'location', latitude: 23.134521, longitude: 113.358803, label: '广州市天河区' }],
    ['link', { kind: 'link', title: '公众平台官网链接', description: '公众平台官网链接', url: 'https://mp.weixin.qq.com' }],
    ['video', { kind: 'other', msgType: 'video' }],
    ['subscribeQr', { kind: 'event', event: 'subscribe', eventKey: 'qrscene_123', msgId: undefined }],
    ['subscribe', { kind: 'event', event: 'subscribe', eventKey: '' }],
    ['click', { kind: 'event', event: 'CLICK', eventKey: 'MENU_FINE_QUERY' }],
  ])('reads the %s sample', (sample, expected) => {
    const m = read(SAMPLES[sample]);
    expect(m).toMatchObject({ account: ACCOUNT, openid: OPENID, createTime: 1348831860 });
    expect(m).toEqual(expect.objectContaining(expected));
  });

  it('keeps the text content exactly as sent (spaces and newlines)', () => {
    const m = read(`<xml><ToUserName>a</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content><![CDATA[ 第一行\n第二行 ]]></Content></xml>`);
    expect(m).toMatchObject({ kind: 'text', content: ' 第一行\n第二行 ' });
  });

  const base = { ToUserName: 'gh_a', FromUserName: 'openid-1', CreateTime: '1409735668', MsgType: 'text' };
  const xmlOf = (fields: Record<string, string>): string =>
    `<xml>${Object.entries(fields).map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`).join('')}<Content>hi</Content></xml>`;
  const without = (name: keyof typeof base): Record<string, string> =>
    Object.fromEntries(Object.entries(base).filter(([k]) => k !== name));

  it.each<[string, Record<string, string>, RegExp]>([
    ['no FromUserName', without('FromUserName'), /FromUserName/],
    ['no ToUserName', without('ToUserName'), /ToUserName/],
    ['no CreateTime', without('CreateTime'), /CreateTime/],
    ['no MsgType', without('MsgType'), /MsgType/],
    ['a blank FromUserName', { ...base, FromUserName: '   ' }, /FromUserName/],
    ['a CreateTime that is not digits', { ...base, CreateTime: '2014-09-03' }, /CreateTime/],
    ['a negative CreateTime', { ...base, CreateTime: '-5' }, /CreateTime/],
    ['a MsgId that is not digits', { ...base, MsgId: '12ab34' }, /MsgId/],
    ['a MsgId with a sign', { ...base, MsgId: '-1234' }, /MsgId/],
    ['an over-long FromUserName', { ...base, FromUserName: 'o'.repeat(129) }, /FromUserName/],
  ])('rejects a message with %s (XmlError)', (_label, fields, message) => {
    const attempt = (): WeChatInbound => read(xmlOf(fields));
    expect(attempt).toThrow(XmlError);
    expect(attempt).toThrow(message);
  });

  it('names every missing envelope field at once', () => {
    expect(() => read('<xml><MsgType>text</MsgType></xml>')).toThrow(/ToUserName, FromUserName, CreateTime/);
  });
});

describe('dedupeKey', () => {
  it('uses the MsgId for messages, so a retried copy has the same key', () => {
    expect(dedupeKey(read(SAMPLES.text))).toBe(dedupeKey(read(SAMPLES.text)));
    expect(dedupeKey(read(SAMPLES.text))).toContain('1234567890123456');
    expect(dedupeKey(read(SAMPLES.text))).not.toBe(dedupeKey(read(SAMPLES.image)));
  });

  it('uses FromUserName + CreateTime for events (which have no MsgId)', () => {
    const key = dedupeKey(read(SAMPLES.subscribe));
    expect(key).toContain(OPENID);
    expect(key).toContain('1348831860');
    expect(dedupeKey(read(SAMPLES.subscribe))).toBe(key);
  });

  it('gives two events of one follower at different CreateTime different keys', () => {
    expect(dedupeKey(read(eventAt('CLICK', 1348831860)))).not.toBe(dedupeKey(read(eventAt('CLICK', 1348831861))));
  });

  it('gives events of two followers at the same CreateTime different keys', () => {
    const other = SAMPLES.subscribe.replace(OPENID, 'oOtherFollower0000000000000');
    expect(dedupeKey(read(other))).not.toBe(dedupeKey(read(SAMPLES.subscribe)));
  });
});
