/**
 * Reads the settings file before the store opens it, so a corrupt or hand-edited file never
 * stops the app: an unreadable file is moved aside, invalid values are dropped (the original
 * is kept as a backup), and the caller gets a notice to show the user.
 */
import { existsSync } from 'node:fs';
import type { SettingsRecoveryNotice } from '../../contract/settings.js';
import { settingsSchema } from '../../contract/settings.js';
import { moveAside, readJsonFile, rewriteKeepingCopy } from './store-file.js';

const knownKeys = settingsSchema.shape;

/** Whether `key` names a setting of the schema (an own key, never an inherited name). */
export function isSettingKey(key: string): key is keyof typeof knownKeys {
  return Object.hasOwn(knownKeys, key);
}

/** Makes `filePath` safe to open; returns what was done, or null when it was already fine. */
export function repairSettingsFile(filePath: string, now = new Date()): SettingsRecoveryNotice | null {
  if (!existsSync(filePath)) return null;
  const parsed = readJsonFile(filePath);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { reason: 'unreadable', resetKeys: Object.keys(knownKeys), backupPath: moveAside(filePath, 'unreadable', now) };
  }
  const values = parsed as Record<string, unknown>;
  // Own keys only: `key in` would find "constructor" or "toString" on the prototype and
  // treat them as settings (and a "__proto__" key must not reach a lookup at all).
  const invalid = Object.keys(values).filter((key) => isSettingKey(key) && !knownKeys[key].safeParse(values[key]).success);
  if (invalid.length === 0) return null;
  // Unknown keys stay: they may belong to a newer version or to the store's own bookkeeping.
  const kept = Object.fromEntries(Object.entries(values).filter(([key]) => !invalid.includes(key)));
  return { reason: 'invalid-values', resetKeys: invalid, backupPath: rewriteKeepingCopy(filePath, kept, now) };
}
