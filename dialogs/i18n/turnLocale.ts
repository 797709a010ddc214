import type { TurnContext } from 'botbuilder';
import { DEFAULT_LOCALE, type Locale } from './Locale';
import { translate, type MessageParams } from './catalog';

/** turnState key under which the locale of the current turn is kept. */
export const TURN_LOCALE = Symbol('jiaoguan.turnLocale');

export function localeOf(ctx: TurnContext): Locale {
  return (ctx.turnState.get(TURN_LOCALE) as Locale | undefined) ?? DEFAULT_LOCALE;
}

export function setTurnLocale(ctx: TurnContext, locale: Locale): void {
  ctx.turnState.set(TURN_LOCALE, locale);
}

/** A catalogue message in the language of this turn. */
export function msg(ctx: TurnContext, key: string, params?: MessageParams): string {
  return translate(localeOf(ctx), key, params);
}
