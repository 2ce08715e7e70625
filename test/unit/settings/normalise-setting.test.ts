/**
 * One way to read a setting typed as text, for the Settings view (what the user types) and for
 * managed policy (what IT writes): contract/normalise-setting.ts and the language lookup it
 * shares with the system-language choice (contract/locale.ts).
 */
import { describe, expect, it } from 'vitest';
import { supportedLocaleOf, systemLocaleFrom } from '../../../contract/locale.js';
import { normaliseSettingText } from '../../../contract/normalise-setting.js';
import { settingsSchema } from '../../../contract/settings.js';

describe('supportedLocaleOf', () => {
  it.each([
    ['es', 'es'],
    ['es-ES', 'es'],
    ['es_MX', 'es'],
    ['ES', 'es'],
    [' en-GB ', 'en'],
    ['fr-ES', null],
    ['', null],
  ] as const)('%j → %j', (tag, locale) => {
    expect(supportedLocaleOf(tag)).toBe(locale);
  });

  it('is what the system language is chosen by: the first supported one, English otherwise', () => {
    expect(systemLocaleFrom(['fr-FR', 'es-MX', 'en-US'])).toBe('es');
    expect(systemLocaleFrom(['fr-FR'])).toBe('en');
  });
});

describe('normaliseSettingText', () => {
  it.each([
    ['language', ' es ', 'es'],
    ['language', 'EN_us', 'en'],
    ['language', 'System', 'system'],
    ['language', 'fr', 'fr'],
    ['defaultCountry', ' gb ', 'GB'],
    ['callerId', '+1 (425) 555-0123', '+14255550123'],
    ['callerId', '+1 425.555.0123', '+14255550123'],
    // The trunk 0 people write in brackets is not part of the international number.
    ['callerId', '+44 (0)20 7946 0958', '+442079460958'],
    ['callerId', '  ', ''],
    // Not a possible number: only separators go, and the schema decides.
    ['callerId', '555-0123', '5550123'],
    ['tokenServiceUrl', ' https://tokens.contoso.com ', 'https://tokens.contoso.com'],
  ] as const)('%s: %j → %j', (key, text, expected) => {
    expect(normaliseSettingText(key, text)).toBe(expected);
  });

  it('leaves what still does not fit for the schema to refuse', () => {
    expect(settingsSchema.shape.callerId.safeParse(normaliseSettingText('callerId', '555-0123')).success).toBe(false);
    expect(settingsSchema.shape.language.safeParse(normaliseSettingText('language', 'fr-ES')).success).toBe(false);
    expect(settingsSchema.shape.defaultCountry.safeParse(normaliseSettingText('defaultCountry', 'spain')).success).toBe(false);
  });
});
