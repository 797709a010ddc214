import type { CustomMessage } from '../../../integrations/wechat/types';
import { buildXml } from './xml';

/** The passive reply (被动回复) XML for one message, answered in the HTTP response to WeChat. */
export function replyXml(message: CustomMessage, openid: string, account: string, createTime: number): string {
  const head = { ToUserName: openid, FromUserName: account, CreateTime: createTime };
  if (message.msgtype === 'text') return buildXml({ ...head, MsgType: 'text', Content: message.text.content });
  const articles = message.news.articles;
  return buildXml({
    ...head,
    MsgType: 'news',
    ArticleCount: articles.length,
    Articles: { item: articles.map((a) => ({ Title: a.title, Description: a.description, PicUrl: a.picurl, Url: a.url })) },
  });
}
