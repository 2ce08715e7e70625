/**
 * Call history, kept in main with electron-store in its own file (call-history.json) so a
 * problem with it never touches settings. Newest first, capped. Its view carries main's one
 * missed-call count (MissedCalls, also behind the tray badge), which it keeps in the same file
 * so a restart does not lose it. A corrupt file is moved aside (nothing lost), history starts
 * empty, and the notice tells the user where the old file is.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  newCallHistoryEntrySchema,
  type CallHistoryEntry,
  type CallHistoryRecoveryNotice,
  type CallHistoryView,
  type NewCallHistoryEntry,
} from '../../contract/channels-calls.js';
import type { KeyValueStore, StoreFactory } from '../settings/settings-store.js';
import { moveAside, readJsonFile, rewriteKeepingCopy } from '../settings/store-file.js';
import { MissedCalls } from '../notifications/missed-calls.js';

/** Enough for months of a busy desk; older calls drop off the end. */
export const maxHistoryEntries = 500;

const storedEntrySchema = newCallHistoryEntrySchema.extend({ id: z.string().min(1).max(64) });
const fileSchema = z.object({
  entries: z.array(z.unknown()),
  missedCount: z.number().int().min(0),
});

const historyJsonSchema = {
  entries: { type: 'array' },
  missedCount: { type: 'integer', minimum: 0 },
};

export interface CallHistoryStoreOptions {
  directory: string;
  factory: StoreFactory;
  projectVersion: string;
  /** Main's missed-call count (the notifier counts; the user's look clears it). Own one if absent. */
  missedCalls?: MissedCalls;
  now?: () => Date;
}

export class CallHistoryStore {
  private readonly store: KeyValueStore;
  private readonly listeners = new Set<(view: CallHistoryView) => void>();
  private readonly missedCalls: MissedCalls;
  readonly recoveryNotice: CallHistoryRecoveryNotice | null;

  constructor(options: CallHistoryStoreOptions) {
    const name = 'call-history';
    const filePath = join(options.directory, `${name}.json`);
    const now = options.now ?? (() => new Date());
    this.recoveryNotice = repairHistoryFile(filePath, now());
    this.store = options.factory({
      cwd: options.directory,
      name,
      defaults: { entries: [], missedCount: 0 },
      schema: historyJsonSchema,
      migrations: {},
      projectVersion: options.projectVersion,
    });
    this.missedCalls = options.missedCalls ?? new MissedCalls();
    this.missedCalls.restore(this.storedMissedCount());
    this.missedCalls.onChange((count) => {
      this.store.set({ missedCount: count });
      this.changed();
    });
  }

  view(): CallHistoryView {
    return { entries: this.entries(), missedCount: this.missedCalls.count };
  }

  /** Records a finished call. A missed one is counted by the notifier, by its call ID, once. */
  add(entry: NewCallHistoryEntry): CallHistoryView {
    const valid = newCallHistoryEntrySchema.parse(entry);
    const stored: CallHistoryEntry = { id: randomUUID(), ...valid };
    const entries = [stored, ...this.entries()].slice(0, maxHistoryEntries);
    this.store.set({ entries });
    return this.changed();
  }

  /** Empties the history; its missed calls count as seen. */
  clear(): CallHistoryView {
    this.store.set({ entries: [] });
    if (this.missedCalls.count > 0) this.missedCalls.markSeen();
    else this.changed();
    return this.view();
  }

  onChange(listener: (view: CallHistoryView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): CallHistoryView {
    const view = this.view();
    for (const listener of this.listeners) listener(view);
    return view;
  }

  private entries(): CallHistoryEntry[] {
    const raw = this.store.get('entries');
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((e) => {
      const parsed = storedEntrySchema.safeParse(e);
      return parsed.success ? [parsed.data] : [];
    });
  }

  private storedMissedCount(): number {
    const raw = this.store.get('missedCount');
    return typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw : 0;
  }
}

/**
 * Makes the file safe to open: unreadable → moved aside; readable with bad entries → the bad
 * entries dropped and the original copied aside. Returns a notice when anything was done.
 */
export function repairHistoryFile(filePath: string, now: Date): CallHistoryRecoveryNotice | null {
  if (!existsSync(filePath)) return null;
  const parsed = readJsonFile(filePath);
  const shape = fileSchema.safeParse(parsed);
  if (!shape.success) return { backupPath: moveAside(filePath, 'unreadable', now) };
  const good = shape.data.entries.filter((e) => storedEntrySchema.safeParse(e).success);
  if (good.length === shape.data.entries.length) return null;
  return { backupPath: rewriteKeepingCopy(filePath, { ...(parsed as object), entries: good }, now) };
}
