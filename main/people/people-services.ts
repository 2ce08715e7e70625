/**
 * Composition of the people capability: the live channel to the organisation's service, the
 * directory (with its cache of names), presence both ways, favourites and recents, and the
 * people:* and live:* IPC handlers. main-services.ts calls this once, after auth and the
 * desktop integration (whose PresenceTracker is the user's own presence).
 */
import type { Logger } from '../app/logger.js';
import type { AuthServices } from '../auth/auth-services.js';
import type { Clock, Timers } from '../auth/clock.js';
import type { FetchLike } from '../auth/token-service-client.js';
import type { IpcEvents } from '../ipc/event-emitter.js';
import type { IpcRouter } from '../ipc/ipc-router.js';
import { LiveChannel } from '../live/live-channel.js';
import type { OrgServiceSession } from '../live/org-service-session.js';
import type { LiveReconnectPolicy } from '../live/reconnect-policy.js';
import type { StoreFactory } from '../settings/settings-store.js';
import { CallerNames } from './caller-names.js';
import { ContactsStore } from './contacts-store.js';
import { DirectoryClient } from './directory-client.js';
import { OrgServiceRequests } from './org-service-requests.js';
import { PresenceSync, type PresenceSource } from './presence-sync.js';

export interface PeopleAdapters {
  /** The same HTTP as auth's (Electron's net.fetch in the app: system proxy and certificates). */
  fetch: FetchLike;
  clock: Clock;
  timers: Timers;
  random: () => number;
  livePolicy?: Partial<LiveReconnectPolicy>;
}

export interface PeopleServiceDeps {
  router: IpcRouter;
  events: IpcEvents;
  auth: AuthServices;
  adapters: PeopleAdapters;
  presence: PresenceSource;
  directory: string;
  factory: StoreFactory;
  projectVersion: string;
  log: Logger;
}

/** The session as the people capability sees it: the token cache's, through one narrow door. */
export function orgServiceSessionOf(auth: AuthServices): OrgServiceSession {
  return {
    isSignedIn: () => auth.cache.currentSession !== null,
    authorization: (signal) => auth.service.serviceAuthorization(signal),
    credentialRefused: () => auth.cache.recheckCredential(),
    onSessionChange: (listener) => auth.cache.onSessionChange(listener),
  };
}

export function createPeopleServices(deps: PeopleServiceDeps) {
  const { router, events, log, adapters } = deps;
  const session = orgServiceSessionOf(deps.auth);
  const requests = new OrgServiceRequests({ fetch: adapters.fetch, session, timers: adapters.timers, log });
  const live = new LiveChannel({
    fetch: adapters.fetch,
    session,
    clock: adapters.clock,
    timers: adapters.timers,
    random: adapters.random,
    wakeEvents: deps.auth.wakeEvents,
    log,
    ...(adapters.livePolicy ? { policy: adapters.livePolicy } : {}),
  });
  const directory = new DirectoryClient({ requests, log, now: () => adapters.clock.now() });
  const names = new CallerNames(directory, session.isSignedIn);
  const presenceSync = new PresenceSync({
    requests,
    live,
    presence: deps.presence,
    timers: adapters.timers,
    clock: adapters.clock,
    log,
    emit: (presence) => events.emit('people:presenceChanged', presence),
  });
  const contacts = new ContactsStore({
    directory: deps.directory,
    factory: deps.factory,
    projectVersion: deps.projectVersion,
    signedInUser: () => deps.auth.service.signedInUserId(),
  });
  if (contacts.repaired) log.warn('people: contacts file repaired at start-up');

  router.handle('people:search', ({ query, cursor }) => directory.search(query, cursor));
  router.handle('people:lookup', async ({ communicationUserIds }) => ({ people: await directory.lookup(communicationUserIds) }));
  router.handle('people:watchPresence', async ({ personIds }) => ({ presence: await presenceSync.watch(personIds) }));
  router.handle('people:getContacts', () => contacts.view());
  router.handle('people:setFavourite', ({ person, favourite }) => contacts.setFavourite(person, favourite));
  router.handle('people:noteRecent', ({ person }) => contacts.noteRecent(person));
  router.handle('live:getState', () => live.state);
  contacts.onChange((view) => events.emit('people:contactsChanged', view));
  live.onStateChange((state) => events.emit('live:stateChanged', state));
  // Names may be stale after a `directory` event: main and the renderer ask again next time.
  live.on('directory', (event) => {
    directory.personChanged(event.personId);
    events.emit('people:directoryChanged', { personId: event.personId });
  });

  // The people of one sign-in are not the next one's: another organisation, perhaps.
  deps.auth.service.onUserChanged(() => {
    contacts.clear();
    directory.clear();
  });
  session.onSessionChange(() => presenceSync.reset());

  presenceSync.start();
  live.start();

  return {
    live,
    directory,
    names,
    presenceSync,
    contacts,
    dispose(): void {
      presenceSync.dispose();
      live.dispose();
    },
  };
}

export type PeopleServices = ReturnType<typeof createPeopleServices>;
