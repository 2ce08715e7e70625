/**
 * Channels of the organisation's people: the directory (search, names for raw ACS ids),
 * everyone else's presence, favourites and recent contacts, and the live channel's state.
 *
 * Main talks to the organisation's service (org-service/API.md); the renderer never does. Who
 * calls what:
 * - the renderer searches (`people:search`) as the user types in People, the dial box, New chat
 *   and Add people, and asks for names of raw ids it shows (`people:lookup`; main caches them);
 * - each view that shows presence dots says which people it shows; the renderer merges them into
 *   one set and sends it with `people:watchPresence` (main forwards it as the service's
 *   subscription set and re-sends it after every reconnect), then hears `people:presenceChanged`;
 * - `people:getContacts` / `setFavourite` / `noteRecent` keep the user's favourites and recent
 *   contacts in main (per signed-in user), announced by `people:contactsChanged`;
 * - `live:getState` / `live:stateChanged`: the live channel to the service, for the status line.
 */
import { z } from 'zod';
import { boundedString, event, invoke, noRequest } from './define.js';
import { peopleLimits } from './limits.js';

/** Reserved kinds: bots and shared lines arrive with later issues; unknown kinds show as person. */
export const directoryKinds = ['person', 'bot', 'sharedLine'] as const;
export type DirectoryKind = (typeof directoryKinds)[number];

/** One directory entry as the service sends it (checked by main before it reaches the renderer). */
export interface DirectoryPerson {
  /** The service's opaque id. */
  id: string;
  kind: DirectoryKind;
  displayName: string;
  /** E-mail or UPN; null when the directory does not know it. */
  email: string | null;
  /** The person's ACS identity (8:acs:…); null before they have one. */
  communicationUserId: string | null;
}

/** What others see; `offline` covers "appear offline", never connected and a dropped channel. */
export const peoplePresenceStatuses = ['available', 'busy', 'doNotDisturb', 'beRightBack', 'away', 'inACall', 'offline'] as const;
export type PeoplePresenceStatus = (typeof peoplePresenceStatuses)[number];

export interface PersonPresence {
  personId: string;
  status: PeoplePresenceStatus;
  /** ISO 8601: since when. */
  since: string;
}

export interface DirectoryPage {
  people: DirectoryPerson[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface Contacts {
  /** In the order the user added them. */
  favourites: DirectoryPerson[];
  /** Newest first, at most peopleLimits.recents. */
  recents: DirectoryPerson[];
}

/**
 * The live channel as the status line shows it:
 * - `connected`: events flow;
 * - `connecting`: the first attempt after sign-in or start-up;
 * - `reconnecting`: it dropped; `retryAt` (ms since epoch) says when the next attempt is, or null when one is running;
 * - `offline`: the network is down or the service has refused for long (still retried);
 * - `signedOut`: nobody is signed in, or the service has no live channel (an older service).
 */
export type LiveChannelStatus = 'connected' | 'connecting' | 'reconnecting' | 'offline' | 'signedOut';
export interface LiveChannelState {
  status: LiveChannelStatus;
  retryAt: number | null;
}

const personIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a person id');

/** A directory entry coming back from the renderer (favourites, recents): re-checked, bounded. */
export const directoryPersonSchema = z.strictObject({
  id: personIdSchema,
  kind: z.enum(directoryKinds),
  displayName: boundedString().min(1),
  email: boundedString().nullable(),
  communicationUserId: boundedString().nullable(),
});

export const peopleChannels = {
  people: {
    search: invoke<DirectoryPage>()(
      z.strictObject({
        query: boundedString(peopleLimits.query),
        cursor: boundedString(peopleLimits.cursor).optional(),
      }),
    ),
    /** Names for raw ids (8:acs:…); unknown or foreign ids are simply absent from the answer. */
    lookup: invoke<{ people: DirectoryPerson[] }>()(
      z.strictObject({ communicationUserIds: z.array(boundedString().min(1)).min(1).max(peopleLimits.lookup) }),
    ),
    /** Replaces the set of people whose presence the renderer shows; answers their presence now. */
    watchPresence: invoke<{ presence: PersonPresence[] }>()(z.strictObject({ personIds: z.array(personIdSchema).max(peopleLimits.watch) })),
    presenceChanged: event<PersonPresence[]>(),
    getContacts: invoke<Contacts>()(noRequest),
    setFavourite: invoke<Contacts>()(z.strictObject({ person: directoryPersonSchema, favourite: z.boolean() })),
    /** Someone the user just called or chatted with, picked from the directory. */
    noteRecent: invoke<Contacts>()(z.strictObject({ person: directoryPersonSchema })),
    contactsChanged: event<Contacts>(),
    /** The service said this person's entry changed (a new name, disabled): cached names of theirs are stale. */
    directoryChanged: event<{ personId: string }>(),
  },
  live: {
    getState: invoke<LiveChannelState>()(noRequest),
    stateChanged: event<LiveChannelState>(),
  },
};
