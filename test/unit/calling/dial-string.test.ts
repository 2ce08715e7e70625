/** Table-driven: what people type or paste, in many countries and formats, and what it becomes. */
import { describe, expect, it } from 'vitest';
import { dtmfToneFor } from '../../../renderer/calling/dtmf.js';
import { maxDialStringLength, normaliseDialInput, parseDialString, type DialErrorCode } from '../../../renderer/calling/dial-string.js';

const acsId = '8:acs:b6aada1f-0b1d-47ac-866f-91aae00a1d01_00000005-4b8f-2d9d-b274-5a3a0d00b123';
const teamsGuid = '0fd9b5b8-1b3c-4c11-9d7e-2a3e5d1f6c0a';

describe('parseDialString: phone numbers', () => {
  it.each([
    // input, default country, E.164, extension
    ['(425) 555-0100', 'US', '+14255550100', undefined],
    ['425.555.0100', 'US', '+14255550100', undefined],
    ['425 555 0100', 'US', '+14255550100', undefined],
    ['1-425-555-0100', 'US', '+14255550100', undefined],
    ['+1 (425) 555-0100', 'DE', '+14255550100', undefined],
    ['001 425 555 0100', 'DE', '+14255550100', undefined],
    ['011 44 20 7946 0958', 'US', '+442079460958', undefined],
    ['020 7946 0958', 'GB', '+442079460958', undefined],
    ['+44 (0)20 7946 0958', 'US', '+442079460958', undefined],
    ['00 44 20 7946 0958', 'FR', '+442079460958', undefined],
    ['030 901820', 'DE', '+4930901820', undefined],
    ['91 123 45 67', 'ES', '+34911234567', undefined],
    ['612 34 56 78', 'ES', '+34612345678', undefined],
    ['+34 612 345 678', 'US', '+34612345678', undefined],
    ['01 23 45 67 89', 'FR', '+33123456789', undefined],
    ['55 1234 5678', 'MX', '+525512345678', undefined],
    ['(11) 91234-5678', 'BR', '+5511912345678', undefined],
    ['03-1234-5678', 'JP', '+81312345678', undefined],
    ['98765 43210', 'IN', '+919876543210', undefined],
    ['0412 345 678', 'AU', '+61412345678', undefined],
    ['tel:+1-425-555-0100', 'GB', '+14255550100', undefined],
    ['callto:+14255550100', 'GB', '+14255550100', undefined],
    ['4:+14255550100', 'GB', '+14255550100', undefined],
    // extensions
    ['425 555 0100 ext. 42', 'US', '+14255550100', '42'],
    ['+1 425 555 0100 x7', 'GB', '+14255550100', '7'],
    ['tel:+1-425-555-0100;ext=1234', 'US', '+14255550100', '1234'],
    ['+1 425 555 0100,,123', 'US', '+14255550100', '123'],
    ['+44 20 7946 0958 extension 9', 'US', '+442079460958', '9'],
    // vanity and pasted oddities
    ['1-800-FLOWERS', 'US', '+18003569377', undefined],
    ['\u200e+1\u00a0425\u2011555\u20110100\u200f', 'US', '+14255550100', undefined],
    ['\uff14\uff12\uff15 \uff15\uff15\uff15 \uff10\uff11\uff10\uff10', 'US', '+14255550100', undefined],
    ['  +1 425 555 0100  ', 'US', '+14255550100', undefined],
  ])('%j (default %s) → %s ext %s', (input, country, e164, extension) => {
    const result = parseDialString(input, country);
    expect(result).toMatchObject({ ok: true, target: { kind: 'phone', e164, identifier: { phoneNumber: e164 }, rawId: `4:${e164}` } });
    if (!result.ok || result.target.kind !== 'phone') throw new Error('unreachable');
    expect(result.target.extension).toBe(extension);
    expect(result.target.display.replace(/\D/g, '')).toBe(e164.replace(/\D/g, '') + (extension ?? ''));
  });

  it('reads the same national number differently by default country', () => {
    const us = parseDialString('020 7946 0958', 'US');
    const gb = parseDialString('020 7946 0958', 'GB');
    expect(us.ok).toBe(false);
    expect(gb).toMatchObject({ ok: true, target: { e164: '+442079460958' } });
  });
});

