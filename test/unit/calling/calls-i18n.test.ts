/**
 * The calling code hands i18n keys around as strings (errors, notices, warnings, states), so the
 * generic "t('…') keys exist" check cannot see them all. This one collects every 'calls:…' and
 * `calls:…${…}` key the calling code can produce and checks English and Spanish have a sentence.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resources } from '../../../locales/index.js';
import { warningForDiagnostic } from '../../../renderer/calling/diagnostics.js';
import type { DialErrorCode } from '../../../renderer/calling/dial-string.js';

const dir = new URL('../../../renderer/calling/', import.meta.url);
const sources = readdirSync(dir)
  .filter((f) => /\.(ts|svelte)$/.test(f))
  .map((f) => readFileSync(new URL(f, dir), 'utf8'));

function lookup(lang: 'en' | 'es', key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources[lang].calls);
}

const callStates = ['None', 'Connecting', 'Ringing', 'Connected', 'LocalHold', 'RemoteHold', 'InLobby', 'Disconnecting', 'Disconnected', 'EarlyMedia'];
const dialErrors: DialErrorCode[] = ['empty', 'tooLong', 'invalidCharacters', 'invalidAcsId', 'invalidTeamsId', 'unsupportedId', 'notRecognised', 'invalidCountry', 'defaultCountryInvalid', 'tooShort', 'numberTooLong', 'invalidNumber', 'emergency'];

describe('calls translations', () => {
  const literal = sources.flatMap((s) => [...s.matchAll(/['"`]calls:([\w.]+)['"`]/g)].map((m) => m[1]!));
  const keys = new Set([
    ...literal,
    ...callStates.map((s) => `state.${s}`),
    ...dialErrors.map((c) => `dialErrors.${c}`),
    ...Object.values(warningForDiagnostic).map((w) => `warnings.${w}`),
    ...['completed', 'missed', 'declined', 'cancelled', 'failed', 'answeredElsewhere'].map((o) => `history.outcome.${o}`),
    'screenShare.screen',
    'screenShare.window',
  ]);

  it('finds the keys the code uses', () => {
    expect(literal.length).toBeGreaterThan(40);
  });

  it.each([...keys].sort())('calls:%s has English and Spanish', (key) => {
    expect(typeof lookup('en', key), `en ${key}`).toBe('string');
    expect(typeof lookup('es', key), `es ${key}`).toBe('string');
  });
});
