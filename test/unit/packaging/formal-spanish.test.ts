/**
 * The Spanish of IT configuration, settings, updates and the macOS permission prompts speaks to
 * the user as "usted", like the rest of the app: no informal pronouns or verb forms.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

/**
 * Informal second person: pronouns, and tú forms that cannot be third person. Matched in
 * lower case or capitalised, so "TI" (IT) is not "ti".
 */
const informalWords = ['tú', 'tu', 'tus', 'te', 'ti', 'contigo', 'tuyo', 'tuya', 'tienes', 'puedes', 'quieres', 'debes', 'haz', 'elige', 'inténtalo', 'déjalo', 'activaste', 'desactivaste', 'instalaste'];
const forms = informalWords.flatMap((word) => [word, word[0]!.toUpperCase() + word.slice(1)]);
const informal = new RegExp(`(?<!\\p{L})(${forms.join('|')})(?!\\p{L})`, 'u');

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('formal Spanish', () => {
  it.each(['policy', 'settings', 'updates'])('locales/es/%s.json uses "usted"', (namespace) => {
    for (const text of strings(JSON.parse(read(`locales/es/${namespace}.json`)))) {
      expect(text, text).not.toMatch(informal);
    }
  });

  it('the macOS permission prompts use "usted"', () => {
    const prompts = read('build/mac/es.lproj/InfoPlist.strings').split('\n').filter((line) => line.startsWith('"'));
    expect(prompts.length).toBe(2);
    for (const line of prompts) expect(line, line).not.toMatch(informal);
    expect(prompts.join('\n')).toContain('para sus llamadas');
  });

  it('would notice an informal text', () => {
    expect('ACS Softphone usa el micrófono para tus llamadas.').toMatch(informal);
    expect('Déjalo vacío.').toMatch(informal);
    expect('Tú desactivaste las actualizaciones.').toMatch(informal);
    expect('Usted desactivó las actualizaciones automáticas.').not.toMatch(informal);
  });
});
