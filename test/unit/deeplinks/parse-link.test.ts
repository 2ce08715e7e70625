import { describe, expect, it } from 'vitest';
import { appLink, findLinkInArgv, linkRefusals, parseDeepLink, type DeepLink, type LinkRefusal } from '../../../main/deeplinks/parse-link.js';
import { resources } from '../../../locales/index.js';

const dial = (number: string, source: 'tel' | 'callto' | 'app' = 'tel', extension: string | null = null): DeepLink => ({ kind: 'dial', dial: { number, extension, source } });
const callId = '4f9d2c1e-7b3a-4e8f-a2d6-0c5b9e1f3a7d';

describe('deep links: valid', () => {
  it.each<[string, DeepLink]>([
    ['tel:+34600123456', dial('+34600123456')],
    ['tel:911', dial('911')],
    ['tel:*31#', dial('*31#')],
    ['TEL:+1-201-555-0123', dial('+12015550123')],
    ['callto:+442071234567', dial('+442071234567', 'callto')],
    ['callto://+442071234567', dial('+442071234567', 'callto')],
    [`acs-softphone://call/answer?id=${callId}`, { kind: 'action', action: { action: 'answer', callId } }],
    [`acs-softphone://call/answerVideo?id=${callId}`, { kind: 'action', action: { action: 'answerVideo', callId } }],
    [`acs-softphone://call/decline?id=${callId}`, { kind: 'action', action: { action: 'decline', callId } }],
    [`acs-softphone://call/show?id=${callId}`, { kind: 'action', action: { action: 'showCall', callId } }],
    // Whom to call back is never read from the link: main fills it in from its own record.
    [`acs-softphone://call/back?id=${callId}`, { kind: 'action', action: { action: 'callBack', callId, callerId: '' } }],
    [`acs-softphone://call/back?id=${callId}&peer=4%3A%2B19005550100`, { kind: 'action', action: { action: 'callBack', callId, callerId: '' } }],
    ['acs-softphone://calls/missed', { kind: 'action', action: { action: 'showMissedCalls' } }],
    ['acs-softphone://chat/open?thread=19%3Aabc%40thread.v2', { kind: 'action', action: { action: 'openChat', threadId: '19:abc@thread.v2' } }],
    ['acs-softphone://dial?number=+34600123456', dial('+34600123456', 'app')],
  ])('%s', (raw, expected) => {
    expect(parseDeepLink(raw)).toEqual({ ok: true, link: expected });
  });
});

describe('deep links: odd but fine', () => {
  it.each<[string, DeepLink]>([
    ['tel:+1 (201) 555-0123', dial('+12015550123')],
    ['tel:+1.201.555.0123', dial('+12015550123')],
    ['tel:%2B34%20600%20123%20456', dial('+34600123456')],
    ['  tel:+34600123456  ', dial('+34600123456')],
    ['tel:+34\u00a0600\u00a0123\u00a0456', dial('+34600123456')],
    ['tel://+34600123456', dial('+34600123456')],
    ['tel:863-1234;phone-context=+1-914-555', dial('+19145558631234')],
    ['tel:7042;phone-context=example.com', dial('7042')],
    ['tel:+1-201-555-0123;ext=1234', dial('+12015550123', 'tel', '1234')],
    ['tel:+1-201-555-0123;EXT=12-34;isub=abc', dial('+12015550123', 'tel', '1234')],
    ['tel:+12015550123;phone-context=+44', dial('+12015550123')],
    ['callto:+442071234567?call', dial('+442071234567', 'callto')],
    ['callto://%2B44%2020%207123%204567', dial('+442071234567', 'callto')],
    [`ACS-SOFTPHONE://CALL/ANSWER?id=${callId}`, { kind: 'action', action: { action: 'answer', callId } }],
    [`acs-softphone://call/answer/?id=${callId}&unknown=1`, { kind: 'action', action: { action: 'answer', callId } }],
  ])('%j', (raw, expected) => {
    expect(parseDeepLink(raw)).toEqual({ ok: true, link: expected });
  });
});