describe('parseDialString: identifiers', () => {
  it.each([
    [acsId, 'acsUser', { communicationUserId: acsId }],
    ['8:spool:0f5b0b2f-8c55-4a5b-8b4e-0f9c7c9b0a11_0000000a-1111-2222-3333-444455556666', 'acsUser', {}],
    ['8:echo123', 'echoBot', { id: '8:echo123' }],
    [`8:orgid:${teamsGuid}`, 'teamsUser', { microsoftTeamsUserId: teamsGuid, cloud: 'public' }],
    [`8:orgid:${teamsGuid.toUpperCase()}`, 'teamsUser', { microsoftTeamsUserId: teamsGuid, cloud: 'public' }],
    [`8:gcch:${teamsGuid}`, 'teamsUser', { cloud: 'gcch' }],
    [`8:dod:${teamsGuid}`, 'teamsUser', { cloud: 'dod' }],
  ])('%s → %s', (input, kind, identifier) => {
    expect(parseDialString(input, 'US')).toMatchObject({ ok: true, target: { kind, rawId: input, identifier } });
  });
});

describe('parseDialString: errors', () => {
  const cases: [string, string, DialErrorCode][] = [
    ['', 'US', 'empty'],
    ['   \t ', 'US', 'empty'],
    ['\u200b\u200b', 'US', 'empty'],
    ['hello', 'US', 'notRecognised'],
    ['call bob at 425 555 0100', 'US', 'notRecognised'],
    ['bob@example.com', 'US', 'notRecognised'],
    ['12', 'US', 'tooShort'],
    ['555-0100', 'US', 'invalidNumber'],
    ['+1 425 555 0100 1234 5678 9012', 'US', 'numberTooLong'],
    ['+999 12345678', 'US', 'invalidCountry'],
    ['+1 099 555 0100', 'US', 'invalidNumber'],
    ['020 7946 0958', 'US', 'invalidNumber'],
    ['911', 'US', 'emergency'],
    ['112', 'ES', 'emergency'],
    ['999', 'GB', 'emergency'],
    ['8:acs:', 'US', 'invalidAcsId'],
    ['8:acs:has spaces_in-it', 'US', 'invalidAcsId'],
    ['8:acs:abc/../../etc', 'US', 'invalidAcsId'],
    ['8:orgid:not-a-guid', 'US', 'invalidTeamsId'],
    ['8:teamsvisitor:abc', 'US', 'unsupportedId'],
    ['28:bot-id', 'US', 'unsupportedId'],
    ['sip:alice@example.com', 'US', 'unsupportedId'],
    ['<script>alert(1)</script>', 'US', 'invalidCharacters'],
    ['425\u0000555\u00000100', 'US', 'invalidCharacters'],
    ['+1 425 555 0100', 'XX', 'defaultCountryInvalid'],
    ['+1 425 555 0100', '', 'defaultCountryInvalid'],
    ['1'.repeat(40), 'US', 'numberTooLong'],
  ];
  it.each(cases)('%j (default %s) → %s', (input, country, code) => {
    expect(parseDialString(input, country)).toEqual({ ok: false, error: { code, messageKey: `calls:dialErrors.${code}` } });
  });

  it('keeps a trailing newline out (pasted text is trimmed, not rejected)', () => {
    // Whitespace around the text is trimmed, so only an embedded control character is refused.
    expect(parseDialString('425 555 0100\n', 'US')).toMatchObject({ ok: true });
  });

  it.each([
    ['one character over the limit', '9'.repeat(maxDialStringLength + 1)],
    ['ten megabytes', 'x'.repeat(10_000_000)],
  ])('refuses %s as tooLong', (_name, input) => {
    expect(parseDialString(input, 'US')).toEqual({ ok: false, error: { code: 'tooLong', messageKey: 'calls:dialErrors.tooLong' } });
  });

  it('answers a huge paste quickly and without throwing', () => {
    const started = performance.now();
    for (const input of ['1'.repeat(1_000_000), '+'.repeat(300), '('.repeat(250), '8:acs:' + 'a'.repeat(100_000)]) {
      expect(parseDialString(input, 'US').ok).toBe(false);
    }
    // Not a timing assertion on speed, only a guard that nothing is quadratic on a megabyte.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('normaliseDialInput', () => {
  it('folds full-width digits, odd dashes and drops invisible characters', () => {
    expect(normaliseDialInput('\u202e\uff11\u2013\uff12\u200b')).toBe('1-2');
  });
});

describe('dtmfToneFor', () => {
  it.each([
    ['0', 'Num0'],
    ['9', 'Num9'],
    ['*', 'Star'],
    ['#', 'Pound'],
    ['a', 'A'],
    ['D', 'D'],
    ['e', null],
    ['10', null],
    ['', null],
  ])('%j → %s', (key, tone) => expect(dtmfToneFor(key)).toBe(tone));
});
