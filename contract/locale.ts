/**
 * Picking the UI language from a list of preferred language tags. Shared: main resolves the
 * OS's preferences with it, and the renderer falls back to the browser's own when it cannot
 * ask main (so even a start-up error is shown in the user's language).
 */

/** The app's languages. Kept here, free of zod, because the renderer's first bundle needs them. */
export const supportedLocales = ['en', 'es'] as const;
export type Locale = (typeof supportedLocales)[number];

/** The app's language a tag asks for, by its base language ("es-MX", "ES", "es_ES" → "es"); null if none. */
export function supportedLocaleOf(tag: string): Locale | null {
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return supportedLocales.find((l) => l === base) ?? null;
}

/** The first supported language among the preferred ones ("es-MX" → "es"); English otherwise. */
export function systemLocaleFrom(preferredLanguages: readonly string[]): Locale {
  for (const tag of preferredLanguages) {
    const match = supportedLocaleOf(tag);
    if (match) return match;
  }
  return 'en';
}
