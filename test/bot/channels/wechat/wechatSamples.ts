/** WeChat's documented message samples (官方文档 接收普通消息 / 接收事件推送), as WeChat POSTs them. */
const envelope = (type: string, body: string, createTime = 1348831860): string =>
  `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>
<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>
<CreateTime>${createTime}</CreateTime>
<MsgType><![CDATA[${type}]]></MsgType>
${body}
</xml>`;

export const ACCOUNT = 'gh_10f6c3c3ac5a';
export const OPENID = 'oyORnuP8q7ou2gfYjqLzSIWZf0rs';

export const SAMPLES = {
  text: envelope('text', '<Content><![CDATA[this is a test]]></Content>\n<MsgId>1234567890123456</MsgId>'),
  image: envelope('image', '<PicUrl><![CDATA[http://mmbiz.qpic.cn/pic.jpg]]></PicUrl>\n<MediaId><![CDATA[media_id_img]]></MediaId>\n<MsgId>1234567890123457</MsgId>'),
  voice: envelope('voice', '<MediaId><![CDATA[media_id_voice]]></MediaId>\n<Format><![CDATA[amr]]></Format>\n<Recognition><![CDATA[查一下违章]]></Recognition>\n<MsgId>1234567890123458</MsgId>'),
  voiceUnrecognised: envelope('voice', '<MediaId><![CDATA[media_id_voice]]></MediaId>\n<Format><![CDATA[speex]]></Format>\n<Recognition><![CDATA[]]></Recognition>\n<MsgId>1234567890123459</MsgId>'),
  location: envelope('location', '<Location_X>23.134521</Location_X>\n<Location_Y>113.358803</Location_Y>\n<Scale>20</Scale>\n<Label><![CDATA[广州市天河区]]></Label>\n<MsgId>1234567890123460</MsgId>'),
  link: envelope('link', '<Title><![CDATA[公众平台官网链接]]></Title>\n<Description><![CDATA[公众平台官网链接]]></Description>\n<Url><![CDATA[https://mp.weixin.qq.com]]></Url>\n<MsgId>1234567890123461</MsgId>'),
  video: envelope('video', '<MediaId><![CDATA[media_id_video]]></MediaId>\n<ThumbMediaId><![CDATA[thumb]]></ThumbMediaId>\n<MsgId>1234567890123462</MsgId>'),
  subscribe: envelope('event', '<Event><![CDATA[subscribe]]></Event>'),
  subscribeQr: envelope('event', '<Event><![CDATA[subscribe]]></Event>\n<EventKey><![CDATA[qrscene_123]]></EventKey>\n<Ticket><![CDATA[TICKET]]></Ticket>'),
  unsubscribe: envelope('event', '<Event><![CDATA[unsubscribe]]></Event>'),
  scan: envelope('event', '<Event><![CDATA[SCAN]]></Event>\n<EventKey><![CDATA[123]]></EventKey>\n<Ticket><![CDATA[TICKET]]></Ticket>'),
  click: envelope('event', '<Event><![CDATA[CLICK]]></Event>\n<EventKey><![CDATA[MENU_FINE_QUERY]]></EventKey>'),
  clickUnknown: envelope('event', '<Event><![CDATA[CLICK]]></Event>\n<EventKey><![CDATA[V1001_GOOD]]></EventKey>'),
  view: envelope('event', '<Event><![CDATA[VIEW]]></Event>\n<EventKey><![CDATA[https://www.qq.com/]]></EventKey>'),
  scancode: envelope('event', `<Event><![CDATA[scancode_waitmsg]]></Event>
<EventKey><![CDATA[6]]></EventKey>
<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType>
<ScanResult><![CDATA[2]]></ScanResult>
</ScanCodeInfo>`),
} as const;

/** The same envelope at another CreateTime (events are de-duplicated by FromUserName + CreateTime). */
export function eventAt(event: string, createTime: number): string {
  return envelope('event', `<Event><![CDATA[${event}]]></Event>`, createTime);
}
