import { detectLanguage } from '../../../nlu-models/text/detectLanguage';
import { MAX_UTTERANCE_CHARS, normalizeText } from '../../../nlu-models/text/normalize';

describe('normalizeText', () => {
  it.each([
    ['苏Ａ１２３４５', '苏A12345'],
    ['  查\u3000违章  ', '查 违章'],
    ['ＨＥＬＬＯ，？', 'HELLO,?'],
    ['a\n\n\tb', 'a b'],
  ])('%j → %j', (input, expected) => expect(normalizeText(input)).toBe(expected));

  it('caps the length (by characters, not UTF-16 units)', () => {
    expect(Array.from(normalizeText('罚'.repeat(2000))).length).toBe(MAX_UTTERANCE_CHARS);
    expect(Array.from(normalizeText('😀'.repeat(2000))).length).toBe(MAX_UTTERANCE_CHARS);
  });
});

describe('detectLanguage', () => {
  it.each([
    ['帮我交苏A12345的罚款', 'zh'],
    ['我要约科目二', 'zh'],
    ['pay my fine please', 'en'],
    ['book 科目三 tomorrow please', 'mixed'],
    ['帮我cancel一下考试', 'mixed'],
    ['12345', 'none'],
    ['ok', 'en-short'],
    ['6SB66 AB3C5', 'none'],
    ['我的ID', 'zh'],
    // The start of a plate names a plate, not a language.
    ['the 苏A one', 'en'],
    ['苏A', 'none'],
    ['苏A那辆', 'zh'],
    ['查一下京B的车', 'zh'],
  ])('%j → %s', (text, lang) => expect(detectLanguage(text)).toBe(lang));

  it('does not count the words inside entities (offsets into the text)', () => {
    expect(detectLanguage('book 科目三 tomorrow please', [{ start: 5, end: 8 }, { start: 9, end: 17 }])).toBe('en');
    expect(detectLanguage('我要约科目二', [{ start: 3, end: 6 }])).toBe('zh');
    expect(detectLanguage('科目二', [{ start: 0, end: 3 }])).toBe('none');
  });
});
