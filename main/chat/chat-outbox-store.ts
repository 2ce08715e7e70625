/**
 * The chat outbox: messages the user wrote that the service has not accepted yet. It lives in
 * main, in its own electron-store file beside the settings, so a message written offline
 * survives a restart or a crash of the renderer. A damaged file never stops the app: an
 * unreadable one is moved aside, invalid entries are dropped (the original is kept as a
 * backup), and the renderer gets a notice to show. Message text is never logged.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { outboxEntrySchema, type OutboxEntry, type OutboxRecoveryNotice, type OutboxView } from '../../contract/channels-chat.js';
import { UserFacingError } from '../ipc/user-facing-error.js';
import type { KeyValueStore, StoreFactory } from '../settings/settings-store.js';
import { moveAside, readJsonFile, rewriteKeepingCopy } from '../settings/store-file.js';

/** More than this many unsent messages means something is wrong; refuse rather than grow without end. */
export const maxOutboxEntries = 1000;

const entriesSchema = z.record(z.string(), outboxEntrySchema);
const entriesJsonSchema = z.toJSONSchema(entriesSchema, { target: 'draft-7' });

export interface ChatOutboxStoreOptions {
  directory: string;
  factory: StoreFactory;
  projectVersion: string;
  now?: () => Date;
  maxEntries?: number;
}

/** Makes the outbox file safe to open; returns what was done, or null when it was fine. */
export function repairOutboxFile(filePath: string, now: Date): OutboxRecoveryNotice | null {
  if (!existsSync(filePath)) return null;
  const parsed = readJsonFile(filePath);
  const entries = (parsed as { entries?: unknown } | undefined)?.entries;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || (entries !== undefined && (entries === null || typeof entries !== 'object' || Array.isArray(entries)))) {
    return { reason: 'unreadable', backupPath: moveAside(filePath, 'unreadable', now), dropped: 0 };
  }
  if (entries === undefined) return null;
  const valid = Object.entries(entries as Record<string, unknown>).filter(([key, value]) => {
    const result = outboxEntrySchema.safeParse(value);
    return result.success && result.data.clientMessageId === key;
  });
  const dropped = Object.keys(entries as object).length - valid.length;
  if (dropped === 0) return null;
  const backupPath = rewriteKeepingCopy(filePath, { ...(parsed as object), entries: Object.fromEntries(valid) }, now);
  return { reason: 'invalid-entries', backupPath, dropped };
}

export class ChatOutboxStore {
  private readonly store: KeyValueStore;
  readonly recoveryNotice: OutboxRecoveryNotice | null;
  private readonly maxEntries: number;

  constructor(options: ChatOutboxStoreOptions) {
    this.maxEntries = options.maxEntries ?? maxOutboxEntries;
    const name = 'chat-outbox';
    const filePath = join(options.directory, `${name}.json`);
    const now = options.now ?? (() => new Date());
    let notice = repairOutboxFile(filePath, now());
    const storeOptions = {
      cwd: options.directory,
      name,
      defaults: { entries: {} },
      schema: { entries: entriesJsonSchema },
      migrations: {},
      projectVersion: options.projectVersion,
    };
    let store: KeyValueStore;
    try {
      store = options.factory(storeOptions);
    } catch {
      notice = { reason: 'unreadable', backupPath: moveAside(filePath, 'unreadable', now()), dropped: 0 };
      store = options.factory(storeOptions);
    }
    this.store = store;
    this.recoveryNotice = notice;
  }

  private entries(): Record<string, OutboxEntry> {
    return (this.store.get('entries') as Record<string, OutboxEntry> | undefined) ?? {};
  }

  /**
   * One user's entries, oldest first: the order they wrote them in (none for null: nobody is
   * signed in). Others' stay stored for them.
   */
  view(ownerId: string | null): OutboxView {
    const entries = Object.values(this.entries())
      .filter((entry) => ownerId !== null && entry.ownerId === ownerId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return { entries, recovery: this.recoveryNotice };
  }

  put(entry: OutboxEntry): void {
    const valid = outboxEntrySchema.parse(entry);
    const entries = this.entries();
    if (!(valid.clientMessageId in entries) && Object.keys(entries).length >= this.maxEntries) throw new UserFacingError('chat:errors.outboxFull', { max: this.maxEntries });
    this.store.set({ entries: { ...entries, [valid.clientMessageId]: valid } });
  }

  remove(clientMessageId: string): void {
    const { [clientMessageId]: _removed, ...rest } = this.entries();
    this.store.set({ entries: rest });
  }
}
