/**
 * Translation for the renderer: i18next with the shared catalogs (locales/), made reactive so
 * that every `t(...)` in a template re-renders when the language changes.
 */
import i18next from 'i18next';
import { resources, namespaces } from '../../locales/index.js';
import type { Locale } from '../../contract/settings.js';

const instance = i18next.createInstance();
void instance.init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  ns: namespaces,
  defaultNS: 'shell',
  initAsync: false,
  interpolation: { escapeValue: false }, // Svelte escapes text already.
  showSupportNotice: false,
  returnNull: false,
});

let current = $state<Locale>('en');
/**
 * The current language's texts without parameters, as i18next gave them: most labels are asked
 * for on every render, and i18next resolves each one afresh (namespaces, nesting, interpolation).
 */
const plainTexts = new Map<string, string>();

export const i18n = {
  get locale(): Locale {
    return current;
  },
  async setLocale(locale: Locale): Promise<void> {
    await instance.changeLanguage(locale);
    plainTexts.clear();
    current = locale;
    document.documentElement.lang = locale;
  },
};

/** Translates `namespace:key`; reading `current` makes the caller depend on the language. */
export function t(key: string, params?: Record<string, string | number>): string {
  void current;
  if (params) return instance.t(key, params);
  let text = plainTexts.get(key);
  if (text === undefined) {
    text = instance.t(key, {});
    plainTexts.set(key, text);
  }
  return text;
}

/** Whether the catalogs have `namespace:key` (for labels of keys that may come from a newer version). */
export function hasTranslation(key: string): boolean {
  return instance.exists(key);
}

/** Formats a language's own name for "System language (…)". */
export function languageName(locale: Locale): string {
  return t(`settings:language.${locale}`);
}
