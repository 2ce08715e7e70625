/**
 * The small pages the browser shows after the sign-in redirect reaches the app, in the
 * user's language. Static text only: nothing from the request is echoed back.
 */
import i18next from 'i18next';
import { resources, namespaces } from '../../locales/index.js';
import type { Locale } from '../../contract/settings.js';
import type { LoopbackPages } from './loopback-redirect.js';

const translator = i18next.createInstance();
void translator.init({ resources, lng: 'en', fallbackLng: 'en', ns: namespaces, initAsync: false, showSupportNotice: false, interpolation: { escapeValue: true } });

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(locale: Locale, title: string, message: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
}

export function loopbackPages(locale: Locale): LoopbackPages {
  const t = translator.getFixedT(locale, 'auth');
  return {
    success: page(locale, t('browser.successTitle'), t('browser.successMessage')),
    failure: page(locale, t('browser.failureTitle'), t('browser.failureMessage')),
  };
}
