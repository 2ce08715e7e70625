/**
 * Chat channels. The Chat SDK runs in the renderer; main keeps what must survive a restart
 * (the outbox of messages not yet accepted by the service) and hears the unread total for
 * the tray badge. Message text crosses this bridge only to be stored, never to be logged.
 * Each outbox entry belongs to the user who wrote it: main lists only the signed-in user's
 * entries (it knows who that is; the renderer does not say), so another user signing in on the
 * same machine never lists (so never sends) them, and it refuses to store an entry for anyone
 * else (`chat:errors.notYourOutbox`). While IT's allowChat policy is off, main refuses the
 * outbox channels with `chat:errors.disabledByPolicy`.
 */
import { z } from 'zod';
import { invoke, noRequest } from './define.js';
import { limits } from './limits.js';

import { maxMessageLength } from './chat-limits.js';

export { maxMessageLength };

/** A communicationUserId (8:acs:…): whose outbox entry this is. */
const ownerIdSchema = z.string().min(1).max(limits.shortText);

export const outboxEntrySchema = z.strictObject({
  /** Our id for the message, stored in its metadata so a retried send is recognised. */
  clientMessageId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  /** Who wrote it: only this user's session lists and sends it. */
  ownerId: ownerIdSchema,
  threadId: z.string().min(1).max(limits.shortText),
  content: z.string().min(1).max(maxMessageLength),
  senderDisplayName: z.string().max(limits.shortText).optional(),
  /** When the user wrote it (ISO 8601). */
  createdAt: z.iso.datetime(),
  attempts: z.number().int().min(0).max(10_000),
  /** pending: will be sent; failed: gave up, the user may retry or discard. */
  state: z.enum(['pending', 'failed']),
  /** An attempt ended without knowing whether the service stored it: check before resending. */
  maybeSent: z.boolean(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

export interface OutboxRecoveryNotice {
  reason: 'unreadable' | 'invalid-entries';
  /** Where the damaged file was kept. */
  backupPath: string;
  /** Entries dropped because they were invalid (0 when the whole file was unreadable). */
  dropped: number;
}

export interface OutboxView {
  entries: OutboxEntry[];
  /** Set when the outbox file had to be repaired at start-up; shown to the user once. */
  recovery: OutboxRecoveryNotice | null;
}

export const chatChannels = {
  chat: {
    /** The signed-in user's entries, oldest first; none while nobody is signed in. */
    outboxList: invoke<OutboxView>()(noRequest),
    /** Adds or replaces an entry (same clientMessageId); refused unless its ownerId is the signed-in user. */
    outboxPut: invoke<void>()(outboxEntrySchema),
    outboxRemove: invoke<void>()(z.strictObject({ clientMessageId: outboxEntrySchema.shape.clientMessageId })),
    /** The renderer's total of unread messages, for the tray badge. */
    unreadChanged: invoke<void>()(z.strictObject({ total: z.number().int().min(0).max(1_000_000) })),
  },
} as const;
