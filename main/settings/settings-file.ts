/**
 * Reads the settings file before the store opens it, so a corrupt or hand-edited file never
 * stops the app: an unreadable file is moved aside, invalid values are dropped (the original
 * is kept as a backup), and the caller gets a notice to show the user.
 */
import { existsSync, copyFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SettingsRecoveryNotice } from '../../contract/settings.js';
import { settingsSchema } from '../../contract/settings.js';

const knownKeys = settingsSchema.shape;

/** Whether `key` names a setting of the schema (an own key, never an inherited name). */
export function isSettingKey(key: string): key is keyof typeof knownKeys {
  return Object.hasOwn(knownKeys, key);
}

export function backupPathFor(filePath: string, reason: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return filePath.replace(/\.json$/, '') + `.${reason}-${stamp}.json`;
}

/** Makes `filePath` safe to open; returns what was done, or null when it was already fine. */
export function repairSettingsFile(filePath: string, now = new Date()): SettingsRecoveryNotice | null {
  if (!existsSync(filePath)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(filePath, 'utf8'));
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const backupPath = backupPathFor(filePath, 'unreadable', now);
    renameSync(filePath, backupPath);
    return { reason: 'unreadable', resetKeys: Object.keys(knownKeys), backupPath };
  }
  const values = parsed as Record<string, unknown>;
  // Own keys only: `key in` would find "constructor" or "toString" on the prototype and
  // treat them as settings (and a "__proto__" key must not reach a lookup at all).
  const invalid = Object.keys(values).filter((key) => isSettingKey(key) && !knownKeys[key].safeParse(values[key]).success);
  if (invalid.length === 0) return null;
  const backupPath = backupPathFor(filePath, 'invalid', now);
  copyFileSync(filePath, backupPath);
  // Unknown keys stay: they may belong to a newer version or to the store's own bookkeeping.
  const kept = Object.fromEntries(Object.entries(values).filter(([key]) => !invalid.includes(key)));
  writeFileSync(filePath, JSON.stringify(kept, null, '\t'));
  return { reason: 'invalid-values', resetKeys: invalid, backupPath };
}
