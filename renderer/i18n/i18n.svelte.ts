/**
 * Translation for the renderer: the shared catalogs (locales/) through i18next, made reactive so
 * that every `t(...)` in a template re-renders when the language changes.
 */
import i18next from 'i18next';
import { resources, namespaces } from '../../locales/index.js';
import type { Locale } from '../../contract/settings.js';

/** The namespace of a key written without one. */
const defaultNS = 'shell';
let current = $state<Locale>('en');

/**
 * i18next, set up when a text first needs it (a plural, a nested text, a key the language
 * lacks): labels straight from the catalog (catalogText) do not, and setting it up is cold code
 * the first screen need not run. With initAsync off and the catalogs bundled, init is
 * synchronous.
 */
let engine: ReturnType<typeof i18next.createInstance> | null = null;
function i18nextReady() {
  if (!engine) {
    engine = i18next.createInstance();
    void engine.init({
      resources,
      lng: current,
      fallbackLng: 'en',
      ns: namespaces,
      defaultNS,
      initAsync: false,
      interpolation: { escapeValue: false }, // Svelte escapes text already.
      showSupportNotice: false,
      returnNull: false,
    });
  }
  return engine;
}

/**
 * The current language's catalog strings that t() can give without i18next (see catalogText),
 * or null for those it cannot, once worked out: most labels are asked for on every render.
 */
const catalogTexts = new Map<string, string | null>();

export const i18n = {
  get locale(): Locale {
    return current;
  },
  async setLocale(locale: Locale): Promise<void> {
    if (engine) await engine.changeLanguage(locale);
    catalogTexts.clear();
    current = locale;
    document.documentElement.lang = locale;
  },
};

/** Translates `namespace:key`; reading `current` makes the caller depend on the language. */
export function t(key: string, params?: Record<string, string | number>): string {
  void current;
  let text = catalogTexts.get(key);
  if (text === undefined) {
    text = catalogText(key);
    catalogTexts.set(key, text);
  }
  if (text !== null) {
    const filled = params ? fill(text, params) : text.includes('{{') ? undefined : text;
    if (filled !== undefined) return filled;
  }
  return i18nextReady().t(key, params ?? {});
}

/**
 * A string straight from the current language's catalog, when i18next would give it unchanged
 * or only with `{{name}}` placeholders filled: nothing to nest, and no plural or context (those
 * take parameters fill() leaves to i18next). Null otherwise, and for a key the language lacks
 * (i18next then falls back). Why: the first screen asks for about a hundred labels, and each
 * first call through i18next runs its whole resolution in cold code. A test checks this gives
 * what i18next gives for every key of every catalog, with and without parameters.
 */
function catalogText(key: string): string | null {
  const separator = key.indexOf(':');
  const namespace = separator < 0 ? defaultNS : key.slice(0, separator);
  let value: unknown = (resources[current] as Record<string, unknown>)[namespace];
  for (const name of key.slice(separator + 1).split('.')) {
    value = value !== null && typeof value === 'object' && Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined;
  }
  return typeof value === 'string' && !value.includes('$t(') ? value : null;
}

const placeholder = /\{\{(\w+)\}\}/g;

/**
 * `text` with each `{{name}}` replaced by its parameter, as i18next does with escaping off
 * (Svelte escapes). Undefined, for i18next to do it, when a placeholder has no parameter, when
 * a parameter has no placeholder (it may be one of i18next's options), when the text has a
 * placeholder of another form, or when a count or context asks for another key.
 */
function fill(text: string, params: Record<string, string | number>): string | undefined {
  if ('count' in params || 'context' in params) return undefined;
  let filledCount = 0;
  const filled = text.replace(placeholder, (match, name: string) => {
    if (!Object.hasOwn(params, name)) return match;
    filledCount++;
    return String(params[name]);
  });
  const placeholders = text.split('{{').length - 1;
  return filledCount === placeholders && Object.keys(params).every((name) => text.includes(`{{${name}}}`)) ? filled : undefined;
}

/** Whether the catalogs have `namespace:key` (for labels of keys that may come from a newer version). */
export function hasTranslation(key: string): boolean {
  return i18nextReady().exists(key);
}

/** Formats a language's own name for "System language (…)". */
export function languageName(locale: Locale): string {
  return t(`settings:language.${locale}`);
}
