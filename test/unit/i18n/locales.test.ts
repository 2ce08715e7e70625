import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resources } from '../../../locales/index.js';
import { resolveLocale, systemLocaleFrom } from '../../../main/i18n/resolve-locale.js';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** Every text of a catalog tree, with its dotted key. */
function sentences(tree: unknown, path = ''): [string, string][] {
  if (typeof tree === 'string') return [[path, tree]];
  if (typeof tree !== 'object' || tree === null) return [];
  return Object.entries(tree).flatMap(([k, v]) => sentences(v, path ? `${path}.${k}` : k));
}

/**
 * The app speaks to the user as "usted". Informal second person: pronouns, and tú forms
 * (imperatives, present, preterite, future, subjunctive) that Spanish strings here once had or
 * could easily slip into. Not "espera": it is also the noun ("en espera", on hold).
 * Whole words only — (?<!\p{L})…(?!\p{L}), since \b does not know "ú" is a letter — in any
 * case, except "ti" only in lower case or capitalised: "TI" is IT.
 */
const informalWords = [
  ...['tú', 'tu', 'tus', 'te', 'ti', 'contigo', 'tuyo', 'tuya'],
  ...['estás', 'tienes', 'puedes', 'quieres', 'debes', 'llamas', 'sigues', 'tengas', 'dejarás'],
  ...['haz', 'inicia sesión', 'elige', 'escribe', 'añade', 'descarta', 'inténtalo', 'revísalo', 'permítelo', 'corrígelo', 'déjalo'],
  ...['activaste', 'desactivaste', 'instalaste'],
];
const anyCase = (word: string) => (word === 'ti' ? '[tT]i' : [...word].map((c) => (c === ' ' ? '\\s' : `[${c}${c.toUpperCase()}]`)).join(''));
const informal = new RegExp(`(?<!\\p{L})(${informalWords.map(anyCase).join('|')})(?!\\p{L})`, 'u');

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

  it.each(Object.keys(resources.es) as (keyof typeof resources.es)[])('es/%s.json speaks to the user as "usted"', (ns) => {
    const texts = sentences(resources.es[ns]);
    expect(texts.length).toBeGreaterThan(ns === 'chat' ? 80 : 0);
    expect(texts.filter(([, text]) => informal.test(text))).toEqual([]);
  });

  it('the macOS permission prompts speak to the user as "usted"', () => {
    const prompts = readFileSync(new URL('../../../build/mac/es.lproj/InfoPlist.strings', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('"'));
    expect(prompts.length).toBe(2);
    for (const line of prompts) expect(line, line).not.toMatch(informal);
    expect(prompts.join('\n')).toContain('para sus llamadas');
  });

  it('would notice informal Spanish', () => {
    expect('¿Eres tú?').toMatch(informal);
    expect('Tú desactivaste las actualizaciones.').toMatch(informal);
    expect('Inicia sesión para ver tus conversaciones.').toMatch(informal);
    expect('Inténtalo de nuevo.').toMatch(informal);
    expect('ACS Softphone usa el micrófono para tus llamadas.').toMatch(informal);
    expect('Déjalo vacío.').toMatch(informal);
    expect('Elige un micrófono.').toMatch(informal);
    expect('INTÉNTALO DE NUEVO').toMatch(informal);
    expect('Ti').toMatch(informal);
    expect('Inténtelo de nuevo en un momento.').not.toMatch(informal);
    expect('Usted desactivó las actualizaciones automáticas.').not.toMatch(informal);
    expect('Su departamento de TI administra esta opción.').not.toMatch(informal);
    expect('Llamada en espera').not.toMatch(informal);
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
