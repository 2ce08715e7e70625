/**
 * Each person's log of live events, so a client that reconnects with `Last-Event-ID` gets every
 * event it missed exactly once, or a `resync` — never a silent gap (org-service/API.md, "The live
 * channel"). Ids are per person, decimal, strictly increasing, and survive restarts (the counter
 * lives in the database). The log keeps at most `maxEvents` events per person, none older than
 * `maxAgeMs`.
 */
export interface StoredEvent {
  /** Per person, 1, 2, 3… */
  id: number;
  type: string;
  /** The event's data, already serialised as JSON. */
  data: string;
  /** ms since the epoch. */
  createdAt: number;
}

export interface AppendedEvent {
  personId: string;
  event: StoredEvent;
}

export interface LiveLogLimits {
  maxEvents: number;
  maxAgeMs: number;
}

export const defaultLogMaxAgeMs = 24 * 60 * 60 * 1000;

export interface LiveLogStore {
  /** Appends one event to each person's log (one transaction) and trims those logs to maxEvents. */
  append(personIds: readonly string[], type: string, data: string, now: Date): Promise<AppendedEvent[]>;
  /** The kept events after `afterId`, oldest first (at most maxEvents, none older than maxAgeMs). */
  after(personId: string, afterId: number, now: Date): Promise<StoredEvent[]>;
  /** The newest id ever issued to the person (0 if none). */
  newest(personId: string): Promise<number>;
  /** Drops events older than maxAgeMs, everyone's. */
  prune(now: Date): Promise<number>;
}

export type ResumePlan =
  /** No Last-Event-ID: start with what happens from now on. */
  | { kind: 'fresh'; newest: number }
  /** Everything after the client's id follows (maybe nothing). */
  | { kind: 'resume'; replay: StoredEvent[] }
  | { kind: 'resync'; reason: 'too-far-behind' | 'unknown-id'; newest: number };

/**
 * Decides what a (re)connecting client gets, from the events kept after its Last-Event-ID and
 * the newest id issued. The replay must start right after the client's id: if the event the
 * client needs next is no longer kept, it is too far behind.
 */
export function planResume(lastEventId: number | undefined, newest: number, kept: StoredEvent[]): ResumePlan {
  if (lastEventId === undefined) return { kind: 'fresh', newest };
  if (lastEventId > newest) return { kind: 'resync', reason: 'unknown-id', newest };
  if (lastEventId === newest) return { kind: 'resume', replay: [] };
  if (kept[0]?.id !== lastEventId + 1) return { kind: 'resync', reason: 'too-far-behind', newest };
  return { kind: 'resume', replay: kept };
}

/** `Last-Event-ID` is one of our decimal ids or absent (an empty value counts as absent, as in browsers). */
export function parseLastEventId(header: string | string[] | undefined): number | undefined | 'malformed' {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) return 'malformed';
  const value = header.trim();
  if (value === '') return undefined;
  if (!/^(0|[1-9][0-9]{0,15})$/.test(value)) return 'malformed';
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : 'malformed';
}

/** The same rules in memory, for unit tests and as the reference the SQL store must match. */
export class MemoryLiveLog implements LiveLogStore {
  private readonly logs = new Map<string, { next: number; events: StoredEvent[] }>();

  constructor(private readonly limits: LiveLogLimits) {}

  async append(personIds: readonly string[], type: string, data: string, now: Date): Promise<AppendedEvent[]> {
    return [...new Set(personIds)].map((personId) => {
      let log = this.logs.get(personId);
      if (!log) this.logs.set(personId, (log = { next: 1, events: [] }));
      const event = { id: log.next, type, data, createdAt: now.getTime() };
      log.next += 1;
      log.events.push(event);
      if (log.events.length > this.limits.maxEvents) log.events.splice(0, log.events.length - this.limits.maxEvents);
      return { personId, event };
    });
  }

  async after(personId: string, afterId: number, now: Date): Promise<StoredEvent[]> {
    const oldestKept = now.getTime() - this.limits.maxAgeMs;
    return (this.logs.get(personId)?.events ?? []).filter((event) => event.id > afterId && event.createdAt >= oldestKept);
  }

  async newest(personId: string): Promise<number> {
    return (this.logs.get(personId)?.next ?? 1) - 1;
  }

  async prune(now: Date): Promise<number> {
    let removed = 0;
    for (const log of this.logs.values()) {
      const before = log.events.length;
      log.events = log.events.filter((event) => event.createdAt >= now.getTime() - this.limits.maxAgeMs);
      removed += before - log.events.length;
    }
    return removed;
  }
}
