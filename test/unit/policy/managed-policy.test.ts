/**
 * Managed policy end to end through the real readers: recorded registry output, plists and a
 * policy.json, merged in precedence order, coerced, validated and reported.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PolicySourceId } from '../../../contract/channels-policy.js';
import { coercePolicyValue } from '../../../main/policy/coerce-policy-value.js';
import { JsonFilePolicySource } from '../../../main/policy/json-file-source.js';
import { ManagedPolicy } from '../../../main/policy/managed-policy.js';
import { policyKeys } from '../../../main/policy/policy-keys.js';
import type { CommandRunner, PolicyReading, PolicySource, RawPolicyEntry } from '../../../main/policy/policy-source.js';
import { policyFilePath, policySourcesFor } from '../../../main/policy/policy-sources.js';
import { recordingLogger } from '../../fixtures/recorders.js';

const fixtureText = (name: string) => readFileSync(new URL(`../../fixtures/policy/${name}`, import.meta.url), 'utf8');
const fixtureBytes = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/policy/${name}`, import.meta.url)));

/** reg.exe as recorded: HKLM and HKCU answer from the fixtures. */
const regCalls: string[] = [];
const recordedReg: CommandRunner = async (file, args) => {
  regCalls.push(file);
  if (args[1]?.startsWith('HKLM')) return { exitCode: 0, stdout: fixtureText('reg-query-hklm.stdout.txt'), stderr: '' };
  return { exitCode: 0, stdout: fixtureText('reg-query-hkcu.stdout.txt'), stderr: '' };
};
const noReg: CommandRunner = async () => ({ exitCode: 1, stdout: '', stderr: fixtureText('reg-query-missing.stderr.txt') });

function files(map: Record<string, string | Uint8Array>) {
  return {
    readFile: async (path: string) => {
      const v = map[path];
      return v === undefined ? null : typeof v === 'string' ? new TextEncoder().encode(v) : v;
    },
    readTextFile: async (path: string) => {
      const v = map[path];
      return v === undefined ? null : typeof v === 'string' ? v : new TextDecoder().decode(v);
    },
  };
}

const policyJson = JSON.stringify({
  tokenServiceUrl: 'https://file.contoso.com',
  oidcIssuer: 'https://login.microsoftonline.com/tenant/v2.0',
  acsEndpoint: 'https://contoso.communication.azure.com/',
  allowPhoneCalls: 'false',
  autoUpdate: 'maybe',
  $comment: 'notes for the admin are allowed',
});

describe('ManagedPolicy on Windows (HKLM > HKCU > policy.json)', () => {
  async function load() {
    const logger = recordingLogger();
    const sources = policySourcesFor({
      platform: 'win32',
      programData: 'D:\\ProgramData',
      userName: 'maria',
      systemRoot: 'D:\\WINDOWS',
      run: recordedReg,
      ...files({ 'D:\\ProgramData\\ACS Softphone\\ACS Softphone\\policy.json': policyJson }),
    });
    return { policy: await ManagedPolicy.load(sources, logger.log), logger };
  }

  it('takes each key from the highest source with a valid value', async () => {
    const { policy } = await load();
    expect(policy.values()).toEqual({
      tokenServiceUrl: 'https://tokens.contoso.com', // HKLM beats HKCU and the file
      allowVideo: false, // HKLM REG_DWORD 0 beats HKCU "true"
      allowChat: true, // HKLM, value name in another case
      defaultCountry: 'ES',
      callerId: '+14255550123', // HKLM's is invalid, so HKCU's applies
      oidcClientId: '', // an empty REG_SZ is a valid "none"
      oidcIssuer: 'https://login.microsoftonline.com/tenant/v2.0', // only in the file
      acsEndpoint: 'https://contoso.communication.azure.com/', // the HKLM subkey's value is ignored
      allowPhoneCalls: false, // "false" in JSON coerced
      updateUrl: 'https://updates.contoso.com/acs softphone', // REG_EXPAND_SZ, kept as written
    });
    expect(policy.report().applied).toContainEqual({ key: 'callerId', source: 'windows-user' });
    expect(policy.report().applied).toContainEqual({ key: 'oidcIssuer', source: 'policy-file' });
    // reg.exe from System32 by full path, never whatever "reg.exe" PATH finds first.
    expect(new Set(regCalls)).toEqual(new Set(['D:\\WINDOWS\\System32\\reg.exe']));
  });

  it('reports every ignored value with its source, and logs names but not values', async () => {
    const { policy, logger } = await load();
    expect(policy.report().problems).toEqual([
      { key: 'callerId', source: 'windows-machine', problem: 'invalid-value' },
      { key: 'startAtLogin', source: 'windows-machine', problem: 'invalid-value' }, // DWORD 2
      { key: 'language', source: 'windows-machine', problem: 'wrong-type' }, // REG_MULTI_SZ
      { key: 'tokenServiceUrll', source: 'windows-machine', problem: 'unknown-key' },
      { key: 'autoUpdate', source: 'policy-file', problem: 'invalid-value' },
    ]);
    const logged = JSON.stringify(logger.lines);
    expect(logged).toContain('tokenServiceUrll');
    expect(logged).not.toContain('typo.contoso.com');
    expect(logged).not.toContain('not a number');
  });
});

