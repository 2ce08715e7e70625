import type { LiveEvent } from '../live/event-bus.js';
import { effectiveStatus, graceEndsAt, type ChosenStatus, type PresenceRecord, type ShownStatus } from './presence-rules.js';

/** Where presence and subscriptions are kept (SQL in the service, memory in unit tests). */
export interface PresenceStore {
  get(personIds: readonly string[]): Promise<Map<string, PresenceRecord>>;
  put(record: PresenceRecord): Promise<void>;
  /** Everyone not shown as offline (checked at start-up). */
  notOffline(): Promise<PresenceRecord[]>;
  /** Sets lastSeen for these people (who have a record). */
  touch(personIds: readonly string[], at: number): Promise<void>;
  subscribersOf(personId: string): Promise<string[]>;
  replaceSubscriptions(subscriberId: string, targetIds: readonly string[]): Promise<void>;
}

export interface PresenceView {
  personId: string;
  status: ShownStatus;
  since: string;
}

export interface PresenceServiceOptions {
  store: PresenceStore;
  publish: (personIds: readonly string[], event: LiveEvent) => Promise<unknown>;
  /** Whether the person has a live channel open (in this process). */
  isOnline: (personId: string) => boolean;
  graceMs: number;
  now?: () => number;
  /** A failure in the background (grace timer, stream hooks): logged by the caller. */
  onError?: (error: unknown) => void;
}

/** Runs one task at a time per key, so two changes to one person never interleave. */
class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}

/**
 * The presence rules applied over time: status changes, live channels opening and closing, grace
 * timers, and the start-up check. Every change of what others see is published to the person's
 * subscribers as a `presence` event.
 */
export class PresenceService {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly queue = new KeyedQueue();
  private readonly now: () => number;
  private readonly lastTouched = new Map<string, number>();
  private stopping = false;

  constructor(private readonly options: PresenceServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * On start-up no live channel is open yet. People whose last channel closed within the grace
   * period keep their status until it runs out (a restart does not flash them offline); the rest
   * are shown offline now.
   */
  async start(): Promise<void> {
    for (const record of await this.options.store.notOffline()) {
      await this.queue.run(record.personId, () => this.settle(record.personId));
    }
  }

  /** The user chose a status. */
  setStatus(personId: string, chosen: ChosenStatus): Promise<void> {
    return this.queue.run(personId, async () => {
      const record = (await this.options.store.get([personId])).get(personId) ?? this.blank(personId);
      await this.apply({ ...record, chosen, ...(this.options.isOnline(personId) ? { lastSeen: this.now() } : {}) });
    });
  }

  /** The person's first live channel opened. */
  streamOpened(personId: string): void {
    this.clearTimer(personId);
    this.background(personId, async () => {
      const record = (await this.options.store.get([personId])).get(personId) ?? this.blank(personId);
      this.lastTouched.set(personId, this.now());
      await this.apply({ ...record, lastSeen: this.now() });
    });
  }

  /** The person's last live channel closed: they turn offline when the grace period is over. */
  streamsClosed(personId: string): void {
    this.lastTouched.delete(personId);
    // While stopping, stop() has already recorded everyone still connected as seen now.
    if (this.stopping) return;
    this.background(personId, async () => {
      if (this.options.isOnline(personId)) return;
      const at = this.now();
      await this.options.store.touch([personId], at);
      if (!this.stopping) this.schedule(personId, graceEndsAt(at, this.options.graceMs));
    });
  }

  /** A sign of life from an open channel: keeps lastSeen recent (at most once per half grace period). */
  sawAlive(personId: string): void {
    const at = this.now();
    const last = this.lastTouched.get(personId) ?? 0;
    if (at - last < this.options.graceMs / 2) return;
    this.lastTouched.set(personId, at);
    this.background(personId, () => this.options.store.touch([personId], at));
  }

  /** Presence of these people now (those without a record have never connected: offline). */
  async current(personIds: readonly string[]): Promise<PresenceView[]> {
    const records = await this.options.store.get(personIds);
    return personIds.map((personId) => {
      const record = records.get(personId);
      if (!record) return { personId, status: 'offline' as const, since: new Date(0).toISOString() };
      return { personId, status: record.shown, since: new Date(record.since).toISOString() };
    });
  }

  /** Replaces the user's subscriptions (ids already checked: known, same organisation). */
  async subscribe(subscriberId: string, targetIds: readonly string[]): Promise<PresenceView[]> {
    await this.options.store.replaceSubscriptions(subscriberId, targetIds);
    return this.current(targetIds);
  }

  /**
   * Before the service stops: lastSeen of everyone still connected becomes now (so the next
   * start gives them the grace period) and no timer fires any more.
   */
  async stop(onlinePeople: readonly string[]): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    if (onlinePeople.length > 0) await this.options.store.touch(onlinePeople, this.now());
    await this.queue.idle();
  }

