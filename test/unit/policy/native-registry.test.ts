/**
 * The Windows policy reader over the registry API (native-reg). Its Win32 calls are replaced by
 * an in-memory registry; its enums and value parsers are native-reg's own (plain JavaScript),
 * and the double is typed against native-reg's declarations, so API drift fails to compile.
 * The addon's packaging is checked by laying out resources/ as electron-builder.yml says.
 */
import { cpSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minimatch } from 'minimatch';
import * as nativeReg from 'native-reg';
import type { HKEY, Value } from 'native-reg';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { describe, expect, it } from 'vitest';
import { loadNativeRegistry, nativeFolder } from '../../../main/policy/native-registry-loader.js';
import { NativeRegistryPolicySource, type NativeRegistry } from '../../../main/policy/native-registry-source.js';
import { policySourcesFor } from '../../../main/policy/policy-sources.js';
import { ManagedPolicy } from '../../../main/policy/managed-policy.js';
import { tempDir } from '../../fixtures/main-services.js';

const { ValueType, HKEY: hkeys, Access } = nativeReg;
const utf16 = (text: string) => Buffer.from(`${text}\0`, 'utf16le');
const value = (type: nativeReg.ValueType, data: Buffer): Value => Object.assign(data, { type });
const sz = (text: string) => value(ValueType.SZ, utf16(text));
const dword = (n: number) => value(ValueType.DWORD, Buffer.from(Uint32Array.of(n).buffer));
const qword = (n: bigint) => value(ValueType.QWORD, Buffer.from(BigUint64Array.of(n).buffer));

/** An in-memory registry behind native-reg's functions; records what was opened and closed. */
function fakeRegistry(keys: Record<string, Record<string, Value>>, options: { deny?: string } = {}) {
  const calls = { opened: [] as { hive: HKEY; path: string; access: number }[], closed: 0 };
  const handles = new Map<object, Record<string, Value>>();
  const registry: NativeRegistry = {
    HKEY: hkeys,
    Access,
    ValueType,
    parseString: nativeReg.parseString,
    openKey: (hive, path, access) => {
      calls.opened.push({ hive, path, access });
      const name = `${hive === hkeys.LOCAL_MACHINE ? 'HKLM' : 'HKCU'}\\${path}`;
      if (name === options.deny) throw new Error('Access is denied.');
      const key = Object.entries(keys).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
      if (!key) return null;
      const handle = {};
      handles.set(handle, key);
      return handle as unknown as HKEY;
    },
    enumValueNames: (handle) => Object.keys(handles.get(handle as unknown as object)!),
    queryValueRaw: (handle, name) => handles.get(handle as unknown as object)![name ?? ''] ?? null,
    closeKey: () => {
      calls.closed += 1;
    },
  };
  return { registry, calls };
}

const policyKey = 'Software\\Policies\\ACS Softphone\\ACS Softphone';