describe('ManagedPolicy on macOS (user profile > device profile > policy.json)', () => {
  it('merges the per-user plist, the device binary plist and the file', async () => {
    const sources = policySourcesFor({
      platform: 'darwin',
      userName: 'maria',
      run: noReg,
      ...files({
        '/Library/Managed Preferences/maria/com.acssoftphone.desktop.plist': fixtureBytes('managed-preferences-user.plist'),
        '/Library/Managed Preferences/com.acssoftphone.desktop.plist': fixtureBytes('managed-preferences-device.bplist'),
        '/Library/Application Support/ACS Softphone/policy.json': policyJson,
      }),
    });
    const policy = await ManagedPolicy.load(sources);
    expect(policy.values()).toEqual({
      allowChat: false,
      language: 'es',
      startAtLogin: true, // plist integer 1
      tokenServiceUrl: 'https://device.contoso.com', // the user profile's http:// URL is refused
      allowScreenShare: false,
      defaultCountry: 'MX',
      autoUpdate: false,
      updateUrl: 'https://updates.contoso.com/desktop',
      callerId: '+525512345678', // written '+52 55 1234 5678' in the device profile
      oidcIssuer: 'https://login.microsoftonline.com/tenant/v2.0',
      acsEndpoint: 'https://contoso.communication.azure.com/',
      allowPhoneCalls: false,
    });
    expect(policy.report().problems).toEqual([
      { key: 'tokenServiceUrl', source: 'macos-user', problem: 'invalid-value' },
      { key: 'allowVideo', source: 'macos-user', problem: 'wrong-type' }, // a <date>
      { key: 'autoUpdate', source: 'policy-file', problem: 'invalid-value' },
    ]);
  });
});

describe('ManagedPolicy robustness', () => {
  const source = (id: PolicySourceId, reading: PolicyReading | (() => Promise<PolicyReading>)): PolicySource => ({
    id,
    read: typeof reading === 'function' ? reading : async () => reading,
  });

  it('orders sources by precedence whatever order they are given in', async () => {
    const policy = await ManagedPolicy.load([
      source('policy-file', { status: 'found', entries: [{ name: 'language', value: 'en' }] }),
      source('windows-machine', { status: 'found', entries: [{ name: 'language', value: 'es' }] }),
    ]);
    expect(policy.values()).toEqual({ language: 'es' });
  });

  it('survives unreadable sources, throwing sources and hostile values', async () => {
    const hostile: unknown[] = [null, undefined, {}, [], NaN, Infinity, -1, 1e308, 'x'.repeat(100_000), Symbol('s'), () => 1, new Date(), new Uint8Array(3), Object.create(null), { toString: () => { throw new Error('boom'); } }];
    const entries: RawPolicyEntry[] = policyKeys.flatMap((key) => hostile.map((value) => ({ name: key as string, value })));
    entries.push({ name: '__proto__', value: { polluted: true } }, { name: 'constructor', value: 'x' });
    const policy = await ManagedPolicy.load([
      source('windows-machine', { status: 'found', entries }),
      source('windows-user', { status: 'unreadable' }),
      source('policy-file', async () => {
        throw new Error('disk on fire');
      }),
    ]);
    expect(policy.values()).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const problems = policy.report().problems;
    expect(problems).toContainEqual({ key: null, source: 'windows-user', problem: 'unreadable' });
    expect(problems).toContainEqual({ key: null, source: 'policy-file', problem: 'unreadable' });
    expect(problems).toContainEqual({ key: '__proto__', source: 'windows-machine', problem: 'unknown-key' });
    // One problem per key in the hostile source (the first value; repeats of a name are skipped).
    expect(problems.filter((p) => p.source === 'windows-machine' && p.key !== '__proto__' && p.key !== 'constructor')).toHaveLength(policyKeys.length);
  });

  it('hands out copies, so callers cannot change the policy', async () => {
    const policy = await ManagedPolicy.load([source('policy-file', { status: 'found', entries: [{ name: 'allowChat', value: false }] })]);
    (policy.values() as Record<string, unknown>).allowChat = true;
    policy.report().applied.pop();
    expect(policy.values()).toEqual({ allowChat: false });
    expect(policy.report().applied).toHaveLength(1);
  });
});

