/** The Windows policy reader against reg.exe output (test/fixtures/policy/). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRegQueryOutput, WindowsRegistryPolicySource, windowsPolicyKeyPath } from '../../../main/policy/windows-registry-source.js';
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

  it('keeps spaces inside REG_SZ data and reads an empty string', () => {
    const entries = parseRegQueryOutput(fixture('reg-query-hkcu.stdout.txt'), 'HKCU', windowsPolicyKeyPath);
    expect(entries).toContainEqual({ name: 'updateUrl', value: 'https://updates.contoso.com/acs softphone' });
    expect(entries).toContainEqual({ name: 'oidcClientId', value: '' });
    expect(entries).toContainEqual({ name: 'allowVideo', value: 'true' });
  });

  it('reads nothing from another hive or key, and survives garbage', () => {
    expect(parseRegQueryOutput(fixture('reg-query-hklm.stdout.txt'), 'HKCU', windowsPolicyKeyPath)).toEqual([]);
    expect(parseRegQueryOutput('\u0000\u0001 nonsense\n    x\n', 'HKLM', windowsPolicyKeyPath)).toEqual([]);
    expect(parseRegQueryOutput('', 'HKLM', windowsPolicyKeyPath)).toEqual([]);
  });
});

describe('WindowsRegistryPolicySource', () => {
  function runner(result: Awaited<ReturnType<CommandRunner>> | Error) {
    const calls: { file: string; args: readonly string[] }[] = [];
    const run: CommandRunner = async (file, args) => {
      calls.push({ file, args });
      if (result instanceof Error) throw result;
      return result;
    };
    return { run, calls };
  }

  it('queries the Policies key of its hive with /s, without a shell', async () => {
    const { run, calls } = runner({ exitCode: 0, stdout: fixture('reg-query-hklm.stdout.txt'), stderr: '' });
    const source = new WindowsRegistryPolicySource('HKLM', run);
    const reading = await source.read();
    expect(calls).toEqual([{ file: 'reg.exe', args: ['query', 'HKLM\\Software\\Policies\\ACS Softphone\\ACS Softphone', '/s'] }]);
    expect(source.id).toBe('windows-machine');
    expect(reading.status).toBe('found');
    expect(new WindowsRegistryPolicySource('HKCU', run).id).toBe('windows-user');
  });

  it('treats a missing key as "nothing configured"', async () => {
    const { run } = runner({ exitCode: 1, stdout: '', stderr: fixture('reg-query-missing.stderr.txt') });
    expect(await new WindowsRegistryPolicySource('HKCU', run).read()).toEqual({ status: 'absent' });
  });

  it('reports other failures as unreadable rather than throwing', async () => {
    expect(await new WindowsRegistryPolicySource('HKLM', runner({ exitCode: 5, stdout: '', stderr: 'ERROR: Access is denied.' }).run).read()).toEqual({ status: 'unreadable' });
    expect(await new WindowsRegistryPolicySource('HKLM', runner(new Error('spawn reg.exe ENOENT')).run).read()).toEqual({ status: 'unreadable' });
  });
});
