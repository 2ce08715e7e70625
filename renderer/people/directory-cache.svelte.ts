/**
 * Names for raw ACS ids (8:acs:…) from the organisation's directory, for the places that only
 * have an id: call history, call screens, chat participants and the chat list. One small cache
 * by communicationUserId: a component asks for an id while it renders, the asks of one moment
 * go to main as one `people:lookup` (at most peopleLimits.lookup ids each), and the answer
 * re-renders whoever asked. Ids the directory does not know are remembered as unknown, so
 * nothing asks twice; a failed lookup (signed out, an older service) is tried again only after
 * a while. Search results and contacts fill the cache too.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { DirectoryPerson } from '../../contract/channels-people.js';
import type { SoftphoneApi } from '../../contract/index.js';
import { peopleLimits } from '../../contract/limits.js';
import { call } from '../lib/bridge.js';
import { isAcsUserId } from '../lib/identifiers.js';

export type PeopleApi = Pick<SoftphoneApi, 'people'>;

export interface DirectoryCacheOptions {
  /** How long asks are gathered before one lookup goes out. */
  batchMs?: number;
  /** How long after a failed lookup its ids may be asked for again. */
  retryAfterMs?: number;
  now?: () => number;
}

export class DirectoryCache {
  /** Per ACS id: the entry, or null when the directory does not know it. */
  private readonly known = new SvelteMap<string, DirectoryPerson | null>();
  /** Ids whose lookup failed, and when: not asked again before retryAfterMs. */
  private readonly failedAt = new Map<string, number>();
  private readonly queued = new Set<string>();
  private readonly inFlight = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;
  private readonly batchMs: number;
  private readonly retryAfterMs: number;
  private readonly now: () => number;

  constructor(
    private readonly api: PeopleApi | null,
    options: DirectoryCacheOptions = {},
  ) {
    this.batchMs = options.batchMs ?? 15;
    this.retryAfterMs = options.retryAfterMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * The directory's entry for an ACS id, or null (not known yet, unknown, or not an ACS user).
   * Reading it in a template or $derived re-renders once the answer comes.
   */
  person(communicationUserId: string | null | undefined): DirectoryPerson | null {
    if (!communicationUserId) return null;
    const entry = this.known.get(communicationUserId);
    if (entry === undefined) this.request(communicationUserId);
    return entry ?? null;
  }

  /** The directory's name for an ACS id, or null when it has none. */
  nameOf(communicationUserId: string | null | undefined): string | null {
    return this.person(communicationUserId)?.displayName ?? null;
  }

  /** The person id whose presence to show for an ACS id: null for bots (no presence) and the unknown. */
  presenceId(communicationUserId: string | null | undefined): string | null {
    const person = this.person(communicationUserId);
    return person && person.kind !== 'bot' ? person.id : null;
  }

  /** Entries seen elsewhere (search results, contacts): no lookup needed for them. */
  remember(people: readonly DirectoryPerson[]): void {
    for (const person of people) {
      if (person.communicationUserId && this.known.get(person.communicationUserId) !== person) this.known.set(person.communicationUserId, person);
    }
  }

  /** The directory changed this person's entry: what is cached of them is asked for again when next shown. */
  forgetPerson(personId: string): void {
    for (const [id, person] of this.known) if (person?.id === personId) this.known.delete(id);
  }

  /** Signed out, or someone else signed in: what was known belongs to the previous user. */
  clear(): void {
    this.generation++;
    this.known.clear();
    this.failedAt.clear();
    this.queued.clear();
    this.inFlight.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private request(id: string): void {
    if (!this.api || !isAcsUserId(id) || this.queued.has(id) || this.inFlight.has(id)) return;
    const failed = this.failedAt.get(id);
    if (failed !== undefined && this.now() - failed < this.retryAfterMs) return;
    this.queued.add(id);
    // Asked while rendering: the lookup (and the state it writes) happens outside the render.
    this.timer ??= setTimeout(() => this.flush(), this.batchMs);
  }

  private flush(): void {
    this.timer = null;
    const ids = [...this.queued];
    this.queued.clear();
    for (let start = 0; start < ids.length; start += peopleLimits.lookup) void this.lookup(ids.slice(start, start + peopleLimits.lookup));
  }

  private async lookup(ids: string[]): Promise<void> {
    const api = this.api;
    if (!api) return;
    const generation = this.generation;
    for (const id of ids) this.inFlight.add(id);
    try {
      const { people } = await call(api.people.lookup({ communicationUserIds: ids }));
      if (generation !== this.generation) return;
      const found = new Map(people.filter((p) => p.communicationUserId).map((p) => [p.communicationUserId!, p]));
      for (const id of ids) {
        this.failedAt.delete(id);
        this.known.set(id, found.get(id) ?? null);
      }
    } catch {
      if (generation !== this.generation) return;
      const at = this.now();
      for (const id of ids) this.failedAt.set(id, at);
    } finally {
      if (generation === this.generation) for (const id of ids) this.inFlight.delete(id);
    }
  }
}