describe('policy.json', () => {
  const read = (text: string | null) => new JsonFilePolicySource('/p/policy.json', async () => text).read();

  it('reads a flat object, tolerating a BOM and $-prefixed notes', async () => {
    expect(await read('\uFEFF{"allowChat": false, "$schema": "x"}')).toEqual({ status: 'found', entries: [{ name: 'allowChat', value: false }] });
  });

  it('is absent without a file and unreadable when broken', async () => {
    expect(await read(null)).toEqual({ status: 'absent' });
    for (const broken of ['{', '[]', '"text"', 'null', '42']) expect(await read(broken), broken).toEqual({ status: 'unreadable' });
  });
});

describe('coercion', () => {
  it.each([
    ['allowVideo', 1, true],
    ['allowVideo', 0, false],
    ['allowVideo', true, true],
    ['allowVideo', ' TRUE ', true],
    ['allowVideo', 'no', false],
    ['startAtLogin', '1', true],
    ['language', ' es ', 'es'],
    // Written the way people write them, taken the way the Settings UI would take them.
    ['language', 'es-ES', 'es'],
    ['language', 'EN_us', 'en'],
    ['language', 'System', 'system'],
    ['defaultCountry', 'GB', 'GB'],
    ['defaultCountry', ' us ', 'US'],
    ['callerId', '+1 425 555 0123', '+14255550123'],
    ['callerId', '+1 (425) 555-0123', '+14255550123'],
    ['callerId', '+34 912 345 678', '+34912345678'],
    ['callerId', '', ''],
    ['tokenServiceUrl', 'http://localhost:7071', 'http://localhost:7071'],
  ] as const)('%s: %j → %j', (key, raw, expected) => {
    expect(coercePolicyValue(key, raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['allowVideo', 2, 'invalid-value'],
    ['allowVideo', 'sometimes', 'invalid-value'],
    ['allowVideo', { registryType: 'REG_BINARY' }, 'wrong-type'],
    ['tokenServiceUrl', 1, 'wrong-type'],
    ['tokenServiceUrl', 'ftp://tokens.contoso.com', 'invalid-value'],
    ['language', 'fr', 'invalid-value'],
    ['language', 'fr-ES', 'invalid-value'],
    ['callerId', '+1 425', 'invalid-value'],
    ['defaultCountry', 'spain', 'invalid-value'],
    ['callerId', '555-0123', 'invalid-value'],
  ] as const)('%s: %j is refused as %s', (key, raw, problem) => {
    expect(coercePolicyValue(key, raw)).toEqual({ ok: false, problem });
  });
});

describe('where policy.json is read', () => {
  it('is a machine-wide folder only admins can write, never the install folder', () => {
    // Not resources\: an NSIS install's folder is the user's, and each self-update replaces it.
    expect(policyFilePath({ platform: 'win32', programData: 'C:\\ProgramData' })).toBe('C:\\ProgramData\\ACS Softphone\\ACS Softphone\\policy.json');
    expect(policyFilePath({ platform: 'win32' })).toBe('C:\\ProgramData\\ACS Softphone\\ACS Softphone\\policy.json');
    expect(policyFilePath({ platform: 'darwin' })).toBe('/Library/Application Support/ACS Softphone/policy.json');
  });
});
