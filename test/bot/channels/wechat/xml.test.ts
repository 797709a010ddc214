import { buildXml, parseXml, textField, XmlError, type XmlRecord } from '../../../../bot/channels/wechat/xml';
import { ACCOUNT, OPENID, SAMPLES } from './wechatSamples';

function fieldsOf(xml: string): XmlRecord {
  const { root, fields } = parseXml(xml);
  expect(root).toBe('xml');
  return fields;
}

function xmlError(text: string): XmlError {
  try {
    parseXml(text);
  } catch (e) {
    expect(e).toBeInstanceOf(XmlError);
    expect((e as XmlError).code).toBe('WECHAT_MALFORMED_XML');
    return e as XmlError;
  }
  throw new Error(`parsed without error: ${text.slice(0, 80)}`);
}

describe("parseXml on WeChat's message samples", () => {
  it.each<[keyof typeof SAMPLES, Record<string, string>]>([
    ['text', { MsgType: 'text', Content: 'this is a test', MsgId: '1234567890123456' }],
    ['image', { MsgType: 'image', PicUrl: 'http://mmbiz.qpic.cn/pic.jpg', MediaId: 'media_id_img' }],
    ['voice', { MsgType: 'voice', MediaId: 'media_id_voice', Format: 'amr', Recognition: '查一下违章' }],
    ['location', { MsgType: 'location', Location_X: '23.134521', Location_Y: '113.358803', Scale: '20', Label: '广州市天河区' }],
    ['link', { MsgType: 'link', Title: '公众平台官网链接', Url: 'https://mp.weixin.qq.com' }],
    ['subscribeQr', { MsgType: 'event', Event: 'subscribe', EventKey: 'qrscene_123', Ticket: 'TICKET' }],
    ['click', { MsgType: 'event', Event: 'CLICK', EventKey: 'MENU_FINE_QUERY' }],
    ['scan', { MsgType: 'event', Event: 'SCAN', EventKey: '123', Ticket: 'TICKET' }],
  ])('%s', (sample, expected) => {
    const fields = fieldsOf(SAMPLES[sample]);
    expect(textField(fields, 'ToUserName')).toBe(ACCOUNT);
    expect(textField(fields, 'FromUserName')).toBe(OPENID);
    expect(textField(fields, 'CreateTime')).toBe('1348831860');
    for (const [name, value] of Object.entries(expected)) expect(textField(fields, name)).toBe(value);
  });

  it('reads a nested record (ScanCodeInfo)', () => {
    const fields = fieldsOf(SAMPLES.scancode);
    expect(fields.ScanCodeInfo).toEqual({ ScanType: 'qrcode', ScanResult: '2' });
    expect(textField(fields, 'ScanCodeInfo')).toBe('');
  });

  it('collects repeated elements into an array, in order', () => {
    const fields = fieldsOf('<xml><Articles><item><Title>a</Title></item><item><Title>b</Title></item><item><Title>c</Title></item></Articles></xml>');
    expect(fields.Articles).toEqual({ item: [{ Title: 'a' }, { Title: 'b' }, { Title: 'c' }] });
  });

  it('textField gives "" for absent fields and trims surrounding whitespace', () => {
    const fields = fieldsOf('<xml><A>  padded \n</A><B/></xml>');
    expect(textField(fields, 'A')).toBe('padded');
    expect(textField(fields, 'B')).toBe('');
    expect(textField(fields, 'Missing')).toBe('');
  });
});

describe('parseXml text content', () => {
  it.each([
    ['predefined entities', '&lt;b&gt; &amp; &quot;q&quot; &apos;a&apos;', '<b> & "q" \'a\''],
    ['a decimal character reference', '&#20320;好', '你好'],
    ['a hex character reference', '&#x4F60;&#x597D;', '你好'],
    ['an astral character reference', '&#x1F697;', '🚗'],
    ['CDATA, whose entities stay literal', '<![CDATA[&lt; <not a tag> &amp;]]>', '&lt; <not a tag> &amp;'],
    ['text and CDATA together', 'a<![CDATA[b]]>c', 'abc'],
  ])('%s', (_label, inner, expected) => {
    expect(fieldsOf(`<xml><Content>${inner}</Content></xml>`).Content).toBe(expected);
  });

  it('keeps newlines inside CDATA', () => {
    expect(fieldsOf('<xml><Content><![CDATA[第一行\n第二行]]></Content></xml>').Content).toBe('第一行\n第二行');
  });

  it('accepts an XML declaration, comments and surrounding whitespace', () => {
    const text = '\n<?xml version="1.0" encoding="UTF-8"?>\n<!-- before -->\n<xml><!-- inside --><A>1</A>\n<!-- between --><B>2</B></xml>\n<!-- after -->\n';
    expect(fieldsOf(text)).toEqual({ A: '1', B: '2' });
  });

  it('accepts 8 levels of nesting and 1000 elements', () => {
    const deep = `${'<a>'.repeat(8)}x${'</a>'.repeat(8)}`;
    expect(() => parseXml(deep)).not.toThrow();
    const wide = `<xml>${'<i>1</i>'.repeat(999)}</xml>`;
    expect((fieldsOf(wide).i as string[]).length).toBe(999);
  });

  it.each(['constructor', '__proto__'])(
    'reads a field named %s (an Object.prototype member) as a plain field',
    (name) => {
      const fields = fieldsOf(`<xml><MsgType>text</MsgType><${name}>value</${name}></xml>`);
      expect(textField(fields, name)).toBe('value');
      expect(Array.isArray(Object.getPrototypeOf(fields))).toBe(false);
      expect(textField(fields, 'MsgType')).toBe('text');
    },
  );
});

