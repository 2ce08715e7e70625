/**
 * Remembers which ACS identity last signed in on this computer, in a small plain file next to
 * the settings (an identifier, not a secret). The session itself may live in memory only or be
 * discarded unread, so it cannot answer "is this the same person as before?" — this can, and
 * lets per-user data kept by other features (call history) be cleared when someone else signs in.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export const lastUserFileName = 'last-user.json';

const fileSchema = z.object({ communicationUserId: z.string().min(1).max(512) });

export class LastUserMarker {
  constructor(private readonly filePath: string) {}

  /** The identity that signed in last, or null (never, signed out, or an unreadable file). */
  get(): string | null {
    try {
      return fileSchema.parse(JSON.parse(readFileSync(this.filePath, 'utf8'))).communicationUserId;
    } catch {
      return null;
    }
  }

  set(communicationUserId: string): void {
    try {
      mkdirSync(dirname(this.filePath), { recursive: true });
      const temporary = `${this.filePath}.tmp`;
      writeFileSync(temporary, JSON.stringify({ communicationUserId }), { mode: 0o600 });
      renameSync(temporary, this.filePath);
    } catch {
      // Without the marker the next sign-in counts as someone new: data is cleared, not leaked.
    }
  }

  clear(): void {
    try {
      rmSync(this.filePath, { force: true });
    } catch {
      // Harmless: sign-out clears the per-user data itself; a stale marker only names a user.
    }
  }
}
