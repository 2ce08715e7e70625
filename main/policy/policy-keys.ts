/**
 * Which settings IT may set, by the same name in every source: the Windows registry value
 * name, the macOS managed-preferences key and the JSON property. The ADMX template, the sample
 * .mobileconfig and the MSI's public properties must list exactly these (a test checks).
 */
import { defaultSettings, type SettingKey } from '../../contract/settings.js';

export const policyKeys = [
  'tokenServiceUrl',
  'oidcIssuer',
  'oidcClientId',
  'acsEndpoint',
  'callerId',
  'defaultCountry',
  'allowVideo',
  'allowScreenShare',
  'allowChat',
  'allowPhoneCalls',
  'autoUpdate',
  'updateUrl',
  'startAtLogin',
  'language',
] as const satisfies readonly SettingKey[];

export type PolicyKey = (typeof policyKeys)[number];

/** On/off keys are REG_DWORD 0/1 and plist booleans; the rest are text. */
export type PolicyValueKind = 'boolean' | 'text';

export function policyValueKind(key: PolicyKey): PolicyValueKind {
  return typeof defaultSettings[key] === 'boolean' ? 'boolean' : 'text';
}

const byLowerCase = new Map<string, PolicyKey>(policyKeys.map((key) => [key.toLowerCase(), key]));

/** The policy key an admin meant: registry names are case-insensitive, so all sources are. */
export function findPolicyKey(name: string): PolicyKey | undefined {
  return byLowerCase.get(name.trim().toLowerCase());
}
