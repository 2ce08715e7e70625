/**
 * Admins type values the way people write them: `es-ES`, `us`, `+1 (425) 555-0123`. Each is
 * brought to the setting's form the way the Settings UI would, so a value that means something
 * valid is applied rather than rejected. What still does not fit is rejected by the schema.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { supportedLocales } from '../../contract/settings.js';
import type { PolicyKey } from './policy-keys.js';

/** 'es-ES', 'es_MX', 'ES' → 'es'; 'System' → 'system'. Unknown languages pass through (and fail). */
function normaliseLanguage(text: string): string {
  const lower = text.toLowerCase();
  if (lower === 'system') return lower;
  const base = lower.split(/[-_]/)[0] ?? lower;
  return (supportedLocales as readonly string[]).includes(base) ? base : text;
}

/** An international number in any common notation → E.164; otherwise separators dropped. */
function normaliseCallerId(text: string): string {
  if (text === '') return text;
  const parsed = parsePhoneNumberFromString(text);
  if (parsed?.isPossible()) return parsed.number;
  return text.replace(/[\s().-]/g, '');
}

export function normalisePolicyText(key: PolicyKey, text: string): string {
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
