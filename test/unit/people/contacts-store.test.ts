import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DirectoryPerson } from '../../../contract/channels-people.js';
import { peopleLimits } from '../../../contract/limits.js';
import { ContactsStore } from '../../../main/people/contacts-store.js';
import { confStoreFactory } from '../../fixtures/conf-store-factory.js';
import { tempDir } from '../../fixtures/main-services.js';

const person = (n: number | string): DirectoryPerson => ({ id: `p_${n}`, kind: 'person', displayName: `Person ${n}`, email: null, communicationUserId: `8:acs:${n}` });

function store(directory = tempDir(), user: { id: string | null } = { id: '8:acs:me' }) {
  return { contacts: new ContactsStore({ directory, factory: confStoreFactory, projectVersion: '0.1.0', signedInUser: () => user.id }), directory, user };
}

describe('ContactsStore', () => {
  it('keeps favourites in the order added, and survives a restart', () => {
    const { contacts, directory } = store();
    contacts.setFavourite(person('a'), true);
    contacts.setFavourite(person('b'), true);
    contacts.setFavourite({ ...person('a'), displayName: 'Renamed' }, true);
    expect(contacts.view().favourites.map((p) => p.displayName)).toEqual(['Renamed', 'Person b']);
    contacts.setFavourite(person('a'), false);
    expect(store(directory).contacts.view().favourites.map((p) => p.id)).toEqual(['p_b']);
  });

  it('keeps recents newest first, without duplicates, at most peopleLimits.recents', () => {
    const { contacts } = store();
    for (let i = 0; i < peopleLimits.recents + 5; i++) contacts.noteRecent(person(i));
    contacts.noteRecent(person(10));
    const recents = contacts.view().recents.map((p) => p.id);
    expect(recents).toHaveLength(peopleLimits.recents);
    expect(recents[0]).toBe('p_10');
    expect(new Set(recents).size).toBe(recents.length);
  });

  it('refuses a favourite beyond the bound with a translated message', () => {
    const { contacts } = store();
    for (let i = 0; i < peopleLimits.favourites; i++) contacts.setFavourite(person(i), true);
    expect(() => contacts.setFavourite(person('one-more'), true)).toThrow(expect.objectContaining({ messageKey: 'orgService:contacts.favouritesFull' }));
    // Re-adding one already there is not growth.
    expect(contacts.setFavourite(person(3), true).favourites).toHaveLength(peopleLimits.favourites);
  });

  it('shows nothing of another user\'s file, and refuses changes while signed out', () => {
    const { contacts, user } = store();
    contacts.noteRecent(person('a'));
    user.id = '8:acs:someone-else';
    expect(contacts.view()).toEqual({ favourites: [], recents: [] });
    user.id = null;
    expect(() => contacts.noteRecent(person('b'))).toThrow(expect.objectContaining({ messageKey: 'orgService:errors.signedOut' }));
  });

  it('clears both lists and says so', () => {
    const { contacts } = store();
    const heard: unknown[] = [];
    contacts.onChange((view) => heard.push(view));
    contacts.setFavourite(person('a'), true);
    contacts.clear();
    expect(contacts.view()).toEqual({ favourites: [], recents: [] });
    expect(heard.at(-1)).toEqual({ favourites: [], recents: [] });
  });

  it('repairs a damaged file: unreadable moved aside, bad entries dropped with a copy kept', () => {
    const directory = tempDir();
    writeFileSync(join(directory, 'contacts.json'), '{not json');
    expect(store(directory).contacts.repaired).toBe(true);
    expect(readdirSync(directory).some((f) => f.startsWith('contacts.unreadable-'))).toBe(true);

    const other = tempDir();
    writeFileSync(join(other, 'contacts.json'), JSON.stringify({ ownerId: '8:acs:me', favourites: [person('a'), { id: '../../etc' }], recents: [42] }));
    const { contacts } = store(other);
    expect(contacts.repaired).toBe(true);
    expect(contacts.view()).toEqual({ favourites: [person('a')], recents: [] });
    expect(readdirSync(other).some((f) => f.startsWith('contacts.invalid-'))).toBe(true);
    expect(JSON.parse(readFileSync(join(other, 'contacts.json'), 'utf8')).favourites).toHaveLength(1);
  });
});
