import type { Settings } from '../../contract/settings.js';
import type { LocaleInfo } from '../../contract/channels-app.js';
import { systemLocaleFrom } from '../../contract/locale.js';

export { systemLocaleFrom };

/** The UI language: the user's choice, or the OS's first supported preference for 'system'. */
export function resolveLocale(setting: Settings['language'], preferredLanguages: readonly string[]): LocaleInfo {
  const systemLocale = systemLocaleFrom(preferredLanguages);
  return { locale: setting === 'system' ? systemLocale : setting, systemLocale };
}
