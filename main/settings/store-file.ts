/**
 * The steps every store file of the app (settings, call history, chat outbox) takes so that a
 * damaged file never stops the app and nothing in it is lost: read it as JSON before the store
 * opens it, move an unreadable one aside, keep a copy of one whose bad parts are dropped. What
 * counts as damaged, and what the user is told, is each file's own business.
 */
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** Where a copy of the file goes: beside it, named for why and when (`settings.invalid-<time>.json`). */
function backupPathFor(filePath: string, reason: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return filePath.replace(/\.json$/, '') + `.${reason}-${stamp}.json`;
}

/** The file's content as JSON, or undefined when it cannot be read as JSON. */
export function readJsonFile(filePath: string): unknown {
  try {
    return JSON.parse(readFileSync(filePath, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Renames the file (when there is one) to its backup for `reason`; returns the backup's path. */
export function moveAside(filePath: string, reason: string, now: Date): string {
  const backupPath = backupPathFor(filePath, reason, now);
  if (existsSync(filePath)) renameSync(filePath, backupPath);
  return backupPath;
}

/** Copies the file to its `invalid` backup, then writes `content` in its place; returns the copy's path. */
export function rewriteKeepingCopy(filePath: string, content: object, now: Date): string {
  const backupPath = backupPathFor(filePath, 'invalid', now);
  copyFileSync(filePath, backupPath);
  writeFileSync(filePath, JSON.stringify(content, null, '\t'));
  return backupPath;
}
