import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resources } from '../../../locales/index.js';
import { resolveLocale, systemLocaleFrom } from '../../../main/i18n/resolve-locale.js';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('registers every catalog file', () => {
    for (const language of ['en', 'es'] as const) {
      const files = readdirSync(new URL(`../../../locales/${language}/`, import.meta.url)).map((f) => f.replace('.json', ''));
      expect(Object.keys(resources[language]).sort()).toEqual(files.sort());
    }
  });

  it('gives Spanish exactly the keys of English, with the same placeholders', () => {
    for (const ns of Object.keys(resources.en) as (keyof typeof resources.en)[]) {
      const en = keysOf(resources.en[ns]).sort();
      expect(keysOf(resources.es[ns]).sort(), ns).toEqual(en);
      for (const key of en) {
        const get = (tree: unknown) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;
        expect(placeholders(get(resources.es[ns])), `${ns}:${key}`).toEqual(placeholders(get(resources.en[ns])));
        expect(get(resources.es[ns]).trim(), `${ns}:${key}`).not.toBe('');
      }
    }
  });

  it('uses only translation keys that exist', () => {
    // Every literal t('ns:key') in the renderer must resolve in English.
    const sources = readdirSync(new URL('../../../renderer/', import.meta.url), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.(svelte|ts)$/.test(e.name))
      .map((e) => readFileSync(`${e.parentPath}/${e.name}`, 'utf8'));
    const used = sources.flatMap((s) => [...s.matchAll(/t\('([a-z]+):([\w.]+)'/g)].map((m) => [m[1]!, m[2]!] as const));
    expect(used.length).toBeGreaterThan(10);
    for (const [ns, key] of used) {
      const tree = resources.en[ns as keyof typeof resources.en];
      expect(tree, ns).toBeDefined();
      const lookup = (path: string) => path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
      // A plural key (i18next's count) exists as key_one/key_other.
      const value = lookup(key) ?? lookup(`${key}_other`);
      expect(typeof value, `${ns}:${key}`).toBe('string');
    }
  });
});

describe('locale resolution', () => {
  it.each([
    [['es-MX', 'en-US'], 'es'],
    [['en-GB'], 'en'],
    [['fr-FR', 'es-ES'], 'es'],
    [['de-DE'], 'en'],
    [['ES_es'], 'es'],
    [[], 'en'],
  ])('system languages %j resolve to %s', (preferred, expected) => {
    expect(systemLocaleFrom(preferred)).toBe(expected);
  });

  it('lets the setting override the system', () => {
    expect(resolveLocale('en', ['es-ES'])).toEqual({ locale: 'en', systemLocale: 'es' });
    expect(resolveLocale('system', ['es-ES'])).toEqual({ locale: 'es', systemLocale: 'es' });
  });
});
