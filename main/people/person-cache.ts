/**
 * People by ACS id, so that names can be shown at once (notifications, call history): a bounded
 * least-recently-used map that also remembers, for a while, ids the directory does not know (a
 * caller from outside must not cost a lookup per call). Entries age out, so a rename reaches
 * the cache even when no live `directory` event does.
 */
import type { DirectoryPerson } from '../../contract/channels-people.js';

export interface PersonCacheOptions {
  now: () => number;
  maxEntries?: number;
  /** How long a found person is believed. */
  ttlMs?: number;
  /** How long "not in the directory" is believed. */
  missTtlMs?: number;
}

interface Entry {
  person: DirectoryPerson | null;
  at: number;
}

export class PersonCache {
  private readonly entries = new Map<string, Entry>();
  private readonly max: number;
  private readonly ttlMs: number;
  private readonly missTtlMs: number;

  constructor(private readonly options: PersonCacheOptions) {
    this.max = options.maxEntries ?? 2_000;
    this.ttlMs = options.ttlMs ?? 60 * 60_000;
    this.missTtlMs = options.missTtlMs ?? 10 * 60_000;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The person; null when the directory said it does not know the id; undefined when unknown here. */
  get(communicationUserId: string): DirectoryPerson | null | undefined {
    const entry = this.entries.get(communicationUserId);
    if (!entry) return undefined;
    if (this.options.now() - entry.at > (entry.person ? this.ttlMs : this.missTtlMs)) {
      this.entries.delete(communicationUserId);
      return undefined;
    }
    // Most recently used goes to the end: the first entry is the one to forget.
    this.entries.delete(communicationUserId);
    this.entries.set(communicationUserId, entry);
    return entry.person;
  }

  put(person: DirectoryPerson): void {
    if (person.communicationUserId) this.set(person.communicationUserId, person);
  }

  putMiss(communicationUserId: string): void {
    this.set(communicationUserId, null);
  }

  /**
   * The directory says this person changed or was disabled: ask again next time. Misses go too:
   * the change may be someone getting the ACS id that was not known a moment ago.
   */
  forgetPerson(personId: string): void {
    for (const [key, entry] of this.entries) if (entry.person === null || entry.person.id === personId) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  private set(key: string, person: DirectoryPerson | null): void {
    this.entries.delete(key);
    this.entries.set(key, { person, at: this.options.now() });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }
}
