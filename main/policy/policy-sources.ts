/**
 * Where this platform keeps managed configuration, in precedence order. main/index.ts passes
 * the real process facts and Node adapters; tests pass their own.
 */
import { posix, win32 } from 'node:path';
import { appIdentity } from '../app/identity.js';
import { JsonFilePolicySource } from './json-file-source.js';
import { MacManagedPreferencesSource, managedPreferencesPaths } from './macos-managed-preferences-source.js';
import type { CommandRunner, PolicySource } from './policy-source.js';
import { WindowsRegistryPolicySource } from './windows-registry-source.js';

export interface PolicyEnvironment {
  platform: NodeJS.Platform;
  /** Electron's process.resourcesPath: the folder beside app.asar. */
  resourcesPath: string;
  userName: string;
  /** %SystemRoot% on Windows (reg.exe is run from its System32 folder). */
  systemRoot?: string;
  run: CommandRunner;
  /** Both answer null when the file does not exist. */
  readFile: (path: string) => Promise<Uint8Array | null>;
  readTextFile: (path: string) => Promise<string | null>;
}

export const policyFileName = 'policy.json';
/** On macOS the file lives outside the signed bundle (editing the bundle breaks its signature). */
export const macPolicyFilePath = posix.join('/Library/Application Support', appIdentity.productName, policyFileName);
export const linuxPolicyFilePath = '/etc/acs-softphone/policy.json';

export function policyFilePath(env: Pick<PolicyEnvironment, 'platform' | 'resourcesPath'>): string {
  if (env.platform === 'win32') return win32.join(env.resourcesPath, policyFileName);
  if (env.platform === 'darwin') return macPolicyFilePath;
  return linuxPolicyFilePath;
}

export function policySourcesFor(env: PolicyEnvironment): PolicySource[] {
  const file = new JsonFilePolicySource(policyFilePath(env), env.readTextFile);
  if (env.platform === 'win32') {
    const regExe = win32.join(env.systemRoot || 'C:\\Windows', 'System32', 'reg.exe');
    return [new WindowsRegistryPolicySource('HKLM', env.run, regExe), new WindowsRegistryPolicySource('HKCU', env.run, regExe), file];
  }
  if (env.platform === 'darwin') {
    const paths = managedPreferencesPaths(env.userName);
    return [
      new MacManagedPreferencesSource('macos-user', paths.user, env.readFile),
      new MacManagedPreferencesSource('macos-device', paths.device, env.readFile),
      file,
    ];
  }
  return [file];
}
