/** When the app may update itself: install kind first, then policy, then the user's choice. */
import { describe, expect, it } from 'vitest';
import { detectInstallKind, msiInstallMarkerName, type InstallFacts } from '../../../main/updates/install-kind.js';
import { updateDisabledReason } from '../../../main/updates/update-eligibility.js';

const windowsEnv = { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)', ProgramW6432: 'C:\\Program Files' };

function facts(overrides: Partial<InstallFacts>): InstallFacts {
  return { platform: 'win32', isPackaged: true, exePath: 'C:\\Users\\maria\\AppData\\Local\\Programs\\acs-softphone\\ACS Softphone.exe', env: windowsEnv, fileExists: () => false, ...overrides };
}

describe('install kind', () => {
  it('is self-updating for the per-user NSIS install', () => {
    expect(detectInstallKind(facts({}))).toBe('self-updating');
  });

  it('is managed when the MSI marker sits beside the executable', () => {
    const seen: string[] = [];
    const kind = detectInstallKind(facts({ exePath: 'D:\\Apps\\ACS Softphone\\ACS Softphone.exe', fileExists: (p) => (seen.push(p), p === `D:\\Apps\\ACS Softphone\\${msiInstallMarkerName}`) }));
    expect(kind).toBe('managed');
    expect(seen).toEqual([`D:\\Apps\\ACS Softphone\\${msiInstallMarkerName}`]);
  });

  it('is managed under Program Files even without the marker (any case, either Program Files)', () => {
    expect(detectInstallKind(facts({ exePath: 'C:\\Program Files\\ACS Softphone\\ACS Softphone.exe' }))).toBe('managed');
    expect(detectInstallKind(facts({ exePath: 'c:\\program files (x86)\\ACS Softphone\\ACS Softphone.exe' }))).toBe('managed');
    // A folder that merely starts with the same letters is not inside Program Files.
    expect(detectInstallKind(facts({ exePath: 'C:\\Program Files Custom\\ACS Softphone.exe' }))).toBe('self-updating');
  });

  it('is self-updating on macOS and unsupported in development or on Linux', () => {
    expect(detectInstallKind(facts({ platform: 'darwin', exePath: '/Applications/ACS Softphone.app/Contents/MacOS/ACS Softphone' }))).toBe('self-updating');
    expect(detectInstallKind(facts({ isPackaged: false }))).toBe('unsupported');
    expect(detectInstallKind(facts({ platform: 'linux', exePath: '/opt/acs/acs-softphone' }))).toBe('unsupported');
  });
});

describe('update eligibility', () => {
  it('never updates an MSI install, whatever the settings say', () => {
    expect(updateDisabledReason({ installKind: 'managed', autoUpdate: true, autoUpdateLocked: true })).toBe('managed-install');
    expect(updateDisabledReason({ installKind: 'managed', autoUpdate: true, autoUpdateLocked: false })).toBe('managed-install');
  });

  it('is off when policy turns it off, and says so', () => {
    expect(updateDisabledReason({ installKind: 'self-updating', autoUpdate: false, autoUpdateLocked: true })).toBe('policy');
  });

  it('is off when the user turns it off', () => {
    expect(updateDisabledReason({ installKind: 'self-updating', autoUpdate: false, autoUpdateLocked: false })).toBe('user');
  });

  it('is on for a self-updating install with updates allowed', () => {
    expect(updateDisabledReason({ installKind: 'self-updating', autoUpdate: true, autoUpdateLocked: false })).toBeNull();
    expect(updateDisabledReason({ installKind: 'unsupported', autoUpdate: true, autoUpdateLocked: false })).toBe('unsupported');
  });
});
