/** The languages the bot answers in; Chinese first. */
export type Locale = 'zh-CN' | 'en';

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** The reply language for an utterance whose detected language is zh, en or mixed (mixed → Chinese). */
export function localeForLanguage(language: 'zh' | 'en' | 'mixed'): Locale {
  return language === 'en' ? 'en' : 'zh-CN';
}

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}
