/**
 * Turns a raw managed value (REG_DWORD number, REG_SZ text, plist boolean, JSON anything) into
 * a setting value, or says what is wrong with it. Never throws: policy input is untrusted.
 */
import { settingsSchema, type Settings } from '../../contract/settings.js';
import type { PolicyProblemCode } from '../../contract/channels-policy.js';
import { normaliseSettingText } from '../../contract/normalise-setting.js';
import { policyValueKind, type PolicyKey } from './policy-keys.js';

export type Coerced<K extends PolicyKey> = { ok: true; value: Settings[K] } | { ok: false; problem: PolicyProblemCode };

const trueWords = new Set(['1', 'true', 'yes', 'on']);
const falseWords = new Set(['0', 'false', 'no', 'off']);

function toBoolean(raw: unknown): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw === 1 ? true : raw === 0 ? false : undefined;
  if (typeof raw === 'string') {
    const word = raw.trim().toLowerCase();
    if (trueWords.has(word)) return true;
    if (falseWords.has(word)) return false;
  }
  return undefined;
}

export function coercePolicyValue<K extends PolicyKey>(key: K, raw: unknown): Coerced<K> {
  let candidate: unknown;
  if (policyValueKind(key) === 'boolean') {
    candidate = toBoolean(raw);
    // A number or word that is not 0/1/true/false is the right kind of input with a bad value.
    if (candidate === undefined) return { ok: false, problem: typeof raw === 'number' || typeof raw === 'string' ? 'invalid-value' : 'wrong-type' };
  } else {
    if (typeof raw !== 'string') return { ok: false, problem: 'wrong-type' };
    // Taken the way the Settings view takes what a user types.
    candidate = normaliseSettingText(key, raw);
  }
  const parsed = settingsSchema.shape[key].safeParse(candidate);
  return parsed.success ? { ok: true, value: parsed.data as Settings[K] } : { ok: false, problem: 'invalid-value' };
}
