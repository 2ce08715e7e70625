/** The macOS managed-preferences reader against XML and binary plists (test/fixtures/policy/). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MacManagedPreferencesSource, managedPreferencesPaths, parseManagedPreferences } from '../../../main/policy/macos-managed-preferences-source.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/policy/${name}`, import.meta.url)));

describe('managed preferences', () => {
  it('looks in the per-user and the device folders for the bundle ID', () => {
    expect(managedPreferencesPaths('maria')).toEqual({
      user: '/Library/Managed Preferences/maria/com.acssoftphone.desktop.plist',
      device: '/Library/Managed Preferences/com.acssoftphone.desktop.plist',
    });
  });

  it('reads an XML plist, with native types, without Payload* keys', () => {
    const reading = parseManagedPreferences(fixture('managed-preferences-user.plist'));
    expect(reading.status).toBe('found');
    if (reading.status !== 'found') return;
    const byName = Object.fromEntries(reading.entries.map((e) => [e.name, e.value]));
    expect(byName).toMatchObject({ allowChat: false, language: 'es', tokenServiceUrl: 'http://insecure.contoso.com', startAtLogin: 1 });
    expect(byName.allowVideo).toBeInstanceOf(Date);
    expect(Object.keys(byName).some((k) => k.startsWith('Payload'))).toBe(false);
  });

  it('reads a binary plist written by another tool (Python plistlib)', () => {
    const reading = parseManagedPreferences(fixture('managed-preferences-device.bplist'));
    expect(reading).toEqual({
      status: 'found',
      entries: [
        { name: 'tokenServiceUrl', value: 'https://device.contoso.com' },
        { name: 'allowScreenShare', value: false },
        { name: 'defaultCountry', value: 'MX' },
        { name: 'autoUpdate', value: false },
        { name: 'updateUrl', value: 'https://updates.contoso.com/desktop' },
        { name: 'startAtLogin', value: 1 },
        { name: 'callerId', value: '+52 55 1234 5678' },
      ],
    });
  });

  it('calls a broken or non-dictionary plist unreadable', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(parseManagedPreferences(bytes('<plist><dict><key>x</key>'))).toEqual({ status: 'unreadable' });
    expect(parseManagedPreferences(bytes('<?xml version="1.0"?><plist version="1.0"><array><string>a</string></array></plist>'))).toEqual({ status: 'unreadable' });
    expect(parseManagedPreferences(bytes('bplist00 truncated'))).toEqual({ status: 'unreadable' });
    expect(parseManagedPreferences(new Uint8Array())).toEqual({ status: 'unreadable' });
  });

  it('is absent when there is no file, unreadable when reading fails', async () => {
    expect(await new MacManagedPreferencesSource('macos-user', '/x', async () => null).read()).toEqual({ status: 'absent' });
    const failing = new MacManagedPreferencesSource('macos-device', '/x', async () => {
      throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    });
    expect(await failing.read()).toEqual({ status: 'unreadable' });
  });
});
