import { ActivityTypes, type Middleware, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { chooseLocale } from './chooseLocale';
import type { Locale } from './Locale';
import { setTurnLocale } from './turnLocale';

/**
 * Decides the reply language of every turn, once, from the NLU's language detection of what the citizen wrote
 * (chooseLocale: the `language` its understanding reports, remembered per text; see localeFor for messages
 * without words) and remembers it in conversation state, so the dialogs answer in the citizen's language.
 */
export class LocaleMiddleware implements Middleware {
  constructor(private readonly remembered: StatePropertyAccessor<Locale | undefined>) {}

  async onTurn(ctx: TurnContext, next: () => Promise<void>): Promise<void> {
    const previous = await this.remembered.get(ctx);
    let locale = previous;
    if (ctx.activity.type === ActivityTypes.Message && typeof ctx.activity.text === 'string' && ctx.activity.text.trim()) {
      locale = chooseLocale(ctx.activity.text, previous);
      if (locale !== previous) await this.remembered.set(ctx, locale);
    }
    setTurnLocale(ctx, locale ?? 'zh-CN');
    await next();
  }
}
