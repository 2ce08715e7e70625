/**
 * The people feature's composition root in the renderer: the name cache for raw ids, the
 * presence watch, the live channel's state and the user's contacts, one of each for the app
 * (made in App.svelte from the bridge; tests set their own). Small and without the search UI:
 * call screens, history and the status line use it from the first bundle; the People section
 * and its search load on demand.
 */
import type { SoftphoneApi } from '../../contract/index.js';
import type { DirectoryPerson } from '../../contract/channels-people.js';
import { ContactsState } from './contacts-state.svelte.js';
import { DirectoryCache, type DirectoryCacheOptions } from './directory-cache.svelte.js';
import { LiveChannel } from './live-channel-state.svelte.js';
import { PeopleSearch } from './people-search.svelte.js';
import { PresenceWatch, type PresenceWatchOptions } from './presence-watch.svelte.js';

export interface PeopleRuntimeOptions {
  directory?: DirectoryCacheOptions;
  presence?: PresenceWatchOptions;
  searchDebounceMs?: number;
}

export class PeopleRuntime {
  readonly directory: DirectoryCache;
  readonly presence: PresenceWatch;
  readonly live: LiveChannel;
  readonly contacts: ContactsState;
  private readonly stopDirectoryChanges: (() => void) | undefined;

  constructor(
    readonly api: Pick<SoftphoneApi, 'people' | 'live'> | null,
    private readonly options: PeopleRuntimeOptions = {},
  ) {
    this.directory = new DirectoryCache(api, options.directory);
    this.presence = new PresenceWatch(api, options.presence);
    this.live = new LiveChannel(api);
    this.contacts = new ContactsState(api, (people) => this.directory.remember(people));
    this.stopDirectoryChanges = api?.people.onDirectoryChanged(({ personId }) => this.directory.forgetPerson(personId));
  }

  /** A search of the directory, for one search box; its answers fill the name cache. */
  search(): PeopleSearch {
    return new PeopleSearch(this.api, {
      ...(this.options.searchDebounceMs !== undefined ? { debounceMs: this.options.searchDebounceMs } : {}),
      onPeople: (people: DirectoryPerson[]) => this.directory.remember(people),
    });
  }

  /** Signed out, or another user signed in: nothing of the previous user's stays. */
  reset(): void {
    this.directory.clear();
    this.presence.reset();
    this.contacts.clear();
  }

  dispose(): void {
    this.stopDirectoryChanges?.();
    this.presence.dispose();
    this.live.dispose();
    this.contacts.dispose();
  }
}

let current = $state.raw<PeopleRuntime | null>(null);

/** The app's people runtime (null before App made it, and without a bridge). */
export function peopleRuntime(): PeopleRuntime | null {
  return current;
}

export function initPeopleRuntime(api: Pick<SoftphoneApi, 'people' | 'live'>, options: PeopleRuntimeOptions = {}): PeopleRuntime {
  current ??= new PeopleRuntime(api, options);
  return current;
}

/** Replaces the runtime (tests; null to go back to none). */
export function setPeopleRuntime(runtime: PeopleRuntime | null): void {
  current?.dispose();
  current = runtime;
}

/**
 * For a component: shows presence for the people `ids()` gives, for as long as the component
 * lives (registers with the watch, follows `ids()` as it changes, releases on destroy).
 */
export function watchPresenceOf(ids: () => Iterable<string | null | undefined>, runtime: () => PeopleRuntime | null = () => current): void {
  $effect(() => {
    const watch = runtime()?.presence;
    if (!watch) return;
    const registration = watch.register();
    $effect(() => {
      const list: string[] = [];
      for (const id of ids()) if (id) list.push(id);
      registration.update(list);
    });
    return () => registration.release();
  });
}
