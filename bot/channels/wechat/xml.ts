/**
 * The small XML dialect WeChat speaks: one root element, child elements holding text or CDATA, a few nested
 * records (ScanCodeInfo, Articles/item). No attributes are needed, no DTDs are allowed (so no entity
 * expansion attacks), and depth and size are bounded. Only XML 1.0 characters are allowed, written or referenced
 * (no control characters but tab, LF and CR; no U+FFFE, U+FFFF or lone surrogates). Anything else is malformed.
 */
export type XmlValue = string | XmlRecord | XmlValue[];
export interface XmlRecord { [name: string]: XmlValue }

export class XmlError extends Error {
  readonly code = 'WECHAT_MALFORMED_XML' as const;
  constructor(message: string) {
    super(`malformed XML: ${message}`);
    this.name = 'XmlError';
  }
}

const MAX_DEPTH = 8;
const MAX_ELEMENTS = 1000;
const NAME = /[A-Za-z_][\w.-]*/y;
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** Characters outside XML 1.0's Char production (with the u flag a surrogate pair is one character, so only lone halves match). */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u;
const NOT_XML_CHARS = new RegExp(NOT_XML_CHAR.source, 'gu');

/** Parses a WeChat message; returns the root's name and its children. */
export function parseXml(text: string): { root: string; fields: XmlRecord } {
  const p = new Parser(text);
  p.refuseIllegalCharacters();
  p.skipProlog();
  const { name, value } = p.element(0);
  p.skipMisc();
  if (p.pos !== text.length) p.fail('content after the root element');
  return { root: name, fields: typeof value === 'string' ? (Object.create(null) as XmlRecord) : value };
}

class Parser {
  pos = 0;
  private elements = 0;

  constructor(private readonly s: string) {}

  fail(what: string): never {
    throw new XmlError(`${what} at offset ${this.pos}`);
  }

  refuseIllegalCharacters(): void {
    const m = NOT_XML_CHAR.exec(this.s);
    if (!m) return;
    this.pos = m.index;
    this.fail(`character ${codePointName(m[0])} is not allowed in XML`);
  }

  skipProlog(): void {
    this.skipSpace();
    if (this.s.startsWith('<?xml', this.pos)) {
      const end = this.s.indexOf('?>', this.pos);
      if (end < 0) this.fail('unterminated XML declaration');
      this.pos = end + 2;
    }
    this.skipMisc();
  }

  skipMisc(): void {
    for (;;) {
      this.skipSpace();
      if (this.s.startsWith('<!--', this.pos)) {
        const end = this.s.indexOf('-->', this.pos + 4);
        if (end < 0) this.fail('unterminated comment');
        this.pos = end + 3;
      } else if (this.s.startsWith('<!', this.pos) && !this.s.startsWith('<![CDATA[', this.pos)) {
        this.fail('DTDs and declarations are not accepted');
      } else {
        return;
      }
    }
  }

  element(depth: number): { name: string; value: string | XmlRecord } {
    if (depth > MAX_DEPTH) this.fail('elements nested too deeply');
    if (++this.elements > MAX_ELEMENTS) this.fail('too many elements');
    if (this.s[this.pos] !== '<') this.fail('expected an element');
    this.pos += 1;
    const name = this.name();
    this.skipSpace();
    if (this.s.startsWith('/>', this.pos)) {
      this.pos += 2;
      return { name, value: '' };
    }
    if (this.s[this.pos] !== '>') this.fail(`attributes are not accepted on <${name}>`);
    this.pos += 1;
    let text = '';
    let children: XmlRecord | undefined;
    for (;;) {
      if (this.pos >= this.s.length) this.fail(`<${name}> is not closed`);
      if (this.s.startsWith('<![CDATA[', this.pos)) {
        const end = this.s.indexOf(']]>', this.pos + 9);
        if (end < 0) this.fail('unterminated CDATA section');
        text += this.s.slice(this.pos + 9, end);
        this.pos = end + 3;
      } else if (this.s.startsWith('</', this.pos)) {
        this.pos += 2;
        const closing = this.name();
        if (closing !== name) this.fail(`</${closing}> closes <${name}>`);
        this.skipSpace();
        if (this.s[this.pos] !== '>') this.fail(`expected > after </${closing}`);
        this.pos += 1;
        break;
      } else if (this.s.startsWith('<!--', this.pos) || this.s.startsWith('<!', this.pos)) {
        this.skipMisc();
      } else if (this.s[this.pos] === '<') {
        const child = this.element(depth + 1);
        // No prototype: a field named __proto__ or constructor is just a field.
        children ??= Object.create(null) as XmlRecord;
        const existing = children[child.name];
        if (existing === undefined) children[child.name] = child.value;
        else if (Array.isArray(existing)) existing.push(child.value);
        else children[child.name] = [existing, child.value];
      } else {
        const next = this.s.indexOf('<', this.pos);
        const end = next < 0 ? this.s.length : next;
        text += this.decode(this.s.slice(this.pos, end));
        this.pos = end;
      }
    }
    if (children) {
      if (text.trim()) this.fail(`<${name}> mixes text and elements`);
      return { name, value: children };
    }
    return { name, value: text };
  }

  private name(): string {
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.s);
    if (!m) this.fail('expected an element name');
    this.pos += m[0].length;
    return m[0];
  }

  private skipSpace(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos])) this.pos += 1;
  }

  private decode(raw: string): string {
    return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);?/g, (whole, ref: string) => {
      if (ref.startsWith('#x')) return safeCodePoint(parseInt(ref.slice(2), 16)) ?? this.fail(`bad character reference ${whole}`);
      if (ref.startsWith('#')) return safeCodePoint(parseInt(ref.slice(1), 10)) ?? this.fail(`bad character reference ${whole}`);
      const c = ENTITIES[ref];
      if (c === undefined || !whole.endsWith(';')) this.fail(`unknown entity ${whole}`);
      return c;
    });
  }
}

function safeCodePoint(n: number): string | undefined {
  if (!Number.isInteger(n) || n <= 0 || n > 0x10ffff) return undefined;
  const c = String.fromCodePoint(n);
  return NOT_XML_CHAR.test(c) ? undefined : c;
}

function codePointName(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A string field of a parsed record ('' when absent or not text). */
export function textField(fields: XmlRecord, name: string): string {
  const v = fields[name];
  return typeof v === 'string' ? v.trim() : '';
}

export type XmlOut = string | number | XmlOutRecord | XmlOut[];
export interface XmlOutRecord { [name: string]: XmlOut }

/**
 * Writes a record as WeChat XML: strings in CDATA (split around "]]>"), numbers bare, arrays as repeated elements.
 * Characters XML 1.0 does not allow (control characters, U+FFFE/U+FFFF, lone surrogates) are left out of texts,
 * so a reply never carries what WeChat's parser (or ours) would refuse.
 */
export function buildXml(fields: XmlOutRecord, root = 'xml'): string {
  return `<${root}>${Object.entries(fields).map(([k, v]) => element(k, v)).join('')}</${root}>`;
}

function element(name: string, value: XmlOut): string {
  if (Array.isArray(value)) return value.map((v) => element(name, v)).join('');
  if (typeof value === 'number') return `<${name}>${value}</${name}>`;
  if (typeof value === 'string') return `<${name}><![CDATA[${value.replace(NOT_XML_CHARS, '').split(']]>').join(']]]]><![CDATA[>')}]]></${name}>`;
  return buildXml(value, name);
}
