/** The Windows policy reader against reg.exe output (test/fixtures/policy/). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRegQueryOutput, parseRegSubkeys, WindowsRegistryPolicySource, windowsPolicyKeyPath } from '../../../main/policy/windows-registry-source.js';
import type { CommandRunner } from '../../../main/policy/policy-source.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/policy/${name}`, import.meta.url), 'utf8');

describe('reg query output', () => {
  it('reads the values of the policy key, typed, and ignores subkeys printed by /s', () => {
    const entries = parseRegQueryOutput(fixture('reg-query-hklm.stdout.txt'), 'HKLM', windowsPolicyKeyPath);
    expect(entries).toEqual([
      { name: 'tokenServiceUrl', value: 'https://tokens.contoso.com' },
      { name: 'allowVideo', value: 0 },
      { name: 'AllowChat', value: 1 },
      { name: 'defaultCountry', value: 'ES' },
      { name: 'callerId', value: 'not a number' },
      { name: 'startAtLogin', value: 2 },
      { name: 'language', value: { registryType: 'REG_MULTI_SZ' } },
      { name: 'tokenServiceUrll', value: 'https://typo.contoso.com' },
    ]);
  });

  it('keeps spaces inside REG_SZ data, reads an empty string and skips the default value in any language', () => {
    const entries = parseRegQueryOutput(fixture('reg-query-hkcu.stdout.txt'), 'HKCU', windowsPolicyKeyPath);
    expect(entries).toEqual([
      { name: 'tokenServiceUrl', value: 'https://user-level.contoso.com' },
      { name: 'allowVideo', value: 'true' },
      { name: 'updateUrl', value: 'https://updates.contoso.com/acs softphone' },
      { name: 'oidcClientId', value: '' },
      { name: 'callerId', value: '+14255550123' },
    ]);
  });

  it('lists the subkeys of a key, whether or not the key has values of its own', () => {
    expect(parseRegSubkeys(fixture('reg-query-policies-hkcu.stdout.txt'), 'HKCU', 'Software\\Policies')).toEqual(['Google', 'Microsoft', 'Power']);
    expect(parseRegSubkeys(fixture('reg-query-policies-hklm.stdout.txt'), 'HKLM', 'Software\\Policies')).toEqual(['ACS Softphone', 'Microsoft']);
    // A /s listing's deeper keys are not direct subkeys.
    expect(parseRegSubkeys(fixture('reg-query-hklm.stdout.txt'), 'HKLM', 'Software\\Policies')).toEqual([]);
  });

  it('reads nothing from another hive or key, and survives garbage', () => {
    expect(parseRegQueryOutput(fixture('reg-query-hklm.stdout.txt'), 'HKCU', windowsPolicyKeyPath)).toEqual([]);
    expect(parseRegQueryOutput('\u0000\u0001 nonsense\n    x\n', 'HKLM', windowsPolicyKeyPath)).toEqual([]);
    expect(parseRegQueryOutput('', 'HKLM', windowsPolicyKeyPath)).toEqual([]);
  });
});

describe('WindowsRegistryPolicySource', () => {
  type Result = Awaited<ReturnType<CommandRunner>>;
  const ok = (name: string): Result => ({ exitCode: 0, stdout: fixture(name), stderr: '' });
  /** reg.exe as Windows runs it: one answer per queried key; every failure exits 1. */
  function regExe(answers: Record<string, Result | Error>, fallback: Result = { exitCode: 1, stdout: '', stderr: fixture('reg-query-missing.stderr.txt') }) {
    const calls: string[][] = [];
    const run: CommandRunner = async (file, args) => {
      calls.push([file, ...args]);
      const answer = answers[args.slice(1).join(' ')] ?? fallback;
      if (answer instanceof Error) throw answer;
      return answer;
    };
    return { run, calls };
  }
  const productKey = (hive: string) => `${hive}\\Software\\Policies\\ACS Softphone\\ACS Softphone /s`;

  it('queries the policy key of its hive with /s, without a shell', async () => {
    const { run, calls } = regExe({ [productKey('HKLM')]: ok('reg-query-hklm.stdout.txt') });
    const source = new WindowsRegistryPolicySource('HKLM', run, 'C:\\Windows\\System32\\reg.exe');
    const reading = await source.read();
    expect(calls).toEqual([['C:\\Windows\\System32\\reg.exe', 'query', 'HKLM\\Software\\Policies\\ACS Softphone\\ACS Softphone', '/s']]);
    expect(source.id).toBe('windows-machine');
    expect(reading.status).toBe('found');
    expect(new WindowsRegistryPolicySource('HKCU', run).id).toBe('windows-user');
  });

  it.each([
    ['English', 'reg-query-missing.stderr.txt'],
    ['Spanish', 'reg-query-missing-es.stderr.txt'],
  ])('treats a missing key as "nothing configured" on %s Windows, by listing Software\\Policies', async (_language, stderr) => {
    const { run, calls } = regExe(
      { 'HKCU\\Software\\Policies': ok('reg-query-policies-hkcu.stdout.txt') },
      { exitCode: 1, stdout: '', stderr: fixture(stderr) },
    );
    expect(await new WindowsRegistryPolicySource('HKCU', run).read()).toEqual({ status: 'absent' });
    expect(calls.map((c) => c.slice(2).join(' '))).toEqual([productKey('HKCU'), 'HKCU\\Software\\Policies']);
  });

  it('is absent when the vendor key exists without the app key below it', async () => {
    const { run } = regExe({
      'HKLM\\Software\\Policies': ok('reg-query-policies-hklm.stdout.txt'),
      'HKLM\\Software\\Policies\\ACS Softphone': { exitCode: 0, stdout: '\r\nHKEY_LOCAL_MACHINE\\Software\\Policies\\ACS Softphone\\Other product\r\n', stderr: '' },
    });
    expect(await new WindowsRegistryPolicySource('HKLM', run).read()).toEqual({ status: 'absent' });
  });

  it('is unreadable when the key is listed but cannot be queried (access denied)', async () => {
    const { run } = regExe(
      {
        'HKLM\\Software\\Policies': ok('reg-query-policies-hklm.stdout.txt'),
        'HKLM\\Software\\Policies\\ACS Softphone': ok('reg-query-vendor-hklm.stdout.txt'),
      },
      { exitCode: 1, stdout: '', stderr: 'ERROR: Access is denied.\r\n' },
    );
    expect(await new WindowsRegistryPolicySource('HKLM', run).read()).toEqual({ status: 'unreadable' });
  });

  it('is unreadable, never absent, when reg.exe is blocked by policy', async () => {
    const { run } = regExe({}, { exitCode: 1, stdout: '', stderr: fixture('reg-query-blocked.stderr.txt') });
    expect(await new WindowsRegistryPolicySource('HKLM', run).read()).toEqual({ status: 'unreadable' });
  });

  it('reports a reg.exe that cannot start as unreadable rather than throwing', async () => {
    const failing: CommandRunner = async () => {
      throw new Error('spawn reg.exe ENOENT');
    };
    expect(await new WindowsRegistryPolicySource('HKLM', failing).read()).toEqual({ status: 'unreadable' });
  });
});
