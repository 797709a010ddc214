import { messageKeys, messageTemplate, translate } from '../../../dialogs/i18n/catalog';
// The services' catalogues too (the index adds them): dialogs/services/<service>/i18n.
import '../../../dialogs/services';
import { chooseLocale } from '../../../dialogs/i18n/chooseLocale';
import { formatDate, formatMoney } from '../../../dialogs/i18n/format';

const placeholders = (t: string | undefined) => [...(t ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('have the same messages in Chinese and English', () => {
    expect(messageKeys('en')).toEqual(messageKeys('zh-CN'));
  });

  it('use the same placeholders in both languages', () => {
    const differing = messageKeys('zh-CN').filter((k) =>
      JSON.stringify(placeholders(messageTemplate('zh-CN', k))) !== JSON.stringify(placeholders(messageTemplate('en', k))));
    expect(differing).toEqual([]);
  });

  it('fill placeholders and refuse a missing one', () => {
    expect(translate('zh-CN', 'error.CODE_WRONG', { attemptsLeft: 2 })).toBe('验证码不对，你还可以再试2次。');
    expect(() => translate('zh-CN', 'error.CODE_WRONG')).toThrow('needs the parameter {attemptsLeft}');
    expect(() => translate('en', 'no.such.key')).toThrow('no message "no.such.key"');
  });
});

describe('formatting', () => {
  it.each([
    ['zh-CN', '2026-11-30', '11月30日（周一）'],
    ['en', '2026-11-30', 'Mon 30 Nov'],
  ] as const)('%s date %s → %s', (locale, date, shown) => expect(formatDate(locale, date)).toBe(shown));

  it('shows money to the fen', () => {
    expect(formatMoney('zh-CN', 20050)).toBe('200.50元');
    expect(formatMoney('en', 3)).toBe('¥0.03');
  });
});

describe('chooseLocale', () => {
  it.each([
    ['你好', undefined, 'zh-CN'],
    ['hello', undefined, 'en'],
    ['pay my fine', 'zh-CN', 'en'],
    ['1', 'en', 'en'],
    ['LSVAU2187N2123456', 'zh-CN', 'zh-CN'],
    ['苏A12345', 'en', 'en'],
    ['ok', 'zh-CN', 'zh-CN'],
    ['帮我cancel考试', 'en', 'zh-CN'],
    ['6SB66 AB3C5', 'zh-CN', 'zh-CN'],
  ] as const)('%j after %s → %s', (text, previous, expected) => expect(chooseLocale(text, previous)).toBe(expected));
});
