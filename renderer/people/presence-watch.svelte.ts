/**
 * Everyone else's presence, for the dots beside people. Each view says which people it shows
 * (`register`, then `update` as its list changes, `release` when it goes); the watch merges
 * those lists into one set, sends it to main with `people:watchPresence` a moment after the
 * last change (so typing in a search box, or a list that re-renders, sends one set, not one
 * per keystroke), at most peopleLimits.watch people, the most recently shown first. Main
 * forwards the set to the service and re-sends it after a reconnect; `people:presenceChanged`
 * brings the changes. A status is kept only while someone shows that person.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { PeoplePresenceStatus, PersonPresence } from '../../contract/channels-people.js';
import { peopleLimits } from '../../contract/limits.js';
import { call } from '../lib/bridge.js';
import type { PeopleApi } from './directory-cache.svelte.js';

export interface PresenceRegistration {
  /** The people this view shows now (replaces what it said before). */
  update(personIds: Iterable<string>): void;
  /** The view is gone. */
  release(): void;
}

export interface PresenceWatchOptions {
  debounceMs?: number;
  max?: number;
}

export class PresenceWatch {
  /** Per person: how many views show them. In the order they were last asked for, oldest first. */
  private readonly counts = new Map<string, number>();
  private readonly statuses = new SvelteMap<string, PeoplePresenceStatus>();
  /** The set main has (sorted), or null before the first send. */
  private sent: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private unsubscribe: (() => void) | null = null;
  private sequence = 0;
  private readonly debounceMs: number;
  private readonly max: number;

  constructor(
    private readonly api: PeopleApi | null,
    options: PresenceWatchOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 200;
    this.max = Math.min(options.max ?? peopleLimits.watch, peopleLimits.watch);
  }

  register(personIds: Iterable<string> = []): PresenceRegistration {
    let mine = new Set<string>();
    let released = false;
    const registration: PresenceRegistration = {
      update: (ids) => {
        if (released) return;
        const next = new Set([...ids].filter(Boolean));
        for (const id of next) if (!mine.has(id)) this.add(id);
        for (const id of mine) if (!next.has(id)) this.remove(id);
        mine = next;
        this.schedule();
      },
      release: () => {
        if (released) return;
        released = true;
        for (const id of mine) this.remove(id);
        mine = new Set();
        this.schedule();
      },
    };
    registration.update(personIds);
    return registration;
  }

  /** A person's status as last heard, or null while not known (or nobody shows them). */
  status(personId: string | null | undefined): PeoplePresenceStatus | null {
    return personId ? (this.statuses.get(personId) ?? null) : null;
  }

  /** The set as it will be sent: at most `max` people, the most recently asked for. */
  get watched(): string[] {
    const all = [...this.counts.keys()];
    return all.slice(Math.max(0, all.length - this.max));
  }

  /** Sends the set now instead of after the pause (tests, and after sign-in). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.sync();
  }

  /** Signed out or another user: forget what was heard, and tell main the set again. */
  reset(): void {
    this.statuses.clear();
    this.sent = null;
    this.sequence++;
    if (this.counts.size > 0) this.schedule();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private add(id: string): void {
    const count = this.counts.get(id) ?? 0;
    // Re-inserted: the newest shown are kept when the set is over the bound.
    this.counts.delete(id);
    this.counts.set(id, count + 1);
  }

  private remove(id: string): void {
    const count = this.counts.get(id) ?? 0;
    if (count <= 1) {
      this.counts.delete(id);
      this.statuses.delete(id);
    } else this.counts.set(id, count - 1);
  }

  private schedule(): void {
    if (!this.api) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sync();
    }, this.debounceMs);
  }

  private listen(api: PeopleApi): void {
    this.unsubscribe ??= api.people.onPresenceChanged((changes) => this.apply(changes));
  }

  private apply(presence: readonly PersonPresence[]): void {
    for (const p of presence) if (this.counts.has(p.personId)) this.statuses.set(p.personId, p.status);
  }

  private async sync(): Promise<void> {
    const api = this.api;
    if (!api) return;
    const personIds = this.watched;
    const key = [...personIds].sort().join('\n');
    if (key === this.sent) return;
    if (personIds.length > 0) this.listen(api);
    const sequence = ++this.sequence;
    this.sent = key;
    // Out of the set (over the bound): no dot rather than a stale one.
    const inSet = new Set(personIds);
    for (const id of [...this.statuses.keys()]) if (!inSet.has(id)) this.statuses.delete(id);
    try {
      const { presence } = await call(api.people.watchPresence({ personIds }));
      if (sequence === this.sequence) this.apply(presence);
    } catch {
      // Main or the service is away: no dots, and the next change of the set tries again.
      if (sequence === this.sequence) this.sent = null;
    }
  }
}
