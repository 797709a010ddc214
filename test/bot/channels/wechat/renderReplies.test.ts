import { ActivityTypes, CardFactory, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import { MAX_TEXT_CHARS, renderReplies } from '../../../../bot/channels/wechat/renderReplies';
import { replyXml } from '../../../../bot/channels/wechat/replyXml';
import { parseXml, textField } from '../../../../bot/channels/wechat/xml';
import type { CustomMessage } from '../../../../integrations/wechat/types';

const text = (t: string): Partial<Activity> => ({ type: ActivityTypes.Message, text: t });
const texts = (messages: readonly CustomMessage[]): string[] =>
  messages.map((m) => (m.msgtype === 'text' ? m.text.content : `<news:${m.news.articles.map((a) => a.title).join('|')}>`));
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** WeChat rejects a text message over 2048 bytes (45002). */
const WECHAT_TEXT_BYTES = 2048;

const FINE_ACTIONS: CardAction[] = [
  { type: 'imBack', title: '查违章', value: 'main.service.fine.query' },
  { type: 'imBack', title: '交罚款', value: 'main.service.fine.pay' },
  { type: 'postBack', title: '约考试', value: 'main.service.exam.book' },
];

describe('renderReplies: text', () => {
  it('joins the texts of one turn into one message', () => {
    const { messages, options } = renderReplies([text('您好！'), text('请问办理什么业务？')], 'zh-CN');
    expect(texts(messages)).toEqual(['您好！\n\n请问办理什么业务？']);
    expect(options).toEqual([]);
  });

  it('ignores typing, events and other non-message activities', () => {
    const { messages } = renderReplies([
      { type: ActivityTypes.Typing }, text('一'), { type: ActivityTypes.Event, name: 'x', text: '不应出现' },
      { type: ActivityTypes.EndOfConversation, text: '也不应出现' }, text('二'),
    ], 'zh-CN');
    expect(texts(messages)).toEqual(['一\n\n二']);
  });

  it('sends nothing for a turn that said nothing', () => {
    expect(renderReplies([{ type: ActivityTypes.Typing }, text('   ')], 'zh-CN')).toEqual({ messages: [], options: [] });
  });

  it('writes a plain attachment as its name and URL', () => {
    const { messages } = renderReplies([{ type: ActivityTypes.Message, text: '请查看：', attachments: [{ contentType: 'application/pdf', contentUrl: 'https://a.example/fine.pdf', name: '罚单' }] }], 'zh-CN');
    expect(texts(messages)).toEqual(['请查看：\n罚单: https://a.example/fine.pdf']);
  });
});

describe('renderReplies: numbered options', () => {
  it.each([
    ['zh-CN', '回复序号即可选择。'],
    ['en', 'Reply with the number to choose.'],
  ] as const)('suggested actions become numbered lines and the %s catalogue line; options hold the values', (locale, line) => {
    const activity = { ...text('请选择业务：'), suggestedActions: { to: [], actions: FINE_ACTIONS } };
    const { messages, options } = renderReplies([activity], locale);
    expect(texts(messages)).toEqual([`请选择业务：\n1. 查违章\n2. 交罚款\n3. 约考试\n${line}`]);
    expect(options).toEqual(['main.service.fine.query', 'main.service.fine.pay', 'main.service.exam.book']);
  });

  it('MessageFactory.suggestedActions with plain strings works the same way', () => {
    const { messages, options } = renderReplies([MessageFactory.suggestedActions(['是', '否'], '确认预约吗？')], 'zh-CN');
    expect(texts(messages)).toEqual(['确认预约吗？\n1. 是\n2. 否\n回复序号即可选择。']);
    expect(options).toEqual(['是', '否']);
  });

  it('keeps the options of the last activity that showed some', () => {
    const first = { ...text('A'), suggestedActions: { to: [], actions: FINE_ACTIONS } };
    const second = { ...text('B'), suggestedActions: { to: [], actions: [{ type: 'imBack', title: '返回', value: 'back' }] } };
    expect(renderReplies([first, second], 'zh-CN').options).toEqual(['back']);
  });

  it('a hero card with imBack buttons (no image, no link) becomes its text and numbered options', () => {
    const card = CardFactory.heroCard('苏A12345', '有2条未处理违章', undefined, [
      { type: 'imBack', title: '查看详情', value: 'details' }, { type: 'imBack', title: '缴纳罚款', value: 'pay' },
    ]);
    const { messages, options } = renderReplies([{ type: ActivityTypes.Message, attachments: [card] }], 'zh-CN');
    expect(texts(messages)).toEqual(['苏A12345\n有2条未处理违章\n1. 查看详情\n2. 缴纳罚款\n回复序号即可选择。']);
    expect(options).toEqual(['details', 'pay']);
  });
});

describe('renderReplies: news (图文)', () => {
  const heroWithImage = CardFactory.heroCard('科目一预约', '南京考场', ['https://a.example/exam.jpg'], [
    { type: 'openUrl', title: '查看', value: 'https://a.example/exam' },
  ]);

  it('a hero card with an image and an openUrl button becomes a news article', () => {
    const { messages, options } = renderReplies([{ type: ActivityTypes.Message, attachments: [heroWithImage] }], 'zh-CN');
    expect(messages).toEqual([{
      msgtype: 'news',
      news: { articles: [{ title: '科目一预约', description: '南京考场', url: 'https://a.example/exam', picurl: 'https://a.example/exam.jpg' }] },
    }]);
    expect(options).toEqual([]);
  });

  it('a hero card with only an openUrl button also becomes news', () => {
    const card = CardFactory.heroCard('交通违法处理指南', undefined, [{ type: 'openUrl', title: '打开', value: 'https://a.example/guide' }]);
    const { messages } = renderReplies([{ type: ActivityTypes.Message, attachments: [card] }], 'zh-CN');
    expect(messages).toEqual([{ msgtype: 'news', news: { articles: [expect.objectContaining({ title: '交通违法处理指南', url: 'https://a.example/guide' })] } }]);
  });

  it('keeps the order of text and news within a turn', () => {
    const { messages } = renderReplies([text('为您找到：'), { type: ActivityTypes.Message, attachments: [heroWithImage] }, text('还需要什么帮助？')], 'zh-CN');
    expect(texts(messages)).toEqual(['为您找到：', '<news:科目一预约>', '还需要什么帮助？']);
  });

  it("sends one article per news message (WeChat answers 45008 to more than one since 2018)", () => {
    const second = CardFactory.heroCard('科目二预约', '', ['https://a.example/2.jpg']);
    const { messages } = renderReplies([{ type: ActivityTypes.Message, attachments: [heroWithImage, second] }], 'zh-CN');
    expect(texts(messages)).toEqual(['<news:科目一预约>', '<news:科目二预约>']);
  });
});

describe('renderReplies: long text', () => {
  const partsOf = (t: string): string[] => texts(renderReplies([text(t)], 'zh-CN').messages);

  it.each([
    ['Chinese without line breaks', '违'.repeat(MAX_TEXT_CHARS * 3 + 7)],
    ['emoji (surrogate pairs) without line breaks', `a${'🚗'.repeat(MAX_TEXT_CHARS * 2 + 3)}`],
    ['emoji mixed with Chinese', '车🚓'.repeat(MAX_TEXT_CHARS)],
    ['exactly one character over', 'x'.repeat(MAX_TEXT_CHARS + 1)],
  ])('splits %s into messages of at most MAX_TEXT_CHARS characters, losing nothing', (_label, long) => {
    const parts = partsOf(long);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(Array.from(part).length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
      expect(part).not.toMatch(LONE_SURROGATE);
    }
    expect(parts.join('')).toBe(long);
  });

  it('does not split a text of exactly MAX_TEXT_CHARS characters', () => {
    expect(partsOf('x'.repeat(MAX_TEXT_CHARS))).toHaveLength(1);
  });

  it('packs the texts of a turn into as few messages as fit, never cutting a text that fits alone', () => {
    const blocks = ['一', '二', '三', '四', '五'].map((c) => c.repeat(300));
    const parts = texts(renderReplies(blocks.map(text), 'zh-CN').messages);
    expect(parts).toEqual([`${blocks[0]}\n\n${blocks[1]}`, `${blocks[2]}\n\n${blocks[3]}`, blocks[4]]);
  });

  it('keeps a numbered list whole with its hint when the text above leaves no room for it', () => {
    const long = '说'.repeat(MAX_TEXT_CHARS - 10);
    const { messages, options } = renderReplies([{ ...text(long), suggestedActions: { to: [], actions: FINE_ACTIONS } }], 'zh-CN');
    expect(texts(messages)).toEqual([long, '1. 查违章\n2. 交罚款\n3. 约考试\n回复序号即可选择。']);
    expect(options).toHaveLength(3);
  });

  it('cuts at line breaks when there are some, keeping every line whole', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `第${i + 1}条：苏A12345 于 2026-11-25 在中山路闯红灯，罚款200元，记6分。`);
    const parts = partsOf(lines.join('\n'));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(Array.from(part).length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(parts.join('\n')).toBe(lines.join('\n'));
  });

  it.each([
    ['Chinese', '违'.repeat(3000)],
    ['emoji', '🚗'.repeat(3000)],
  ])("keeps every %s message within WeChat's 2048-byte text limit", (_label, long) => {
    for (const part of partsOf(long)) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(WECHAT_TEXT_BYTES);
  });
});

