/**
 * The user's favourites and recent contacts, kept in main in their own file (contacts.json)
 * like call history: they belong to the person signed in, so they go at sign-out and when
 * someone else signs in (clear(), called from the composition), and the file names its owner
 * so that a file left by another person is never shown. Bounded by peopleLimits. A damaged file
 * is moved aside (or its bad entries dropped, a copy kept) and the lists start from what is left.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { directoryPersonSchema, type Contacts, type DirectoryPerson } from '../../contract/channels-people.js';
import { peopleLimits } from '../../contract/limits.js';
import { UserFacingError } from '../ipc/user-facing-error.js';
import type { KeyValueStore, StoreFactory } from '../settings/settings-store.js';
import { moveAside, readJsonFile, rewriteKeepingCopy } from '../settings/store-file.js';
import { orgServiceErrorKey } from './org-service-requests.js';

const fileName = 'contacts';

const fileSchema = z.object({
  ownerId: z.string().max(512).nullable(),
  favourites: z.array(z.unknown()),
  recents: z.array(z.unknown()),
});

const jsonSchema = {
  ownerId: { type: ['string', 'null'] },
  favourites: { type: 'array' },
  recents: { type: 'array' },
};

export interface ContactsStoreOptions {
  directory: string;
  factory: StoreFactory;
  projectVersion: string;
  /** The communicationUserId of whoever is signed in, or null. */
  signedInUser: () => string | null;
  now?: () => Date;
}

export class ContactsStore {
  private readonly store: KeyValueStore;
  private readonly listeners = new Set<(contacts: Contacts) => void>();
  /** True when the file had to be repaired at start-up (for the log). */
  readonly repaired: boolean;

  constructor(private readonly options: ContactsStoreOptions) {
    const filePath = join(options.directory, `${fileName}.json`);
    this.repaired = repairContactsFile(filePath, (options.now ?? (() => new Date()))());
    this.store = options.factory({
      cwd: options.directory,
      name: fileName,
      defaults: { ownerId: null, favourites: [], recents: [] },
      schema: jsonSchema,
      migrations: {},
      projectVersion: options.projectVersion,
    });
  }

  view(): Contacts {
    const owner = this.options.signedInUser();
    if (!owner || this.store.get('ownerId') !== owner) return { favourites: [], recents: [] };
    return { favourites: people(this.store.get('favourites'), peopleLimits.favourites), recents: people(this.store.get('recents'), peopleLimits.recents) };
  }

  setFavourite(person: DirectoryPerson, favourite: boolean): Contacts {
    const current = this.ownView();
    const without = current.favourites.filter((p) => p.id !== person.id);
    if (!favourite) return this.save({ ...current, favourites: without });
    if (without.length === current.favourites.length && without.length >= peopleLimits.favourites) {
      throw new UserFacingError('orgService:contacts.favouritesFull', { max: peopleLimits.favourites });
    }
    // Already a favourite: keep its place (the order the user added them), refresh its details.
    const favourites = without.length === current.favourites.length ? [...without, person] : current.favourites.map((p) => (p.id === person.id ? person : p));
    return this.save({ ...current, favourites });
  }

  noteRecent(person: DirectoryPerson): Contacts {
    const current = this.ownView();
    const recents = [person, ...current.recents.filter((p) => p.id !== person.id)].slice(0, peopleLimits.recents);
    return this.save({ ...current, recents });
  }

  /** Both lists go (sign-out, another person signed in). */
  clear(): void {
    this.store.set({ ownerId: null, favourites: [], recents: [] });
    this.changed();
  }

  onChange(listener: (contacts: Contacts) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The signed-in user's lists (throws when nobody is signed in). */
  private ownView(): Contacts {
    if (!this.options.signedInUser()) throw new UserFacingError(orgServiceErrorKey('signedOut'));
    return this.view();
  }

  private save(contacts: Contacts): Contacts {
    this.store.set({ ownerId: this.options.signedInUser(), favourites: contacts.favourites, recents: contacts.recents });
    return this.changed();
  }

  private changed(): Contacts {
    const view = this.view();
    for (const listener of this.listeners) listener(view);
    return view;
  }
}

/** The entries that are still well-formed, at most the bounds (a hand-edited file is no exception). */
function people(raw: unknown, max: number): DirectoryPerson[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .flatMap((entry) => {
      const parsed = directoryPersonSchema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    })
    .slice(0, max);
}

/** Makes the file safe to open; true when anything had to be done. */
export function repairContactsFile(filePath: string, now: Date): boolean {
  if (!existsSync(filePath)) return false;
  const parsed = readJsonFile(filePath);
  const shape = fileSchema.safeParse(parsed);
  if (!shape.success) {
    moveAside(filePath, 'unreadable', now);
    return true;
  }
  const good = (list: unknown[]) => list.filter((e) => directoryPersonSchema.safeParse(e).success);
  const favourites = good(shape.data.favourites);
  const recents = good(shape.data.recents);
  if (favourites.length === shape.data.favourites.length && recents.length === shape.data.recents.length) return false;
  rewriteKeepingCopy(filePath, { ...(parsed as object), favourites, recents }, now);
  return true;
}
