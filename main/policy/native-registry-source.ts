/**
 * Windows policy registry read in-process through the Win32 registry API (the `native-reg`
 * addon), the way Chrome and Edge read theirs. Unlike reg.exe it does not depend on the
 * Windows language, keeps working where Group Policy blocks registry tools ("Prevent access
 * to registry editing tools" stops reg.exe, not the API), and tells a missing key
 * (ERROR_FILE_NOT_FOUND) from one it may not read.
 */
import type { HKEY, Value } from 'native-reg';
import type { PolicyReading, PolicySource, RawPolicyEntry } from './policy-source.js';
import { windowsPolicyKeyPath, type RegistryHive, type UnsupportedRegistryValue } from './windows-registry-source.js';

/** What the reader uses of native-reg: its pure-JS enums and parsers plus four Win32 calls. */
export type NativeRegistry = Pick<
  typeof import('native-reg'),
  'HKEY' | 'Access' | 'ValueType' | 'openKey' | 'enumValueNames' | 'queryValueRaw' | 'closeKey' | 'parseString'
>;

/** winnt.h's names, as reg.exe prints them (the enum's reverse mapping gives aliases instead). */
const registryTypeNames = [
  'REG_NONE',
  'REG_SZ',
  'REG_EXPAND_SZ',
  'REG_BINARY',
  'REG_DWORD',
  'REG_DWORD_BIG_ENDIAN',
  'REG_LINK',
  'REG_MULTI_SZ',
  'REG_RESOURCE_LIST',
  'REG_FULL_RESOURCE_DESCRIPTOR',
  'REG_RESOURCE_REQUIREMENTS_LIST',
  'REG_QWORD',
];

function entryValue(registry: NativeRegistry, raw: Value): unknown {
  const { ValueType } = registry;
  const unsupported = (): UnsupportedRegistryValue => ({ registryType: registryTypeNames[raw.type] ?? `REG_TYPE_${raw.type}` });
  switch (raw.type) {
    case ValueType.SZ:
    case ValueType.EXPAND_SZ:
      // Not expanded, as with reg.exe: policy values are URLs and names, not paths.
      return registry.parseString(raw);
    case ValueType.DWORD:
      return raw.length >= 4 ? raw.readUInt32LE(0) : unsupported();
    case ValueType.QWORD: {
      if (raw.length < 8) return unsupported();
      const value = raw.readBigUInt64LE(0);
      return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : unsupported();
    }
    default:
      return unsupported();
  }
}

export class NativeRegistryPolicySource implements PolicySource {
  readonly id;

  constructor(
    private readonly hive: RegistryHive,
    private readonly registry: NativeRegistry,
    private readonly keyPath: string = windowsPolicyKeyPath,
  ) {
    this.id = hive === 'HKLM' ? ('windows-machine' as const) : ('windows-user' as const);
  }

  async read(): Promise<PolicyReading> {
    const { HKEY: hkeys, Access } = this.registry;
    let key: HKEY | null = null;
    try {
      // The 64-bit view: where the x64 MSI and Group Policy write (Policies is shared anyway).
      key = this.registry.openKey(this.hive === 'HKLM' ? hkeys.LOCAL_MACHINE : hkeys.CURRENT_USER, this.keyPath, Access.READ | Access.WOW64_64KEY);
      if (key === null) return { status: 'absent' };
      const entries: RawPolicyEntry[] = [];
      for (const name of this.registry.enumValueNames(key)) {
        if (name === '') continue; // the unnamed default value
        const raw = this.registry.queryValueRaw(key, name);
        if (raw !== null) entries.push({ name, value: entryValue(this.registry, raw) });
      }
      return { status: 'found', entries };
    } catch {
      // Access denied, or the addon failing: reported, never thrown.
      return { status: 'unreadable' };
    } finally {
      if (key !== null) this.registry.closeKey(key);
    }
  }
}
