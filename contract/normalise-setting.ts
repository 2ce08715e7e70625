/**
 * A setting typed as text, brought to the setting's form: what the Settings view does with what
 * the user types and what main does with a managed (policy) value, so both take the same input
 * the same way. People write `es-ES`, ` us `, `+1 (425) 555-0123`; a value that means something
 * valid becomes it, and what still does not fit is left for the settings schema to refuse.
 * Free of zod (types only from settings.ts); carries libphonenumber-js, so the renderer loads it
 * only with the Settings view.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { supportedLocaleOf } from './locale.js';
import type { Settings } from './settings.js';

/** 'es-ES', 'es_MX', 'ES' → 'es'; 'System' → 'system'. Unknown languages pass through (and fail). */
function normaliseLanguage(text: string): string {
  if (text.toLowerCase() === 'system') return 'system';
  return supportedLocaleOf(text) ?? text;
}

/** An international number in any common notation → E.164; otherwise separators dropped. */
function normaliseCallerId(text: string): string {
  if (text === '') return text;
  const parsed = parsePhoneNumberFromString(text);
  if (parsed?.isPossible()) return parsed.number;
  return text.replace(/[\s().-]/g, '');
}

export function normaliseSettingText(key: keyof Settings, text: string): string {
  const trimmed = text.trim();
  switch (key) {
    case 'language':
      return normaliseLanguage(trimmed);
    case 'defaultCountry':
      return trimmed.toUpperCase();
    case 'callerId':
      return normaliseCallerId(trimmed);
    default:
      return trimmed;
  }
}
