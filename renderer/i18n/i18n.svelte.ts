/**
 * Translation for the renderer: i18next with the shared catalogs (locales/), made reactive so
 * that every `t(...)` in a template re-renders when the language changes.
 */
import i18next from 'i18next';
import { resources, namespaces } from '../../locales/index.js';
import type { Locale } from '../../contract/settings.js';

/** The namespace of a key written without one. */
const defaultNS = 'shell';
const instance = i18next.createInstance();
void instance.init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  ns: namespaces,
  defaultNS,
  initAsync: false,
  interpolation: { escapeValue: false }, // Svelte escapes text already.
  showSupportNotice: false,
  returnNull: false,
});

let current = $state<Locale>('en');
/**
 * The current language's texts without parameters, once worked out (catalogText, else i18next):
 * most labels are asked for on every render.
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
    text = catalogText(key) ?? instance.t(key, {});
    plainTexts.set(key, text);
  }
  return text;
}

/**
 * A label straight from the current language's catalog, when i18next would return it unchanged:
 * a string with nothing to interpolate or nest, asked for without parameters (so no plural or
 * context). Undefined otherwise, and for a key the language lacks (i18next then falls back).
 * Why: the first screen asks for about a hundred labels, and each first i18next t() runs its
 * whole resolution in cold code. A test checks this gives what i18next gives for every key of
 * every catalog.
 */
function catalogText(key: string): string | undefined {
  const separator = key.indexOf(':');
  const namespace = separator < 0 ? defaultNS : key.slice(0, separator);
  const value: unknown = instance.getResource(instance.language, namespace, key.slice(separator + 1));
  return typeof value === 'string' && !value.includes('{{') && !value.includes('$t(') ? value : undefined;
}

/** Whether the catalogs have `namespace:key` (for labels of keys that may come from a newer version). */
export function hasTranslation(key: string): boolean {
  return instance.exists(key);
}

/** Formats a language's own name for "System language (…)". */
export function languageName(locale: Locale): string {
  return t(`settings:language.${locale}`);
}
