/** t(): labels are kept per language, so a switch of language must still switch every text. */
import { afterEach, describe, expect, it } from 'vitest';
import { i18n, t } from '../../../../renderer/i18n/i18n.svelte.js';
import i18next from 'i18next';
import { namespaces, resources } from '../../../../locales/index.js';

afterEach(() => i18n.setLocale('en'));

describe('t', () => {
  it('gives the new language for a label it already gave in the old one', async () => {
    await i18n.setLocale('en');
    expect(t('shell:nav.settings')).toBe(resources.en.shell.nav.settings);
    expect(t('shell:nav.settings')).toBe(resources.en.shell.nav.settings);
    await i18n.setLocale('es');
    expect(t('shell:nav.settings')).toBe(resources.es.shell.nav.settings);
    expect(resources.es.shell.nav.settings).not.toBe(resources.en.shell.nav.settings);
  });

  it('fills parameters every time rather than repeating an earlier text', async () => {
    await i18n.setLocale('en');
    const first = t('shell:status.connection', { state: 'A' });
    const second = t('shell:status.connection', { state: 'B' });
    expect(first).toContain('A');
    expect(second).toContain('B');
  });
});

/** Every leaf of a catalog as its dotted path. */
function keysOf(catalog: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(catalog).flatMap(([name, value]) =>
    value !== null && typeof value === 'object' ? keysOf(value as Record<string, unknown>, `${prefix}${name}.`) : [`${prefix}${name}`],
  );
}

describe('t straight from the catalog', () => {
  // t() reads labels straight from the catalog, filling {{name}} itself, instead of through
  // i18next's t(): that must never change a text, in either language, for any key.
  it.each(['en', 'es'] as const)('gives exactly what i18next gives for every key of every catalog (%s)', async (locale) => {
    const reference = i18next.createInstance();
    await reference.init({ resources, lng: locale, fallbackLng: 'en', ns: namespaces, defaultNS: 'shell', interpolation: { escapeValue: false }, showSupportNotice: false });
    await i18n.setLocale(locale);
    const keys = namespaces.flatMap((ns) => keysOf(resources[locale][ns]).map((path) => `${ns}:${path}`));
    expect(keys.length).toBeGreaterThan(500);
    expect(keys.filter((key) => t(key) !== reference.t(key))).toEqual([]);
    // A key without a namespace is the shell's, as in i18next.
    expect(t('nav.settings')).toBe(reference.t('nav.settings'));
  });

  it.each(['en', 'es'] as const)('gives exactly what i18next gives for every key with its parameters, plurals and options too (%s)', async (locale) => {
    const reference = i18next.createInstance();
    await reference.init({ resources, lng: locale, fallbackLng: 'en', ns: namespaces, defaultNS: 'shell', interpolation: { escapeValue: false }, showSupportNotice: false });
    await i18n.setLocale(locale);
    const calls: [string, Record<string, string | number>][] = [];
    for (const ns of namespaces) {
      for (const path of keysOf(resources[locale][ns])) {
        const text = String(path.split('.').reduce<unknown>((node, name) => (node as Record<string, unknown>)[name], resources[locale][ns]));
        const names = [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
        const key = `${ns}:${path.replace(/_(one|other)$/, '')}`;
        // Every placeholder filled, alternately with a string and a number.
        calls.push([key, Object.fromEntries(names.map((name, i) => [name, i % 2 ? 42 : `<${name} & co>`]))]);
        // One placeholder left out: i18next decides what shows.
        if (names.length > 0) calls.push([key, Object.fromEntries(names.slice(1).map((name) => [name, 'x']))]);
        // A plural's count, and an i18next option that is no placeholder.
        calls.push([key, { ...Object.fromEntries(names.map((name) => [name, 'y'])), count: 1 }], [key, { ...Object.fromEntries(names.map((name) => [name, 'y'])), count: 5 }]);
        calls.push([key, { ...Object.fromEntries(names.map((name) => [name, 'z'])), lng: locale === 'en' ? 'es' : 'en' }]);
      }
    }
    expect(calls.length).toBeGreaterThan(2000);
    expect(calls.filter(([key, params]) => t(key, params) !== reference.t(key, params))).toEqual([]);
  });

  it('leaves a key no catalog has to i18next, which gives the key back', async () => {
    await i18n.setLocale('es');
    expect(t('shell:no.such.key')).toBe('no.such.key');
    expect(t('nosuchnamespace:label')).toBe('label');
  });
});
