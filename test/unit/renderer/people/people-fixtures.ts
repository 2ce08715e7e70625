/** Directory people and a fake main for the people feature's dom tests. */
import type { Contacts, DirectoryPage, DirectoryPerson, LiveChannelState, PersonPresence } from '../../../../contract/channels-people.js';
import type { IpcResult } from '../../../../contract/index.js';
import { PeopleRuntime } from '../../../../renderer/people/people-runtime.svelte.js';
import { fakeSoftphone, failure, type Answers } from '../fake-softphone.js';

const acs = (user: string) => `8:acs:11111111-2222-3333-4444-555555555555_${user}`;

export const ana: DirectoryPerson = { id: 'p_ana', kind: 'person', displayName: 'Ana García', email: 'ana@contoso.com', communicationUserId: acs('0000-ana') };
export const andres: DirectoryPerson = { id: 'p_andres', kind: 'person', displayName: 'Andrés Ruiz', email: 'andres@contoso.com', communicationUserId: acs('0000-andres') };
export const anaBot: DirectoryPerson = { id: 'p_bot', kind: 'bot', displayName: 'Ana Helpdesk', email: null, communicationUserId: acs('0000-bot') };
/** Imported before their first sign-in: no ACS identity yet. */
export const anneNew: DirectoryPerson = { id: 'p_anne', kind: 'person', displayName: 'Anne New', email: 'anne@contoso.com', communicationUserId: null };

export const noContacts: Contacts = { favourites: [], recents: [] };

export interface Recorded {
  searches: { query: string; cursor?: string }[];
  lookups: string[][];
  watches: string[][];
  noted: DirectoryPerson[];
  favourites: { person: DirectoryPerson; favourite: boolean }[];
}

export interface PeopleFakeOptions {
  /** Pages by query (and cursor: "query|cursor"); a query not listed answers no one. */
  pages?: Record<string, DirectoryPage>;
  search?: (request: { query: string; cursor?: string }) => IpcResult<DirectoryPage> | Promise<IpcResult<DirectoryPage>>;
  directory?: DirectoryPerson[];
  presence?: PersonPresence[];
  contacts?: Contacts | (() => IpcResult<Contacts> | Promise<IpcResult<Contacts>>);
  live?: LiveChannelState;
  answers?: Answers;
}

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
export { failure };

export function peopleFake(options: PeopleFakeOptions = {}) {
  const recorded: Recorded = { searches: [], lookups: [], watches: [], noted: [], favourites: [] };
  let contacts: Contacts = typeof options.contacts === 'object' ? options.contacts : noContacts;
  const fake = fakeSoftphone({
    'people:search': (request) => {
      recorded.searches.push(request);
      if (options.search) return options.search(request);
      const page = options.pages?.[request.cursor ? `${request.query}|${request.cursor}` : request.query];
      return ok(page ?? { people: [], nextCursor: null });
    },
    'people:lookup': ({ communicationUserIds }) => {
      recorded.lookups.push(communicationUserIds);
      return ok({ people: (options.directory ?? []).filter((p) => p.communicationUserId && communicationUserIds.includes(p.communicationUserId)) });
    },
    'people:watchPresence': ({ personIds }) => {
      recorded.watches.push(personIds);
      return ok({ presence: (options.presence ?? []).filter((p) => personIds.includes(p.personId)) });
    },
    'people:getContacts': () => (typeof options.contacts === 'function' ? options.contacts() : ok(contacts)),
    'people:setFavourite': ({ person, favourite }) => {
      recorded.favourites.push({ person, favourite });
      const favourites = favourite ? [...contacts.favourites.filter((p) => p.id !== person.id), person] : contacts.favourites.filter((p) => p.id !== person.id);
      contacts = { ...contacts, favourites };
      return ok(contacts);
    },
    'people:noteRecent': ({ person }) => {
      recorded.noted.push(person);
      contacts = { ...contacts, recents: [person, ...contacts.recents.filter((p) => p.id !== person.id)] };
      return ok(contacts);
    },
    ...(options.live ? { 'live:getState': options.live } : {}),
    ...options.answers,
  });
  const runtime = new PeopleRuntime(fake.api, { searchDebounceMs: 0, presence: { debounceMs: 0 }, directory: { batchMs: 0 } });
  return { ...fake, runtime, recorded };
}
