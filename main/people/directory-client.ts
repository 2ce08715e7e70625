/**
 * The organisation's directory (GET /directory/search, POST /directory/lookup, GET
 * /directory/me) with a cache of people by ACS id, so that main can name a caller
 * synchronously and the renderer's lookups of names it has already seen cost nothing.
 */
import type { DirectoryPage, DirectoryPerson } from '../../contract/channels-people.js';
import type { Logger } from '../app/logger.js';
import type { OrgServiceRequests } from './org-service-requests.js';
import { lookupReplySchema, meReplySchema, searchReplySchema } from './directory-replies.js';
import { PersonCache } from './person-cache.js';

export interface DirectoryClientOptions {
  requests: OrgServiceRequests;
  log: Logger;
  now: () => number;
  cache?: PersonCache;
}

/** One page of search results; the service allows 1–50. */
export const searchPageSize = 20;

export class DirectoryClient {
  readonly cache: PersonCache;

  constructor(private readonly options: DirectoryClientOptions) {
    this.cache = options.cache ?? new PersonCache({ now: options.now });
  }

  async search(query: string, cursor?: string): Promise<DirectoryPage> {
    const params = new URLSearchParams({ q: query, limit: String(searchPageSize) });
    if (cursor) params.set('cursor', cursor);
    const reply = await this.options.requests.send({ method: 'GET', path: `directory/search?${params}`, reply: searchReplySchema });
    this.noteSkipped('search', reply.people.skipped);
    for (const person of reply.people.people) this.cache.put(person);
    return { people: reply.people.people, nextCursor: reply.nextCursor };
  }

  /**
   * The people behind these ACS ids, from the cache where it knows them and from the service
   * for the rest. Ids the directory does not know are absent from the answer.
   */
  async lookup(communicationUserIds: readonly string[], options: { timeoutMs?: number } = {}): Promise<DirectoryPerson[]> {
    const wanted = [...new Set(communicationUserIds)];
    const found: DirectoryPerson[] = [];
    const missing: string[] = [];
    for (const id of wanted) {
      const cached = this.cache.get(id);
      if (cached) found.push(cached);
      else if (cached === undefined) missing.push(id);
    }
    if (missing.length === 0) return found;
    const reply = await this.options.requests.send({
      method: 'POST',
      path: 'directory/lookup',
      body: { communicationUserIds: missing },
      reply: lookupReplySchema,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    this.noteSkipped('lookup', reply.people.skipped);
    const asked = new Set(missing);
    // Only what was asked for: a reply naming other ids does not get to fill the cache.
    const answered = reply.people.people.filter((p) => p.communicationUserId !== null && asked.has(p.communicationUserId));
    for (const person of answered) {
      this.cache.put(person);
      asked.delete(person.communicationUserId!);
      found.push(person);
    }
    for (const id of asked) this.cache.putMiss(id);
    return found;
  }

  async me(): Promise<DirectoryPerson> {
    const reply = await this.options.requests.send({ method: 'GET', path: 'directory/me', reply: meReplySchema });
    this.cache.put(reply.person);
    return reply.person;
  }

  /** A live `directory` event: this person's entry changed or they were disabled. */
  personChanged(personId: string): void {
    this.cache.forgetPerson(personId);
  }

  /** Another person signed in: nothing of the last one's organisation stays. */
  clear(): void {
    this.cache.clear();
  }

  private noteSkipped(route: string, skipped: number): void {
    if (skipped > 0) this.options.log.warn('people: the directory sent entries that were left out', { route, skipped });
  }
}
