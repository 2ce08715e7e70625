/**
 * Translation in main (tray menu, tooltips, notifications): the renderer's catalogs
 * (locales/index.ts) through its own i18next instance, following the same language setting.
 */
import i18next, { type i18n } from 'i18next';
import { namespaces, resources } from '../../locales/index.js';
import type { Locale } from '../../contract/settings.js';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

export class Translator {
  private readonly instance: i18n = i18next.createInstance();

  constructor(locale: Locale) {
    void this.instance.init({
      resources,
      lng: locale,
      fallbackLng: 'en',
      ns: namespaces,
      defaultNS: 'tray',
      initAsync: false,
      // Text goes to OS widgets (plain text) or through an XML builder that escapes it.
      interpolation: { escapeValue: false },
      returnNull: false,
      // i18next otherwise prints an advertisement to the console (and so into logs and test output).
      showSupportNotice: false,
    });
  }

  get locale(): Locale {
    return this.instance.language as Locale;
  }

  setLocale(locale: Locale): void {
    void this.instance.changeLanguage(locale);
  }

  readonly t: Translate = (key, params) => this.instance.t(key, params ?? {});
}
