/**
 * Picking the UI language from a list of preferred language tags. Shared: main resolves the
 * OS's preferences with it, and the renderer falls back to the browser's own when it cannot
 * ask main (so even a start-up error is shown in the user's language).
 */

/** The app's languages. Kept here, free of zod, because the renderer's first bundle needs them. */
export const supportedLocales = ['en', 'es'] as const;
export type Locale = (typeof supportedLocales)[number];

/** The first supported language among the preferred ones ("es-MX" → "es"); English otherwise. */
export function systemLocaleFrom(preferredLanguages: readonly string[]): Locale {
  for (const tag of preferredLanguages) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    const match = supportedLocales.find((l) => l === base);
    if (match) return match;
  }
  return 'en';
}
