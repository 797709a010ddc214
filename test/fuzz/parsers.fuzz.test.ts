import fc from 'fast-check';
import { buildXml, parseXml, XmlError, type XmlOutRecord } from '../../bot/channels/wechat/xml';
import { readInbound } from '../../bot/channels/wechat/inbound';
import { extractEntities } from '../../nlu-models/entities';
import { normalizeText } from '../../nlu-models/text/normalize';

/** Property-based fuzzing with a fixed seed and a bounded number of runs (repeatable, a few seconds). */
const RUNS = { seed: 20261126, numRuns: 600 };
const xmlish = fc.stringMatching(/^[<>/!?\[\]A-Za-z0-9 ="'&;#x\-]{0,120}$/);

describe('fuzz: the WeChat XML parser', () => {
  it('on any input either parses or throws XmlError — never anything else, never hangs', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 300 }), xmlish, fc.fullUnicodeString({ maxLength: 200 })), (input) => {
      try {
        parseXml(input);
      } catch (e) {
        if (!(e instanceof XmlError)) throw e;
      }
    }), RUNS);
  });

  it('round-trips any record of texts (CDATA, "]]>", entities, any Unicode) and numbers', () => {
    const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}$/).filter((n) => n !== '__proto__');
    const record = fc.dictionary(name, fc.oneof(fc.fullUnicodeString({ maxLength: 50 }).map((s) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')), fc.nat()), { maxKeys: 8 });
    fc.assert(fc.property(record, (r: Record<string, string | number>) => {
      const parsed = parseXml(buildXml(r as XmlOutRecord)).fields;
      for (const [k, v] of Object.entries(r)) expect(parsed[k]).toBe(String(v));
    }), RUNS);
  });

  it('never writes what it would refuse: any text, control characters and U+FFFE/U+FFFF included, builds XML that parses', () => {
    const hostile = fc.array(fc.oneof(fc.fullUnicodeString({ maxLength: 8 }), fc.integer({ min: 0, max: 0x1f }).map((n) => String.fromCharCode(n)), fc.constantFrom('\ufffe', '\uffff', '\ud800', ']]>')), { maxLength: 20 }).map((a) => a.join(''));
    fc.assert(fc.property(hostile, (text) => {
      expect(() => parseXml(buildXml({ Content: text }))).not.toThrow();
    }), RUNS);
  });

  // Up to 9 nested elements (depth 8 below the root) are WeChat-sized; more is refused.
  it('deeply nested or huge inputs are refused with XmlError, not a stack overflow', () => {
    fc.assert(fc.property(fc.integer({ min: 10, max: 5000 }), (depth) => {
      const deep = `${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`;
      expect(() => parseXml(deep)).toThrow(XmlError);
    }), { seed: RUNS.seed, numRuns: 50 });
  });

  it('readInbound accepts any parsed message or refuses it with XmlError', () => {
    const field = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('text', 'event', 'voice', 'image', '1409735668', '6054768590064713728'));
    const fields = fc.record({ ToUserName: field, FromUserName: field, CreateTime: field, MsgType: field, Content: field, MsgId: field, Event: field }, { requiredKeys: [] });
    fc.assert(fc.property(fields, (f) => {
      try {
        readInbound(parseXml(buildXml(f)).fields);
      } catch (e) {
        if (!(e instanceof XmlError)) throw e;
      }
    }), RUNS);
  });
});

describe('fuzz: the entity extractors', () => {
  const pieces = fc.constantFrom('苏A12345', '苏 a·12345', '粤BD12345', '320583198512240024', '11010519491231002X', 'LSVAU2187N2123456',
    '13812345678', '320100123456789', '科目二', '明天', '下周一', '12月3号', '2026年12月15日', '200元', 'road test', ' ', '，', '号', '9');
  const text = fc.array(fc.oneof(pieces, fc.string({ maxLength: 8 }), fc.fullUnicodeString({ maxLength: 4 })), { maxLength: 12 }).map((a) => a.join(''));

  it('never throw, and every entity points at its own text inside the normalised input with a contract-shaped value', () => {
    fc.assert(fc.property(text, (t) => {
      const normal = normalizeText(t);
      const entities = extractEntities(t, { today: '2026-11-25' });
      let last = -1;
      for (const e of entities) {
        expect(e.start).toBeGreaterThanOrEqual(0);
        expect(e.end).toBeLessThanOrEqual(normal.length);
        expect(e.start).toBeGreaterThanOrEqual(last);
        expect(normal.slice(e.start, e.end)).toBe(e.text);
        last = e.end;
        const shape: Record<string, RegExp> = {
          plate_number: /^[\u4e00-\u9fa5][A-Z][A-HJ-NP-Z0-9]{5,6}$/, id_number: /^\d{17}[\dX]$/, vin: /^[A-HJ-NPR-Z0-9]{17}$/,
          decision_number: /^\d{15,16}$/, exam_subject: /^[1-4]$/, date: /^\d{4}-\d{2}-\d{2}$/, phone: /^1[3-9]\d{9}$/, amount: /^\d+(\.\d+)?$/,
        };
        expect(e.value).toMatch(shape[e.entity]);
      }
    }), RUNS);
  });
});
