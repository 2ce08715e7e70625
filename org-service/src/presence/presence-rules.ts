/**
 * Presence as others see it (org-service/API.md, "Presence"). A client publishes the status its
 * user chose; others see `offline` when that is `appearOffline`, when the person has never had a
 * live channel, or when their last live channel dropped more than the grace period ago.
 */
export const chosenStatuses = ['available', 'busy', 'doNotDisturb', 'beRightBack', 'away', 'inACall', 'appearOffline'] as const;
export type ChosenStatus = (typeof chosenStatuses)[number];

export const shownStatuses = ['available', 'busy', 'doNotDisturb', 'beRightBack', 'away', 'inACall', 'offline'] as const;
export type ShownStatus = (typeof shownStatuses)[number];

export interface PresenceRecord {
  personId: string;
  /** What the user last chose (`available` until they choose). */
  chosen: ChosenStatus;
  /** What others were last told. */
  shown: ShownStatus;
  /** Since when `shown` holds, ms since the epoch. */
  since: number;
  /** When a live channel of theirs was last known open, ms since the epoch; null if never. */
  lastSeen: number | null;
}

export interface PresenceFacts {
  chosen: ChosenStatus;
  /** A live channel is open now. */
  online: boolean;
  lastSeen: number | null;
}

export function effectiveStatus(facts: PresenceFacts, now: number, graceMs: number): ShownStatus {
  if (facts.chosen === 'appearOffline') return 'offline';
  if (facts.online) return facts.chosen;
  if (facts.lastSeen === null) return 'offline';
  return now - facts.lastSeen <= graceMs ? facts.chosen : 'offline';
}

/** When a person without a live channel turns offline (if nothing changes before), ms since the epoch. */
export function graceEndsAt(lastSeen: number, graceMs: number): number {
  return lastSeen + graceMs + 1;
}

export function isChosenStatus(value: unknown): value is ChosenStatus {
  return typeof value === 'string' && (chosenStatuses as readonly string[]).includes(value);
}