describe('replyXml (passive reply)', () => {
  it('builds a text reply to the follower from the account', () => {
    const xml = replyXml({ msgtype: 'text', text: { content: '您好 ]]> <b>&' } }, 'openid-1', 'gh_account', 1409735669);
    const { root, fields } = parseXml(xml);
    expect(root).toBe('xml');
    expect(fields).toEqual({ ToUserName: 'openid-1', FromUserName: 'gh_account', CreateTime: '1409735669', MsgType: 'text', Content: '您好 ]]> <b>&' });
  });

  it('builds a news reply with ArticleCount and Articles/item', () => {
    const article = { title: '科目一预约', description: '南京考场', url: 'https://a.example/exam', picurl: 'https://a.example/exam.jpg' };
    const { fields } = parseXml(replyXml({ msgtype: 'news', news: { articles: [article] } }, 'openid-1', 'gh_account', 1409735669));
    expect(textField(fields, 'MsgType')).toBe('news');
    expect(textField(fields, 'ArticleCount')).toBe('1');
    expect(fields.Articles).toEqual({ item: { Title: '科目一预约', Description: '南京考场', PicUrl: 'https://a.example/exam.jpg', Url: 'https://a.example/exam' } });
  });

  it('writes one <item> per article', () => {
    const a = (title: string): { title: string; description: string; url: string; picurl: string } => ({ title, description: '', url: '', picurl: '' });
    const { fields } = parseXml(replyXml({ msgtype: 'news', news: { articles: [a('一'), a('二')] } }, 'o', 'gh', 1));
    expect(textField(fields, 'ArticleCount')).toBe('2');
    expect(fields.Articles).toEqual({ item: [expect.objectContaining({ Title: '一' }), expect.objectContaining({ Title: '二' })] });
  });
});
