import { supportedLocales, type Locale, type Settings } from '../../contract/settings.js';
import type { LocaleInfo } from '../../contract/channels-app.js';

/** The first supported language among the OS's preferred ones ("es-MX" → "es"); English otherwise. */
export function systemLocaleFrom(preferredLanguages: readonly string[]): Locale {
  for (const tag of preferredLanguages) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    const match = supportedLocales.find((l) => l === base);
    if (match) return match;
  }
  return 'en';
}

export function resolveLocale(setting: Settings['language'], preferredLanguages: readonly string[]): LocaleInfo {
  const systemLocale = systemLocaleFrom(preferredLanguages);
  return { locale: setting === 'system' ? systemLocale : setting, systemLocale };
}
