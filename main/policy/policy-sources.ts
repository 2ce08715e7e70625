/**
 * Where this platform keeps managed configuration, in precedence order. main/index.ts passes
 * the real process facts and Node adapters; tests pass their own.
 */
import { posix, win32 } from 'node:path';
import { appIdentity } from '../app/identity.js';
import { JsonFilePolicySource } from './json-file-source.js';
import { MacManagedPreferencesSource, managedPreferencesPaths } from './macos-managed-preferences-source.js';
import { NativeRegistryPolicySource, type NativeRegistry } from './native-registry-source.js';
import type { CommandRunner, PolicySource } from './policy-source.js';
import { WindowsRegistryPolicySource } from './windows-registry-source.js';

export interface PolicyEnvironment {
  platform: NodeJS.Platform;
  /** %ProgramData% on Windows (where policy.json lives). */
  programData?: string;
  userName: string;
  /** %SystemRoot% on Windows (reg.exe is run from its System32 folder). */
  systemRoot?: string;
  /** Windows: the registry API (native-registry-loader.ts); null when the addon did not load, then reg.exe reads. */
  nativeRegistry?: NativeRegistry | null;
  run: CommandRunner;
  /** Both answer null when the file does not exist. */
  readFile: (path: string) => Promise<Uint8Array | null>;
  readTextFile: (path: string) => Promise<string | null>;
}

export const policyFileName = 'policy.json';
/**
 * Windows: %ProgramData%\<vendor>\<app>, not the install's resources folder. A per-user (NSIS)
 * install's folder is the user's to write, and every self-update replaces it, taking the file
 * with it. The MSI creates this folder so that only administrators can write to it.
 */
export function windowsPolicyFilePath(programData: string | undefined): string {
  return win32.join(programData || 'C:\\ProgramData', appIdentity.vendor, appIdentity.productName, policyFileName);
}
/**
 * macOS: outside the app bundle (editing a signed bundle breaks its signature, and a bundle
 * the user dragged to /Applications is the user's to write), in a folder only admins can write.
 */
export const macPolicyFilePath = posix.join('/Library/Application Support', appIdentity.productName, policyFileName);
export const linuxPolicyFilePath = '/etc/acs-softphone/policy.json';

export function policyFilePath(env: Pick<PolicyEnvironment, 'platform' | 'programData'>): string {
  if (env.platform === 'win32') return windowsPolicyFilePath(env.programData);
  if (env.platform === 'darwin') return macPolicyFilePath;
  return linuxPolicyFilePath;
}

export function policySourcesFor(env: PolicyEnvironment): PolicySource[] {
  const file = new JsonFilePolicySource(policyFilePath(env), env.readTextFile);
  if (env.platform === 'win32') {
    const registry = env.nativeRegistry;
    if (registry) return [new NativeRegistryPolicySource('HKLM', registry), new NativeRegistryPolicySource('HKCU', registry), file];
    const regExe = win32.join(env.systemRoot || 'C:\\Windows', 'System32', 'reg.exe');
    return [new WindowsRegistryPolicySource('HKLM', env.run, regExe), new WindowsRegistryPolicySource('HKCU', env.run, regExe), file];
  }
  if (env.platform === 'darwin') {
    // Per-user before device: what CFPreferences itself answers for the app's domain when a
    // key is managed at both levels (the user-level managed value wins).
    const paths = managedPreferencesPaths(env.userName);
    return [
      new MacManagedPreferencesSource('macos-user', paths.user, env.readFile),
      new MacManagedPreferencesSource('macos-device', paths.device, env.readFile),
      file,
    ];
  }
  return [file];
}