  /** Waits for queued work (tests). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private blank(personId: string): PresenceRecord {
    return { personId, chosen: 'available', shown: 'offline', since: this.now(), lastSeen: null };
  }

  /** Re-applies the rules to the stored record (grace timer, start-up). */
  private async settle(personId: string): Promise<void> {
    const record = (await this.options.store.get([personId])).get(personId);
    if (!record) return;
    const online = this.options.isOnline(personId);
    if (!online && record.lastSeen !== null && record.shown !== 'offline') {
      const endsAt = graceEndsAt(record.lastSeen, this.options.graceMs);
      if (endsAt > this.now()) {
        this.schedule(personId, endsAt);
        return;
      }
    }
    await this.apply(record);
  }

  /** Stores the record with `shown` recomputed; publishes when that changed. */
  private async apply(record: PresenceRecord): Promise<void> {
    const now = this.now();
    const shown = effectiveStatus({ chosen: record.chosen, online: this.options.isOnline(record.personId), lastSeen: record.lastSeen }, now, this.options.graceMs);
    const changed = shown !== record.shown;
    const next = { ...record, shown, since: changed ? now : record.since };
    await this.options.store.put(next);
    if (!changed) return;
    const subscribers = await this.options.store.subscribersOf(record.personId);
    await this.options.publish(subscribers, {
      type: 'presence',
      data: { personId: record.personId, status: shown, since: new Date(next.since).toISOString() },
    });
  }

  private schedule(personId: string, at: number): void {
    this.clearTimer(personId);
    const timer = setTimeout(() => {
      this.timers.delete(personId);
      this.background(personId, () => this.settle(personId));
    }, Math.max(0, at - this.now()));
    timer.unref();
    this.timers.set(personId, timer);
  }

  private clearTimer(personId: string): void {
    const timer = this.timers.get(personId);
    if (timer) clearTimeout(timer);
    this.timers.delete(personId);
  }

  private background(personId: string, task: () => Promise<void>): void {
    this.queue.run(personId, task).catch((error) => this.options.onError?.(error));
  }
}

/** The same storage in memory, for unit tests. */
export class MemoryPresenceStore implements PresenceStore {
  readonly records = new Map<string, PresenceRecord>();
  readonly subscriptions = new Map<string, Set<string>>();

  async get(personIds: readonly string[]) {
    const out = new Map<string, PresenceRecord>();
    for (const id of personIds) {
      const record = this.records.get(id);
      if (record) out.set(id, { ...record });
    }
    return out;
  }
  async put(record: PresenceRecord) {
    this.records.set(record.personId, { ...record });
  }
  async notOffline() {
    return [...this.records.values()].filter((record) => record.shown !== 'offline').map((record) => ({ ...record }));
  }
  async touch(personIds: readonly string[], at: number) {
    for (const id of personIds) {
      const record = this.records.get(id);
      if (record) record.lastSeen = at;
    }
  }
  async subscribersOf(personId: string) {
    return [...this.subscriptions].filter(([, targets]) => targets.has(personId)).map(([subscriber]) => subscriber);
  }
  async replaceSubscriptions(subscriberId: string, targetIds: readonly string[]) {
    this.subscriptions.set(subscriberId, new Set(targetIds));
  }
}