describe('NativeRegistryPolicySource', () => {
  it('reads the policy key of its hive, typed, from the 64-bit view, and closes it', async () => {
    const { registry, calls } = fakeRegistry({
      [`HKLM\\${policyKey}`]: {
        '': sz('the unnamed default value'),
        tokenServiceUrl: sz('https://tokens.contoso.com'),
        AllowVideo: dword(0),
        autoUpdate: qword(1n),
        updateUrl: value(ValueType.EXPAND_SZ, utf16('https://%USERDOMAIN%.contoso.com')),
        language: value(ValueType.MULTI_SZ, Buffer.concat([utf16('es'), utf16('en'), utf16('')])),
        allowChat: value(ValueType.BINARY, Buffer.from([1])),
        startAtLogin: qword(2n ** 60n),
      },
    });
    const source = new NativeRegistryPolicySource('HKLM', registry);
    expect(source.id).toBe('windows-machine');
    expect(await source.read()).toEqual({
      status: 'found',
      entries: [
        { name: 'tokenServiceUrl', value: 'https://tokens.contoso.com' },
        { name: 'AllowVideo', value: 0 },
        { name: 'autoUpdate', value: 1 },
        { name: 'updateUrl', value: 'https://%USERDOMAIN%.contoso.com' },
        { name: 'language', value: { registryType: 'REG_MULTI_SZ' } },
        { name: 'allowChat', value: { registryType: 'REG_BINARY' } },
        { name: 'startAtLogin', value: { registryType: 'REG_QWORD' } },
      ],
    });
    expect(calls.opened).toEqual([{ hive: hkeys.LOCAL_MACHINE, path: policyKey, access: Access.READ | Access.WOW64_64KEY }]);
    expect(calls.closed).toBe(1);
  });

  it('is absent without the key, in any Windows language', async () => {
    const { registry, calls } = fakeRegistry({});
    const source = new NativeRegistryPolicySource('HKCU', registry);
    expect(source.id).toBe('windows-user');
    expect(await source.read()).toEqual({ status: 'absent' });
    expect(calls.opened[0]!.hive).toBe(hkeys.CURRENT_USER);
    expect(calls.closed).toBe(0);
  });

  it('is unreadable when the key may not be read, and still closes what it opened', async () => {
    expect(await new NativeRegistryPolicySource('HKLM', fakeRegistry({}, { deny: `HKLM\\${policyKey}` }).registry).read()).toEqual({ status: 'unreadable' });
    const { registry, calls } = fakeRegistry({ [`HKLM\\${policyKey}`]: { callerId: sz('+14255550123') } });
    registry.enumValueNames = () => {
      throw new Error('The handle is invalid.');
    };
    expect(await new NativeRegistryPolicySource('HKLM', registry).read()).toEqual({ status: 'unreadable' });
    expect(calls.closed).toBe(1);
  });

  it('is what the app reads on Windows when the addon loaded, machine over user', async () => {
    const { registry } = fakeRegistry({
      [`HKLM\\${policyKey}`]: { tokenServiceUrl: sz('https://machine.contoso.com') },
      [`HKCU\\${policyKey}`]: { tokenServiceUrl: sz('https://user.contoso.com'), callerId: sz('+1 425 555 0123') },
    });
    const regExeRuns: string[] = [];
    const sources = policySourcesFor({
      platform: 'win32',
      userName: 'maria',
      nativeRegistry: registry,
      run: async (file) => {
        regExeRuns.push(file);
        return { exitCode: 1, stdout: '', stderr: '' };
      },
      readFile: async () => null,
      readTextFile: async () => null,
    });
    const policy = await ManagedPolicy.load(sources);
    expect(policy.values()).toEqual({ tokenServiceUrl: 'https://machine.contoso.com', callerId: '+14255550123' });
    expect(regExeRuns).toEqual([]);
  });
});

describe('loading native-reg', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));

  it('loads from node_modules in development, and is null where it is missing', () => {
    expect(loadNativeRegistry(null)?.openKey).toBeTypeOf('function');
    expect(loadNativeRegistry(join(tempDir(), 'no-resources-here'))).toBeNull();
  });

  it('loads from resources/native as electron-builder.yml ships it, with the x64 prebuild where node-gyp-build looks', async () => {
    const config = await getConfig(root, null, null);
    const entries = (config.win!.extraResources as { from: string; to: string; filter: string[] }[]).filter((e) => e.to.startsWith(`${nativeFolder}/`));
    const resources = tempDir('acs-softphone-resources-');
    for (const entry of entries) {
      const from = join(root, entry.from);
      const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
      for (const file of walk(from)) {
        const path = relative(from, file).split('\\').join('/');
        if (!entry.filter.some((pattern) => minimatch(path, pattern))) continue;
        mkdirSync(join(resources, entry.to, path, '..'), { recursive: true });
        cpSync(file, join(resources, entry.to, path));
      }
    }
    expect(loadNativeRegistry(resources)?.openKey).toBeTypeOf('function');

    // What native-reg does on Windows: node-gyp-build (the shipped copy) finds the addon.
    const shipped = join(resources, nativeFolder, 'node_modules');
    const previous = { platform: process.env.npm_config_platform, arch: process.env.npm_config_arch };
    process.env.npm_config_platform = 'win32';
    process.env.npm_config_arch = 'x64';
    try {
      const nodeGypBuild = createRequire(join(shipped, 'native-reg', 'lib', 'index.js'))('node-gyp-build') as { resolve(dir: string): string };
      expect(nodeGypBuild.resolve(join(shipped, 'native-reg'))).toBe(join(shipped, 'native-reg', 'prebuilds', 'win32-x64', 'node.napi.node'));
    } finally {
      for (const [name, was] of [['npm_config_platform', previous.platform], ['npm_config_arch', previous.arch]] as const) {
        if (was === undefined) delete process.env[name];
        else process.env[name] = was;
      }
    }
  });
});