describe('parseXml rejects malformed XML with XmlError (WECHAT_MALFORMED_XML)', () => {
  const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<xml><Content>&lol2;</Content></xml>`;
  const xxe = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Content>&xxe;</Content></xml>`;

  it.each([
    ['an empty string', ''],
    ['whitespace only', '  \n '],
    ['plain text', 'hello'],
    ['an unclosed root', '<xml><A>1</A>'],
    ['an unclosed child', '<xml><A>1</xml>'],
    ['a mismatched closing tag', '<xml><A>1</B></xml>'],
    ['a closing tag that only shares a prefix', '<xml><A>1</AB></xml>'],
    ['a billion-laughs DOCTYPE', laughs],
    ['an XXE external entity', xxe],
    ['an ENTITY declaration inside the root', '<xml><!ENTITY x "y"><A>1</A></xml>'],
    ['an attribute', '<xml><A type="x">1</A></xml>'],
    ['an attribute on the root', '<xml a="1"><A>1</A></xml>'],
    ['text after the root', '<xml><A>1</A></xml>trailing'],
    ['a second root', '<xml><A>1</A></xml><xml></xml>'],
    ['an unknown entity', '<xml><A>&nbsp;</A></xml>'],
    ['an entity without its semicolon', '<xml><A>&amp</A></xml>'],
    ['a character reference to NUL', '<xml><A>&#0;</A></xml>'],
    ['a character reference beyond Unicode', '<xml><A>&#x110000;</A></xml>'],
    ['a control character (U+0001)', '<xml><A>a\u0001b</A></xml>'],
    ['a control character in CDATA (U+001B)', '<xml><A><![CDATA[\u001b[31m]]></A></xml>'],
    ['U+FFFE', '<xml><A>\ufffe</A></xml>'],
    ['U+FFFF', '<xml><A>\uffff</A></xml>'],
    ['a lone surrogate', '<xml><A>\ud83d</A></xml>'],
    ['a character reference to U+0001', '<xml><A>&#1;</A></xml>'],
    ['a character reference to U+001F', '<xml><A>&#x1f;</A></xml>'],
    ['a character reference to U+FFFE', '<xml><A>&#xFFFE;</A></xml>'],
    ['a character reference to a surrogate', '<xml><A>&#xD800;</A></xml>'],
    ['an unterminated CDATA section', '<xml><A><![CDATA[abc</A></xml>'],
    ['an unterminated comment', '<xml><!-- no end <A>1</A></xml>'],
    ['an unterminated XML declaration', '<?xml version="1.0" <xml></xml>'],
    ['text mixed with elements', '<xml>text<A>1</A></xml>'],
    ['more than 8 levels of nesting', `${'<a>'.repeat(10)}x${'</a>'.repeat(10)}`],
    ['very deep nesting', `${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`],
    ['more than 1000 elements', `<xml>${'<i>1</i>'.repeat(1001)}</xml>`],
  ])('%s', (_label, text) => {
    expect(xmlError(text).message).toMatch(/^malformed XML: /);
  });

  it('never expands a declared entity', () => {
    expect(xmlError(laughs).message).toMatch(/DTD|declaration/i);
  });
});

describe('buildXml', () => {
  it('writes strings as CDATA and numbers bare, under the root <xml>', () => {
    expect(buildXml({ ToUserName: OPENID, CreateTime: 1409735668, Content: '你好' })).toBe(
      `<xml><ToUserName><![CDATA[${OPENID}]]></ToUserName><CreateTime>1409735668</CreateTime><Content><![CDATA[你好]]></Content></xml>`,
    );
  });

  it.each([
    ['"]]>" inside', 'a]]>b'],
    ['"]]>" at both ends', ']]>x]]>'],
    ['markup and entities', '<b>&amp;</b> & < >'],
    ['newlines and emoji', '第一行\n第二行 🚗'],
    ['an empty string', ''],
  ])('keeps content with %s through a build → parse round trip', (_label, content) => {
    expect(fieldsOf(buildXml({ Content: content })).Content).toBe(content);
  });

  it('writes nested records and arrays as repeated elements (Articles/item)', () => {
    const xml = buildXml({
      ArticleCount: 2,
      Articles: { item: [{ Title: '驾考预约', Url: 'https://a.example/1' }, { Title: '违章查询', Url: 'https://a.example/2' }] },
    });
    expect(xml).toContain('<Articles><item><Title><![CDATA[驾考预约]]></Title>');
    expect(fieldsOf(xml)).toEqual({
      ArticleCount: '2',
      Articles: { item: [{ Title: '驾考预约', Url: 'https://a.example/1' }, { Title: '违章查询', Url: 'https://a.example/2' }] },
    });
  });

  it('leaves out characters XML 1.0 does not allow (control characters, U+FFFE, U+FFFF, lone surrogates), keeping tab, LF, CR', () => {
    const xml = buildXml({ Content: 'a\u0000b\u0001c\u001bd\u007fe\tf\ng\rh\ufffei\uffffj\ud83dk🚗' });
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    expect(fieldsOf(xml).Content).toBe('abcd\u007fe\tf\ng\rhijk🚗');
  });

  it('uses the given root name', () => {
    expect(parseXml(buildXml({ A: 'x' }, 'reply')).root).toBe('reply');
  });
});
