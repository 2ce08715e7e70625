/**
 * The live channel's frames as org-service/API.md defines them, checked before use: whatever
 * does not parse is dropped (and counted) by the channel, never passed on.
 */
import { z } from 'zod';
import { peoplePresenceStatuses } from '../../contract/channels-people.js';

const personId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const isoTime = z
  .string()
  .max(64)
  .refine((value) => Number.isFinite(Date.parse(value)));

/** A hello's heartbeat outside this range is not believed (a zero would mean a busy loop). */
export const heartbeatSecondsRange = { min: 1, max: 300 } as const;

export const helloSchema = z.object({
  connectionId: z.string().min(1).max(128),
  heartbeatSeconds: z.number().int().min(heartbeatSecondsRange.min).max(heartbeatSecondsRange.max),
  resumed: z.boolean(),
});

export const resyncReasons = ['too-far-behind', 'unknown-id'] as const;
export const resyncSchema = z.object({ reason: z.enum(resyncReasons) });

export const endReasons = ['signed-out', 'revoked', 'expired', 'disabled', 'shutdown'] as const;
export type EndReason = (typeof endReasons)[number];
// An unknown reason from a newer service is treated like shutdown (reconnect with back-off).
export const endSchema = z.object({ reason: z.string().max(64) });

export const presenceEventSchema = z.object({
  personId,
  status: z.enum(peoplePresenceStatuses),
  since: isoTime,
});

export const directoryEventSchema = z.object({
  personId,
  change: z.enum(['updated', 'disabled']),
});

export type Hello = z.output<typeof helloSchema>;
export type Resync = z.output<typeof resyncSchema>;
export type PresenceEvent = z.output<typeof presenceEventSchema>;
export type DirectoryEvent = z.output<typeof directoryEventSchema>;

/** What subscribers of the live channel hear. */
export interface LiveEventMap {
  /** Every hello: the stream is up (own presence is published again then). */
  hello: Hello;
  /** A hello with resumed: false: what was subscribed must be sent again. */
  helloNotResumed: Hello;
  /** The service could not resume from our Last-Event-ID: re-fetch state. */
  resync: Resync;
  presence: PresenceEvent;
  directory: DirectoryEvent;
}

/** Event ids are decimal and per user; anything else is not an id we keep. */
export const eventIdPattern = /^\d{1,20}$/;
