/** The chat's Spanish speaks to the user as "usted", like the rest of the app. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const catalog = JSON.parse(readFileSync(new URL('../../../locales/es/chat.json', import.meta.url), 'utf8')) as unknown;

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** Informal pronouns, and the tú forms chat used to have (imperatives, tú subjunctive and future). */
const informalWords = ['tú', 'tu', 'tus', 'te', 'ti', 'contigo', 'inicia sesión', 'elige', 'escribe', 'añade', 'espera', 'descarta', 'dejarás', 'tengas', 'inténtalo', 'puedes', 'quieres'];
const informal = new RegExp(`(?<!\\p{L})(${informalWords.join('|')})(?!\\p{L})`, 'iu');

describe('chat in Spanish', () => {
  it('uses "usted" everywhere', () => {
    const texts = strings(catalog);
    expect(texts.length).toBeGreaterThan(80);
    for (const text of texts) expect(text, text).not.toMatch(informal);
  });

  it('would notice an informal text', () => {
    expect('Inicia sesión para ver tus conversaciones.').toMatch(informal);
    expect('Inténtalo de nuevo.').toMatch(informal);
    expect('Inténtelo de nuevo en un momento.').not.toMatch(informal);
  });
});
