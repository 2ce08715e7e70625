/**
 * The user's favourites and recent contacts, kept by main per signed-in user: loaded when
 * People first shows them, then followed through `people:contactsChanged`.
 */
import type { Contacts, DirectoryPerson } from '../../contract/channels-people.js';
import { call, messageKeyOf } from '../lib/bridge.js';
import type { PeopleApi } from './directory-cache.svelte.js';
import type { UserMessage } from './people-search.svelte.js';

/** Exactly the fields the contract's schema accepts back (a stray field would be refused). */
export function contractPerson(person: DirectoryPerson): DirectoryPerson {
  return { id: person.id, kind: person.kind, displayName: person.displayName, email: person.email, communicationUserId: person.communicationUserId };
}

export class ContactsState {
  contacts = $state.raw<Contacts | null>(null);
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  /** The last failure to load. */
  error = $state.raw<UserMessage | null>(null);
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly api: PeopleApi | null,
    private readonly onPeople: (people: DirectoryPerson[]) => void = () => {},
  ) {}

  isFavourite(personId: string): boolean {
    return this.contacts?.favourites.some((p) => p.id === personId) ?? false;
  }

  async load(): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.unsubscribe ??= api.people.onContactsChanged((contacts) => this.set(contacts));
    if (this.status === 'loading') return;
    this.status = 'loading';
    this.error = null;
    try {
      this.set(await call(api.people.getContacts()));
    } catch (e) {
      this.status = 'error';
      this.error = messageKeyOf(e);
    }
  }

  /** Null when done, else what to tell the user (e.g. main's "favourites full"). */
  async setFavourite(person: DirectoryPerson, favourite: boolean): Promise<UserMessage | null> {
    if (!this.api) return { key: 'people:errors.favouriteFailed' };
    try {
      this.set(await call(this.api.people.setFavourite({ person: contractPerson(person), favourite })));
      return null;
    } catch (e) {
      const message = messageKeyOf(e);
      return message.key.startsWith('orgService:contacts.') ? message : { key: 'people:errors.favouriteFailed' };
    }
  }

  /** Someone the user just called or chatted with. A failure only costs the Recent entry. */
  async noteRecent(person: DirectoryPerson): Promise<void> {
    if (!this.api) return;
    try {
      this.set(await call(this.api.people.noteRecent({ person: contractPerson(person) })));
    } catch {
      // Not worth telling the user: the call or chat itself went ahead.
    }
  }

  /** Signed out, or another user. */
  clear(): void {
    this.contacts = null;
    this.status = 'idle';
    this.error = null;
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private set(contacts: Contacts): void {
    this.contacts = contacts;
    this.status = 'ready';
    this.error = null;
    this.onPeople([...contacts.favourites, ...contacts.recents]);
  }
}
