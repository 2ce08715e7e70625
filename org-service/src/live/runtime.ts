import type { Authenticator } from '../auth/authenticate.js';
import type { PeopleStore } from '../directory/people-store.js';
import { ApiError } from '../errors.js';
import type { Logger } from '../logger.js';
import { PresenceService } from '../presence/presence-service.js';
import { SqlPresenceStore } from '../presence/presence-store.js';
import type { Store } from '../store/database.js';
import { InProcessEventBus, type EventBus, type LiveEvent } from './event-bus.js';
import { defaultLogMaxAgeMs } from './event-log.js';
import { LiveHub, type EndReason, type StreamCredential } from './live-hub.js';
import { SqlLiveLog } from './live-store.js';

/** LIVE_* and PRESENCE_* (config.ts; documented in org-service/README.md). */
export interface LiveSettings {
  heartbeatSeconds: number;
  logMaxEvents: number;
  maxConnectionsPerUser: number;
  reauthSeconds: number;
  presenceGraceSeconds: number;
}

export const defaultLiveSettings: LiveSettings = {
  heartbeatSeconds: 15,
  logMaxEvents: 1000,
  maxConnectionsPerUser: 5,
  reauthSeconds: 60,
  presenceGraceSeconds: 30,
};

/**
 * The live channel and presence of one service process, shared by the live and presence plugins
 * (and the tokens plugin's sign-out): the event log, the bus, the streams, the presence rules.
 */
export interface LiveRuntime {
  hub: LiveHub;
  presence: PresenceService;
  presenceStore: SqlPresenceStore;
  settings: LiveSettings;
  /** Appends an event to each person's log and sends it to their streams (e.g. `directory` changes). */
  publish(personIds: readonly string[], event: LiveEvent): Promise<unknown>;
  /** Tells those with the person on screen (their presence subscribers) that their entry changed. */
  directoryChanged(personId: string, change: 'updated' | 'disabled'): Promise<void>;
  /** Checks again every stream opened with this Authorization header (a heartbeat with it was refused). */
  recheckCredential(header: string): Promise<void>;
  start(): Promise<void>;
  /** Tells every stream `end` shutdown and keeps presence right for the next start. */
  stop(): Promise<void>;
}

export function createLiveRuntime(deps: {
  store: Store;
  people: PeopleStore;
  authenticate: Authenticator;
  log: Logger;
  settings: LiveSettings;
  bus?: EventBus;
}): LiveRuntime {
  const { settings, log } = deps;
  const liveLog = new SqlLiveLog(deps.store, { maxEvents: settings.logMaxEvents, maxAgeMs: defaultLogMaxAgeMs });
  const bus = deps.bus ?? new InProcessEventBus(liveLog);
  const presenceStore = new SqlPresenceStore(deps.store);

  /** Why a stream opened with this credential must end now, if it must. */
  const recheck = async (credential: StreamCredential, personId: string): Promise<EndReason | undefined> => {
    if (credential.expiresAt !== undefined && credential.expiresAt <= Date.now()) return 'expired';
    try {
      await deps.authenticate(credential.header);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        return credential.expiresAt !== undefined && /expired/i.test(error.message) ? 'expired' : 'revoked';
      }
      // The sign-in provider could not be asked: not a reason to drop anyone.
      throw error;
    }
    const person = await deps.people.findById(personId);
    if (!person || person.disabledAt !== null) return 'disabled';
    return undefined;
  };

  const directoryChanged = async (personId: string, change: 'updated' | 'disabled') => {
    try {
      const subscribers = await presenceStore.subscribersOf(personId);
      if (subscribers.length > 0) await bus.publish(subscribers, { type: 'directory', data: { personId, change } });
    } catch (error) {
      log.error('directory change not published', { errorName: error instanceof Error ? error.name : typeof error });
    }
  };
  /** People announced as disabled since their last stream opened: one event, not one per stream. */
  const announcedDisabled = new Set<string>();

  let presence: PresenceService;
  const hub = new LiveHub({
    bus,
    log: liveLog,
    heartbeatMs: settings.heartbeatSeconds * 1000,
    maxConnectionsPerPerson: settings.maxConnectionsPerUser,
    reauthMs: settings.reauthSeconds * 1000,
    recheck,
    onFirstStream: (personId) => {
      announcedDisabled.delete(personId);
      return presence.streamOpened(personId);
    },
    onLastStreamClosed: (personId) => presence.streamsClosed(personId),
    onStreamClosed: ({ personId, reason, ms }) => {
      log.debug('live stream closed', { person: personId, reason, ms });
      // The admin disabled them (the CLI, another process): this is when this process learns it.
      if (reason === 'disabled' && !announcedDisabled.has(personId)) {
        announcedDisabled.add(personId);
        void directoryChanged(personId, 'disabled');
      }
    },
  });
  presence = new PresenceService({
    store: presenceStore,
    publish: (personIds, event) => hub.publish(personIds, event),
    isOnline: (personId) => hub.isOnline(personId),
    graceMs: settings.presenceGraceSeconds * 1000,
    onError: (error) => log.error('presence update failed', { errorName: error instanceof Error ? error.name : typeof error }),
  });

  let pruneTimer: NodeJS.Timeout | undefined;
  return {
    hub,
    presence,
    presenceStore,
    settings,
    publish: (personIds, event) => hub.publish(personIds, event),
    directoryChanged,
    recheckCredential: async (header) => {
      for (const { credential, personId } of hub.streamsWithCredential(header)) {
        const reason = await recheck(credential, personId).catch(() => undefined);
        if (reason) hub.endCredential(header, reason);
        return;
      }
    },
    start: async () => {
      await presence.start();
      const prune = () =>
        void liveLog.prune(new Date()).catch((error) => log.error('live log prune failed', { errorName: error instanceof Error ? error.name : typeof error }));
      prune();
      pruneTimer = setInterval(prune, 10 * 60_000);
      pruneTimer.unref();
    },
    stop: async () => {
      clearInterval(pruneTimer);
      await presence.stop(hub.onlinePeople());
      await hub.close();
      await bus.close();
    },
  };
}
