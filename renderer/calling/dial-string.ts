/**
 * Turns what a person typed or pasted into something the Calling SDK can dial, or into a typed
 * error whose i18n key says what is wrong — before anything is dialled.
 *
 * Accepted: ACS user IDs (8:acs:…, and the older 8:spool: / sovereign-cloud forms), Teams user IDs
 * (8:orgid:…, 8:dod:…, 8:gcch:…), the ACS echo bot (8:echo123), raw phone IDs (4:+…), tel:/callto:
 * links, and phone numbers in any common national or international format (libphonenumber-js,
 * read with the user's default country), including extensions and vanity letters.
 */
import { parsePhoneNumberWithError, ParseError, isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import type { CommunicationUserIdentifier, MicrosoftTeamsUserIdentifier, PhoneNumberIdentifier, UnknownIdentifier } from '@azure/communication-common';

/** Longer than any identifier or number a person could mean; refused before any parsing. */
export const maxDialStringLength = 256;

import { hasAcsUserPrefix, isAcsUserId } from '../lib/identifiers.js';
import { echoBotId } from './dtmf.js';

export { echoBotId };

export type DialTarget =
  | { kind: 'acsUser'; rawId: string; identifier: CommunicationUserIdentifier; display: string }
  | { kind: 'echoBot'; rawId: string; identifier: UnknownIdentifier; display: string }
  | { kind: 'teamsUser'; rawId: string; identifier: MicrosoftTeamsUserIdentifier; display: string }
  | {
      kind: 'phone';
      rawId: string;
      identifier: PhoneNumberIdentifier;
      /** E.164, what is dialled and shown. */
      e164: string;
      /** Digits sent as DTMF once the call connects (from "ext. 12", "x12", ";ext=12", ",,12"). */
      extension?: string;
      /** The number as people read it (international format). */
      display: string;
    };

export type DialErrorCode =
  | 'empty'
  | 'tooLong'
  | 'invalidCharacters'
  | 'invalidAcsId'
  | 'invalidTeamsId'
  | 'unsupportedId'
  | 'notRecognised'
  | 'invalidCountry'
  | 'defaultCountryInvalid'
  | 'tooShort'
  | 'numberTooLong'
  | 'invalidNumber'
  | 'emergency';

export interface DialError {
  code: DialErrorCode;
  /** calls:dialErrors.<code> */
  messageKey: `calls:dialErrors.${DialErrorCode}`;
}

export type DialParseResult = { ok: true; target: DialTarget } | { ok: false; error: DialError };

const fail = (code: DialErrorCode): DialParseResult => ({ ok: false, error: { code, messageKey: `calls:dialErrors.${code}` } });

// Identifier parts are GUIDs, hex and the odd separator; nothing else belongs in them.
const teamsUserPattern = /^8:(orgid|dod|gcch):([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
const teamsCloud = { orgid: 'public', dod: 'dod', gcch: 'gcch' } as const;
// Numbers this app must never pretend to handle: tell the user to use a real phone instead.
const emergencyNumbers = new Set(['911', '112', '999', '000', '110', '119', '100', '101', '102', '108', '111', '118', '113', '190', '192', '193']);
const keypadLetters: Record<string, string> = Object.fromEntries(
  Object.entries({ 2: 'ABC', 3: 'DEF', 4: 'GHI', 5: 'JKL', 6: 'MNO', 7: 'PQRS', 8: 'TUV', 9: 'WXYZ' }).flatMap(([digit, letters]) =>
    [...letters].map((letter) => [letter, digit]),
  ),
);

/**
 * Cleans what was pasted: NFKC folds full-width digits and odd spaces, invisible format
 * characters (zero-width spaces, bidi overrides copied from web pages) are dropped.
 */
export function normaliseDialInput(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .trim();
}

export function parseDialString(input: string, defaultCountry: string): DialParseResult {
  if (input.length > maxDialStringLength * 4) return fail('tooLong');
  const text = normaliseDialInput(input);
  if (text === '') return fail('empty');
  if (text.length > maxDialStringLength) return fail('tooLong');
  if (/[\p{Cc}\p{Co}\p{Cs}<>"`\\{}]/u.test(text)) return fail('invalidCharacters');

  const withoutScheme = text.replace(/^(tel|callto|sip):/i, (scheme) => (scheme.toLowerCase() === 'sip:' ? scheme : ''));
  if (/^sip:/i.test(withoutScheme)) return fail('unsupportedId');
  // Raw identifiers start with a type prefix: 4: phone, 8: users, 28: bots…
  if (/^\d{1,2}:[A-Za-z+]/.test(withoutScheme)) return parseRawId(withoutScheme, defaultCountry);
  return parsePhone(withoutScheme, defaultCountry);
}

function parseRawId(rawId: string, defaultCountry: string): DialParseResult {
  if (rawId === echoBotId) {
    // The SDK refuses 8:echo123 as a CommunicationUser (422/44004); it takes it as a raw ID.
    return { ok: true, target: { kind: 'echoBot', rawId, identifier: { id: rawId }, display: rawId } };
  }
  if (rawId.startsWith('4:')) return parsePhone(rawId.slice(2), defaultCountry);
  if (hasAcsUserPrefix(rawId)) {
    if (!isAcsUserId(rawId)) return fail('invalidAcsId');
    return { ok: true, target: { kind: 'acsUser', rawId, identifier: { communicationUserId: rawId }, display: rawId } };
  }
  if (/^8:(orgid|dod|gcch):/.test(rawId)) {
    const match = teamsUserPattern.exec(rawId);
    if (!match) return fail('invalidTeamsId');
    const cloud = teamsCloud[match[1] as keyof typeof teamsCloud];
    const identifier: MicrosoftTeamsUserIdentifier = { microsoftTeamsUserId: match[2]!.toLowerCase(), cloud, rawId };
    return { ok: true, target: { kind: 'teamsUser', rawId, identifier, display: rawId } };
  }
  // Teams visitors (anonymous), bots (28:), and other kinds cannot be called 1:1 from ACS.
  return fail('unsupportedId');
}

function parsePhone(text: string, defaultCountry: string): DialParseResult {
  if (!isSupportedCountry(defaultCountry)) return fail('defaultCountryInvalid');
  const country = defaultCountry as CountryCode;
  // Post-dial digits after pauses ("…0100,,123" or "…0100;123") become the extension.
  const pause = /^([^,;]*?)[,;]+(?:ext=)?(\d{1,20})#?$/i.exec(text);
  const number = pause && !/;ext=/i.test(text) ? `${pause[1]} ext. ${pause[2]}` : text;
  const digitsOnly = number.replace(/[\s().-]/g, '');
  if (emergencyNumbers.has(digitsOnly)) return fail('emergency');

  const first = tryParse(number, country);
  if (first.ok) return first;
  // 1-800-FLOWERS: letters after a run of digits are keypad letters.
  if (/^\+?[\d\s().-]*\d[\d\s().-]*[A-Za-z][A-Za-z\d\s().-]*$/.test(number)) {
    const vanity = tryParse(number.replace(/[A-Za-z]/g, (l) => keypadLetters[l.toUpperCase()] ?? l), country);
    if (vanity.ok) return vanity;
  }
  return first;
}

function tryParse(text: string, country: CountryCode): DialParseResult {
  let parsed;
  try {
    parsed = parsePhoneNumberWithError(text, { defaultCountry: country });
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    switch (error.message) {
      case 'INVALID_COUNTRY':
        return fail('invalidCountry');
      case 'TOO_SHORT':
        return fail('tooShort');
      case 'TOO_LONG':
        return fail('numberTooLong');
      case 'NOT_A_NUMBER':
        return fail('notRecognised');
      default:
        return fail('invalidNumber');
    }
  }
  // Letters the parser skipped mean it read something other than a phone number ("call bob 5").
  const stripped = text.replace(/(?:ext\.?|extension|x|#|;ext=)\s*\d+\s*$/i, '');
  if (/[A-Za-z]/.test(stripped)) return fail('notRecognised');
  if (!parsed.isValid()) return fail(parsed.nationalNumber.length < 5 ? 'tooShort' : 'invalidNumber');
  const e164 = parsed.number;
  return {
    ok: true,
    target: {
      kind: 'phone',
      rawId: `4:${e164}`,
      identifier: { phoneNumber: e164 },
      e164,
      ...(parsed.ext ? { extension: parsed.ext } : {}),
      display: parsed.formatInternational(),
    },
  };
}
