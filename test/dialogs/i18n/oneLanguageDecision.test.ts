import { ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { chooseLocale } from '../../../dialogs/i18n/chooseLocale';
import type { Locale } from '../../../dialogs/i18n/Locale';
import { localeFor } from '../../../dialogs/i18n/localeFor';
import { LocaleMiddleware } from '../../../dialogs/i18n/LocaleMiddleware';
import { localeOf } from '../../../dialogs/i18n/turnLocale';
import { NluEngine } from '../../../nlu-models/recognizer/NluEngine';
import type { Understanding } from '../../../nlu-models/recognizer/Understanding';
import * as detector from '../../../nlu-models/text/detectLanguage';
import type { DetectedLanguage } from '../../../nlu-models/text/detectLanguage';
import { projectModel } from '../../nlu-models/recognizer/projectModel';

const TODAY = '2026-11-25';

/**
 * A bot wired as the real one: the locale middleware on the NLU, then a turn that understands the message (as
 * MainDialog does) and answers with the turn's locale.
 */
function conversation(engine: NluEngine) {
  const state = new ConversationState(new MemoryStorage());
  const understood: Understanding[] = [];
  const adapter = new TestAdapter(async (ctx) => {
    understood.push(engine.understand(ctx.activity.text ?? '', TODAY));
    await ctx.sendActivity(localeOf(ctx));
    await state.saveChanges(ctx);
  }).use(new LocaleMiddleware(state.createProperty<Locale | undefined>('locale')));
  return {
    /** Sends a message; the reply's locale, the NLU's understanding of it, and how often the language was detected. */
    async say(text: string): Promise<{ locale: string; language: DetectedLanguage; detections: number }> {
      const spy = jest.spyOn(detector, 'detectLanguage');
      try {
        let locale = '';
        await adapter.send(text).assertReply((reply) => { locale = reply.text ?? ''; });
        const u = understood[understood.length - 1];
        return { locale, language: u.language, detections: spy.mock.calls.length };
      } finally {
        spy.mockRestore();
      }
    },
  };
}

describe('one language decision per turn', () => {
  const engine = new NluEngine(projectModel());

  it.each([
    ['a Chinese conversation', [
      // message → the NLU's language → the reply's locale
      ['你好', 'zh', 'zh-CN'],
      ['1', 'none', 'zh-CN'],
      ['ok', 'en-short', 'zh-CN'],
      ['苏A12345', 'none', 'zh-CN'],
      ['帮我cancel一下考试', 'mixed', 'zh-CN'],
      ['pay my fine', 'en', 'en'],
      ['1', 'none', 'en'],
      ['LSVAU2187N2123456', 'none', 'en'],
      ['ok', 'en-short', 'en'],
      ['book 科目三 tomorrow please', 'en', 'en'],
      ['我还有几分', 'zh', 'zh-CN'],
    ]],
    ['pinyin in an English conversation', [
      ['i would like to pay a fine', 'en', 'en'],
      ['wo yao yue kaoshi', 'zh', 'zh-CN'],
      ['thanks', 'en-short', 'zh-CN'],
      ['how many points are left on my licence', 'en', 'en'],
      ['cha weizhang', 'zh', 'zh-CN'],
      ['kemu er', 'zh', 'zh-CN'],
    ]],
    ['a conversation opened with one English word', [['hello', 'en-short', 'en'], ['2', 'none', 'en']]],
    ['a conversation opened with a number', [['12345', 'none', 'zh-CN'], ['how many points do i have left', 'en', 'en']]],
  ] as const)('%s: the reply speaks the language the NLU understood, and it is detected once', async (_name, rows) => {
    const bot = conversation(engine);
    const seen = new Set<string>();
    let previous: Locale | undefined;
    for (const [text, language, locale] of rows) {
      const turn = await bot.say(text);
      expect({ text, language: turn.language, locale: turn.locale }).toEqual({ text, language, locale });
      // The same decision everywhere: the turn's locale, the channels' pre-turn choice, the NLU's language.
      expect(turn.locale).toBe(localeFor(turn.language, previous));
      expect(chooseLocale(text, previous)).toBe(turn.locale);
      // Once per turn (the locale middleware, then understand()), and not again for a message seen before.
      expect({ text, detections: turn.detections }).toEqual({ text, detections: seen.has(text) ? 0 : 1 });
      seen.add(text);
      previous = turn.locale as Locale;
    }
  });
});