describe('deep links: hostile or broken, refused with a reason', () => {
  it.each<[string, LinkRefusal]>([
    ['javascript:alert(1)', 'unknownScheme'],
    ['JaVaScRiPt:tel:+1555', 'unknownScheme'],
    ['file:///etc/passwd', 'unknownScheme'],
    ['https://evil.example/tel:+1555', 'unknownScheme'],
    ['sip:alice@example.com', 'unknownScheme'],
    ['+34600123456', 'unknownScheme'],
    ['', 'unknownScheme'],
    [`tel:+1${'5'.repeat(3000)}`, 'tooLong'],
    ['tel:+1555\u0000123', 'controlCharacters'],
    ['tel:+1555%00123', 'controlCharacters'],
    ['tel:+1555%0d%0a123', 'controlCharacters'],
    ['tel:+1555\u202e321', 'controlCharacters'],
    ['tel:%E0%A4%A', 'malformed'],
    ['tel:1-800-FLOWERS', 'badNumber'],
    ['tel:', 'badNumber'],
    ['tel:+', 'badNumber'],
    ['tel:++34600', 'badNumber'],
    ['tel:+34600<script>', 'badNumber'],
    [`tel:+1${'5'.repeat(40)}`, 'badNumber'],
    ['tel:+1555;ext=12a', 'badNumber'],
    ['callto:skype.user', 'badNumber'],
    ['acs-softphone://call/format?id=x', 'unknownAction'],
    ['acs-softphone://settings/reset', 'unknownAction'],
    ['acs-softphone://', 'unknownAction'],
    ['acs-softphone://call/answer', 'badCallId'],
    ['acs-softphone://call/answer?id=', 'badCallId'],
    ['acs-softphone://call/answer?id=../../etc', 'badCallId'],
    ['acs-softphone://call/answer?id=%3Cscript%3E', 'badCallId'],
    [`acs-softphone://call/answer?id=${'a'.repeat(200)}`, 'badCallId'],
    [`acs-softphone://call/back?id=%3Cb%3E`, 'badCallId'],
    ['acs-softphone://chat/open?thread=', 'malformed'],
    ['acs-softphone://dial?number=abc', 'badNumber'],
  ])('%j → %s', (raw, reason) => {
    expect(parseDeepLink(raw)).toEqual({ ok: false, reason });
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, ['tel:+1555'], { href: 'tel:+1555' }]) expect(parseDeepLink(value)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('has an English and a Spanish message for every refusal', () => {
    for (const language of ['en', 'es'] as const) {
      const refused = resources[language].tray.links.refused as Record<string, string>;
      for (const reason of linkRefusals) {
        expect(refused[reason], `${language}:${reason}`).toMatch(/\S/);
      }
    }
  });
});

describe('app links and command lines', () => {
  it('builds links that parse back to the same action', () => {
    expect(parseDeepLink(appLink('call/decline', { id: callId }))).toEqual({ ok: true, link: { kind: 'action', action: { action: 'decline', callId } } });
    expect(parseDeepLink(appLink('call/back', { id: callId }))).toEqual({
      ok: true,
      link: { kind: 'action', action: { action: 'callBack', callId, callerId: '' } },
    });
  });

  it('finds the link among Chromium and app arguments (Windows second-instance argv)', () => {
    expect(findLinkInArgv(['C:\\Program Files\\ACS Softphone\\ACS Softphone.exe', '--allow-file-access-from-files', 'tel:+34600123456'])).toBe('tel:+34600123456');
    expect(findLinkInArgv(['/usr/bin/acs-softphone', '--', 'acs-softphone://call/answer?id=x'])).toBe('acs-softphone://call/answer?id=x');
    expect(findLinkInArgv(['app', '--hidden'])).toBeNull();
    expect(findLinkInArgv(['app', 'javascript:alert(1)'])).toBeNull();
    expect(findLinkInArgv([])).toBeNull();
  });
});
