import { detectLanguage } from '../../../nlu-models/text/detectLanguage';
import { PINYIN_SYLLABLES, readPinyin, segmentPinyin } from '../../../nlu-models/text/pinyin';
import { chooseLocale } from '../../../dialogs/i18n/chooseLocale';

describe('pinyin syllables', () => {
  it('knows the ~410 syllables of Mandarin', () => {
    expect(PINYIN_SYLLABLES.size).toBeGreaterThanOrEqual(400);
    expect(PINYIN_SYLLABLES.size).toBeLessThanOrEqual(420);
  });

  it.each([
    ['kaoshi', ['kao', 'shi']],
    ['zhuanrengong', ['zhuan', 'ren', 'gong']],
    ['shenfenzheng', ['shen', 'fen', 'zheng']],
    ['yuyue', ['yu', 'yue']],
    ['xiexie', ['xie', 'xie']],
    ['cancel', undefined],
    ['test', undefined],
    // a syllable starting with a vowel only at the start of a word (pinyin writes xi'an)
    ['ciao', undefined],
  ] as const)('%s → %j', (word, syllables) => expect(segmentPinyin(word)).toEqual(syllables));

  it.each([
    ['kaoshi', 'pinyin'], ['wo', 'pinyin'], ['kǎoshì', 'pinyin'], ['kao3shi4', 'pinyin'], ['jifen', 'pinyin'],
    ['he', 'ambiguous'], ['men', 'ambiguous'], ['long', 'ambiguous'], ['you', 'ambiguous'], ['license', 'ambiguous'],
    ['guide', 'ambiguous'],
    ['cancel', 'other'], ['book', 'other'], ['ID', 'other'], ['VIN', 'other'], ['AN', 'other'],
  ] as const)('%s reads as %s', (word, reading) => expect(readPinyin(word)).toBe(reading));
});

describe('a message in pinyin is Chinese', () => {
  it.each([
    'wo yao yue kaoshi', 'cha weizhang', 'kemu er', 'jiao fakuan', 'jiaofei', 'chepai', 'wo de jifen', 'yuyue kemu san',
    'quxiao yuyue', 'zhuanrengong', 'zhuan rengong', 'shenfenzheng', 'xie xie', 'xiexie', 'ni hao', 'nihao',
    'Wo Yao Yue Kaoshi', 'wǒ yào kǎoshì', 'wo3 yao4 kao3shi4', 'mei you', 'bu yao', 'hao de', 'dui',
  ])('%j', (text) => {
    expect(detectLanguage(text)).toBe('zh');
    expect(chooseLocale(text, 'en')).toBe('zh-CN');
    expect(chooseLocale(text, undefined)).toBe('zh-CN');
  });

  it.each([
    ['wo yao book kaoshi', 'mixed'],
    ['我要yuyue考试', 'zh'],
    ['帮我cancel一下考试', 'mixed'],
  ] as const)('%j beside English or Han → %s', (text, language) => expect(detectLanguage(text)).toBe(language));
});

describe('sounds belong to no language', () => {
  it.each(['en en', 'enen', 'haha', 'hehe', 'hhh', 'emmm', 'aaa'])('%j keeps the conversation\'s language', (text) => {
    expect(detectLanguage(text)).toBe('none');
    expect(chooseLocale(text, 'zh-CN')).toBe('zh-CN');
    expect(chooseLocale(text, 'en')).toBe('en');
  });

  it('but not the words beside them', () => {
    expect(detectLanguage('en hao de')).toBe('zh');
    expect(detectLanguage('en, yes please')).toBe('en');
  });
});

describe('no language: a name in pinyin, a code', () => {
  // A name typed at the name question of an English conversation does not switch it to Chinese.
  it.each(['Zhang Wei', 'Wang Qiang', 'Ouyang Xiaoming', 'a1', 'sha1', 'o2'])('%j', (text) => {
    expect(detectLanguage(text)).toBe('none');
    expect(chooseLocale(text, 'en')).toBe('en');
  });

  it('but a sentence with a name in it is English', () => expect(detectLanguage('my name is Zhang Wei')).toBe('en'));
});

describe('English stays English', () => {
  it.each([
    ['yes', 'en-short'], ['no', 'en-short'], ['hi', 'en-short'], ['cancel', 'en-short'], ['ok', 'en-short'],
    ['nope', 'en-short'], ['hello', 'en-short'],
    // short words that are also pinyin syllables do not make a message Chinese
    ['an', 'en-short'], ['he', 'en-short'], ['ma', 'en-short'], ['long', 'en-short'], ['die', 'en-short'],
    ['I want to book a test', 'en'], ['pay it', 'en'], ['he can change it', 'en'], ['men long hang', 'en'],
    ['a an e ou ma', 'en'], ['hang on', 'en'], ['can you help me', 'en'], ['see you', 'en'], ['who made you', 'en'],
    ['guide me', 'en'], ['how many points remaining', 'en'], ['my license plate', 'en'],
    // one pinyin term inside an English sentence
    ['waiting', 'en-short'], ['still waiting', 'en'], ['200 yuan', 'en-short'], ['emoji', 'en-short'],
    ['yibao card balance', 'en'], ['yo book me kemu 2', 'en'], ['pay 200 yuan fine', 'en'],
    ['Hi, I need to pay a fine for plate Su A12345', 'en'],
  ] as const)('%j → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
    if (language === 'en') expect(chooseLocale(text, 'zh-CN')).toBe('en');
  });
});
