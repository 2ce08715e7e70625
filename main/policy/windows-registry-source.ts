/**
 * Windows policy registry (what Group Policy, Intune and the MSI write), read with
 * `reg query <key> /s` through an injected runner so the parser is tested on recorded output.
 */
import { appIdentity } from '../app/identity.js';
import type { CommandRunner, PolicyReading, PolicySource, RawPolicyEntry } from './policy-source.js';

/** Software\Policies\<vendor>\<app>, as Group Policy convention asks. */
export const windowsPolicyKeyPath = `Software\\Policies\\${appIdentity.vendor}\\${appIdentity.productName}`;

export type RegistryHive = 'HKLM' | 'HKCU';
const hiveNames: Record<RegistryHive, string> = { HKLM: 'HKEY_LOCAL_MACHINE', HKCU: 'HKEY_CURRENT_USER' };

/** What reg.exe says, and exits 1 with, when the key is not there at all. */
const keyMissing = /unable to find the specified registry key/i;
const valueLine = /^ {4}(.+?) {4}(REG_[A-Z_0-9]+)(?: {4}(.*))?$/;

/** A registry type the app does not read (REG_BINARY, REG_MULTI_SZ …): reported as wrong-type. */
export interface UnsupportedRegistryValue {
  registryType: string;
}

/**
 * The values directly under `keyPath` in `reg query` output. Subkeys (printed by /s) are
 * ignored: the app's policies are all values of the one key.
 */
export function parseRegQueryOutput(output: string, hive: RegistryHive, keyPath: string): RawPolicyEntry[] {
  const wanted = `${hiveNames[hive]}\\${keyPath}`.toLowerCase();
  const entries: RawPolicyEntry[] = [];
  let inWantedKey = false;
  for (const line of output.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (!line.startsWith(' ')) {
      inWantedKey = line.trim().replace(/\\+$/, '').toLowerCase() === wanted;
      continue;
    }
    if (!inWantedKey) continue;
    const match = valueLine.exec(line.trimEnd());
    if (!match) continue;
    const [, name, type, data = ''] = match as unknown as [string, string, string, string | undefined];
    if (name === '(Default)') continue;
    entries.push({ name, value: registryValue(type, data) });
  }
  return entries;
}

function registryValue(type: string, data: string): unknown {
  switch (type) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      return data;
    case 'REG_DWORD':
    case 'REG_QWORD': {
      const number = Number.parseInt(data, 16);
      return /^0x[0-9a-f]+$/i.test(data.trim()) && Number.isSafeInteger(number) ? number : ({ registryType: type } satisfies UnsupportedRegistryValue);
    }
    default:
      return { registryType: type } satisfies UnsupportedRegistryValue;
  }
}

export class WindowsRegistryPolicySource implements PolicySource {
  readonly id;

  /** regExe: the full path in the app (System32), so a planted reg.exe on PATH is never run. */
  constructor(
    private readonly hive: RegistryHive,
    private readonly run: CommandRunner,
    private readonly regExe: string = 'reg.exe',
    private readonly keyPath: string = windowsPolicyKeyPath,
  ) {
    this.id = hive === 'HKLM' ? ('windows-machine' as const) : ('windows-user' as const);
  }

  async read(): Promise<PolicyReading> {
    try {
      const result = await this.run(this.regExe, ['query', `${this.hive}\\${this.keyPath}`, '/s']);
      if (result.exitCode !== 0) return keyMissing.test(result.stderr) || keyMissing.test(result.stdout) ? { status: 'absent' } : { status: 'unreadable' };
      return { status: 'found', entries: parseRegQueryOutput(result.stdout, this.hive, this.keyPath) };
    } catch {
      return { status: 'unreadable' };
    }
  }
}
