/**
 * One search of the directory as the user types (People, the dial box, New chat, Add people):
 * asked a moment after the last keystroke, answers to older text dropped, further pages on
 * "Show more" through the page's nextCursor.
 */
import type { DirectoryPerson } from '../../contract/channels-people.js';
import { peopleLimits } from '../../contract/limits.js';
import { call, messageKeyOf } from '../lib/bridge.js';
import type { PeopleApi } from './directory-cache.svelte.js';

/** What to tell the user: an i18n key and its values (as main reports it). */
export interface UserMessage {
  key: string;
  params?: Record<string, string | number>;
}

export type SearchStatus = 'idle' | 'searching' | 'ready' | 'error';

export interface PeopleSearchOptions {
  debounceMs?: number;
  /** Every person an answer brought (the name cache keeps them). */
  onPeople?: (people: DirectoryPerson[]) => void;
}

export class PeopleSearch {
  /** The text the results are for ('' when idle). */
  query = $state('');
  people = $state.raw<DirectoryPerson[]>([]);
  nextCursor = $state<string | null>(null);
  status = $state<SearchStatus>('idle');
  /** The failure (i18n key and its values), when status is 'error' or a further page failed. */
  error = $state.raw<UserMessage | null>(null);
  loadingMore = $state(false);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sequence = 0;
  private readonly debounceMs: number;

  constructor(
    private readonly api: PeopleApi | null,
    private readonly options: PeopleSearchOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 250;
  }

  /** The user typed: search for it after a pause ('' clears). */
  set(text: string): void {
    const query = text.trim().slice(0, peopleLimits.query);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!query) {
      this.clear();
      return;
    }
    if (query === this.query && this.status !== 'error') return;
    this.sequence++;
    this.query = query;
    this.status = 'searching';
    this.error = null;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run(query, null);
    }, this.debounceMs);
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.sequence++;
    this.query = '';
    this.people = [];
    this.nextCursor = null;
    this.status = 'idle';
    this.error = null;
    this.loadingMore = false;
  }

  /** Try again after a failure: the same text, at once. */
  retry(): void {
    if (!this.query) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.status = 'searching';
    this.error = null;
    void this.run(this.query, null);
  }

  async showMore(): Promise<void> {
    if (!this.nextCursor || this.loadingMore || this.status !== 'ready') return;
    this.loadingMore = true;
    await this.run(this.query, this.nextCursor);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.sequence++;
  }

  private async run(query: string, cursor: string | null): Promise<void> {
    const sequence = cursor ? this.sequence : ++this.sequence;
    try {
      if (!this.api) throw new Error('no bridge');
      const page = await call(this.api.people.search(cursor ? { query, cursor } : { query }));
      if (sequence !== this.sequence) return;
      this.options.onPeople?.(page.people);
      if (cursor) {
        const seen = new Set(this.people.map((p) => p.id));
        this.people = [...this.people, ...page.people.filter((p) => !seen.has(p.id))];
      } else this.people = page.people;
      this.nextCursor = page.nextCursor;
      this.status = 'ready';
    } catch (e) {
      if (sequence !== this.sequence) return;
      if (cursor) {
        // The first pages stay; "Show more" can be pressed again.
        this.error = messageKeyOf(e);
      } else {
        this.status = 'error';
        this.error = messageKeyOf(e);
        this.people = [];
        this.nextCursor = null;
      }
    } finally {
      if (sequence === this.sequence) this.loadingMore = false;
    }
  }
}
