/**
 * Windows policy registry (what Group Policy, Intune and the MSI write), read with reg.exe
 * through an injected runner so the parser is tested on recorded output.
 *
 * reg.exe's messages are translated and it exits 1 for every failure, so "the key is not
 * there" is never read from its words: when the query fails, the parent keys are listed
 * instead and the answer is "absent" only if a listing shows the key is missing. Anything
 * else (reg.exe blocked by "Prevent access to registry editing tools", access denied) is
 * "unreadable", which Settings reports to the admin.
 */
import { appIdentity } from '../app/identity.js';
import type { CommandRunner, PolicyReading, PolicySource, RawPolicyEntry } from './policy-source.js';

/** Every Windows has this key in both hives; the app's key sits below it. */
export const windowsPoliciesRoot = 'Software\\Policies';
/** Software\Policies\<vendor>\<app>, as Group Policy convention asks. */
export const windowsPolicyKeyPath = `${windowsPoliciesRoot}\\${appIdentity.vendor}\\${appIdentity.productName}`;

export type RegistryHive = 'HKLM' | 'HKCU';
const hiveNames: Record<RegistryHive, string> = { HKLM: 'HKEY_LOCAL_MACHINE', HKCU: 'HKEY_CURRENT_USER' };

const valueLine = /^ {4}(.+?) {4}(REG_[A-Z_0-9]+)(?: {4}(.*))?$/;
/** The unnamed default value, whose label is translated: "(Default)", "(Predeterminado)"… */
const defaultValueName = /^\(.*\)$/;

/** A registry type the app does not read (REG_BINARY, REG_MULTI_SZ …): reported as wrong-type. */
export interface UnsupportedRegistryValue {
  registryType: string;
}

const fullPath = (hive: RegistryHive, keyPath: string) => `${hiveNames[hive]}\\${keyPath}`.toLowerCase();
const keyHeader = (line: string) => line.trim().replace(/\\+$/, '').toLowerCase();

/**
 * The values directly under `keyPath` in `reg query` output. Subkeys (printed by /s) are
 * ignored: the app's policies are all values of the one key.
 */
export function parseRegQueryOutput(output: string, hive: RegistryHive, keyPath: string): RawPolicyEntry[] {
  const wanted = fullPath(hive, keyPath);
  const entries: RawPolicyEntry[] = [];
  let inWantedKey = false;
  for (const line of output.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (!line.startsWith(' ')) {
      inWantedKey = keyHeader(line) === wanted;
      continue;
    }
    if (!inWantedKey) continue;
    const match = valueLine.exec(line.trimEnd());
    if (!match) continue;
    const [, name, type, data = ''] = match as unknown as [string, string, string, string | undefined];
    if (defaultValueName.test(name)) continue;
    entries.push({ name, value: registryValue(type, data) });
  }
  return entries;
}

/**
 * The names of the subkeys `reg query <key>` (without /s) lists: full paths on lines of their
 * own, after the key's values.
 */
export function parseRegSubkeys(output: string, hive: RegistryHive, keyPath: string): string[] {
  const prefix = `${fullPath(hive, keyPath)}\\`;
  const names: string[] = [];
  for (const line of output.split(/\r?\n/)) {
    if (line.startsWith(' ') || line.trim() === '') continue;
    const path = line.trim().replace(/\\+$/, '');
    if (path.toLowerCase().startsWith(prefix) && !path.slice(prefix.length).includes('\\')) names.push(path.slice(prefix.length));
  }
  return names;
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
      const result = await this.query(this.keyPath, true);
      if (result.exitCode === 0) return { status: 'found', entries: parseRegQueryOutput(result.stdout, this.hive, this.keyPath) };
      return (await this.confirmedMissing()) ? { status: 'absent' } : { status: 'unreadable' };
    } catch {
      return { status: 'unreadable' };
    }
  }

  private query(keyPath: string, recursive: boolean) {
    return this.run(this.regExe, ['query', `${this.hive}\\${keyPath}`, ...(recursive ? ['/s'] : [])]);
  }

  /**
   * Walks down from Software\Policies (always there): the key is missing when a listing that
   * succeeded does not name the next key on the way. A listing that fails proves nothing.
   */
  private async confirmedMissing(): Promise<boolean> {
    if (!this.keyPath.toLowerCase().startsWith(`${windowsPoliciesRoot.toLowerCase()}\\`)) return false;
    const below = this.keyPath.slice(windowsPoliciesRoot.length + 1).split('\\');
    let parent = windowsPoliciesRoot;
    for (const name of below) {
      const listing = await this.query(parent, false);
      if (listing.exitCode !== 0) return false;
      const subkeys = parseRegSubkeys(listing.stdout, this.hive, parent);
      const found = subkeys.find((subkey) => subkey.toLowerCase() === name.toLowerCase());
      if (!found) return true;
      parent = `${parent}\\${found}`;
    }
    // Every key on the way is listed, yet the query failed: it is there but could not be read.
    return false;
  }
}
