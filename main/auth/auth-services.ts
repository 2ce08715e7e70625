/**
 * Composition of the auth capability: the encrypted vault, the token cache, OIDC sign-in and
 * the auth:* IPC handlers. Every outside dependency (HTTP, OS encryption, the browser, time)
 * comes in through AuthAdapters, so the e2e bridge and tests run it without Electron.
 */
import { join } from 'node:path';
import type { Locale } from '../../contract/settings.js';
import type { Logger } from '../app/logger.js';
import type { IpcEvents } from '../ipc/event-emitter.js';
import type { IpcRouter } from '../ipc/ipc-router.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { AuthService, type OidcAuthenticator } from './auth-service.js';
import type { OidcRefresher } from './authorizer.js';
import { loopbackPages } from './browser-pages.js';
import { systemClock, systemTimers, type Clock, type Timers } from './clock.js';
import { LastUserMarker, lastUserFileName } from './last-user.js';
import { OidcSignIn } from './oidc-sign-in.js';
import type { RetryPolicy } from './retry-policy.js';
import { noEncryption, SessionVault, type SecretCipher } from './session-vault.js';
import { TokenCache } from './token-cache.js';
import type { FetchLike } from './token-service-client.js';

/** Moments when timers may have slept and the network may be back (Electron's powerMonitor). */
export interface WakeEvents {
  /** Calls `listener` after the machine resumes from sleep or the network comes back. */
  onWake(listener: () => void): () => void;
}

export const noWakeEvents: WakeEvents = { onWake: () => () => {} };

/**
 * One subscription to the OS's wake events, shared by everyone in main who needs them (the
 * token cache, the live channel): the adapter is listened to once, its events go to all.
 */
export function sharedWakeEvents(source: WakeEvents): WakeEvents {
  const listeners = new Set<() => void>();
  let unsubscribe: (() => void) | null = null;
  return {
    onWake(listener) {
      listeners.add(listener);
      unsubscribe ??= source.onWake(() => {
        // One listener's failure must not keep the others from hearing of the wake.
        for (const each of [...listeners]) {
          try {
            each();
          } catch {
            /* the listener's own problem; it logs what it must */
          }
        }
      });
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && unsubscribe) {
          unsubscribe();
          unsubscribe = null;
        }
      };
    },
  };
}

export interface AuthAdapters {
  /**
   * HTTP to the token service and the identity provider. In the app, Electron's net.fetch
   * (the system proxy and certificate store); Node's fetch elsewhere.
   */
  fetch: FetchLike;
  /** OS encryption (Electron safeStorage); without it the sign-in is kept in memory only. */
  cipher: SecretCipher;
  /** Opens the identity provider's page in the system browser. */
  openBrowser: (url: string) => Promise<void>;
  /** Replaces the browser flow entirely (tests without an identity provider). */
  oidc?: OidcAuthenticator & Partial<Pick<OidcSignIn, 'refresh'>>;
  clock: Clock;
  timers: Timers;
  random: () => number;
  /** Resume from sleep, network back: the token cache re-checks (electron-wake-events.ts). */
  wakeEvents?: WakeEvents;
  retryPolicy?: RetryPolicy;
  requestTimeoutMs?: number;
}

export interface AuthServicesOptions {
  directory: string;
  settings: SettingsStore;
  log: Logger;
  locale: () => Locale;
  adapters: AuthAdapters;
}

/** The file the encrypted session lives in, next to the settings. */
export const sessionFileName = 'session.bin';

export function defaultAuthAdapters(openBrowser: (url: string) => Promise<void>): AuthAdapters {
  return {
    fetch: (input, init) => fetch(input, init),
    cipher: noEncryption,
    openBrowser,
    clock: systemClock,
    timers: systemTimers,
    random: Math.random,
  };
}

export function createAuthServices(options: AuthServicesOptions) {
  const { adapters } = options;
  const oidc =
    adapters.oidc ??
    new OidcSignIn({
      openBrowser: adapters.openBrowser,
      pages: () => loopbackPages(options.locale()),
      clock: adapters.clock,
      fetch: adapters.fetch,
    });
  const refresher: OidcRefresher | null = oidc.refresh ? { refresh: (credential, signal) => oidc.refresh!(credential, signal) } : null;
  const vault = new SessionVault({ filePath: join(options.directory, sessionFileName), cipher: adapters.cipher, log: options.log });
  const cache = new TokenCache({
    fetch: adapters.fetch,
    vault,
    log: options.log,
    clock: adapters.clock,
    timers: adapters.timers,
    random: adapters.random,
    ...(adapters.retryPolicy ? { retryPolicy: adapters.retryPolicy } : {}),
    ...(adapters.requestTimeoutMs ? { requestTimeoutMs: adapters.requestTimeoutMs } : {}),
    oidc: refresher,
  });
  const service = new AuthService({
    cache,
    settings: options.settings,
    oidc,
    refresher,
    lastUser: new LastUserMarker(join(options.directory, lastUserFileName)),
    clock: adapters.clock,
    timers: adapters.timers,
    log: options.log,
  });
  return { vault, cache, service, wakeEvents: sharedWakeEvents(adapters.wakeEvents ?? noWakeEvents) };
}

export type AuthServices = ReturnType<typeof createAuthServices>;

export function registerAuthHandlers(router: IpcRouter, events: IpcEvents, auth: AuthServices): void {
  const { service, cache } = auth;
  router.handle('auth:getState', () => service.state());
  router.handle('auth:signInWithApiKey', (request) => service.signInWithApiKey(request));
  router.handle('auth:signInWithOidc', (request) => service.signInWithOidc(request));
  router.handle('auth:cancelSignIn', () => service.cancelSignIn());
  router.handle('auth:signOut', () => service.signOut());
  router.handle('auth:retryNow', () => service.retryNow());
  router.handle('auth:getToken', () => service.getToken());
  router.handle('auth:replaceRefusedToken', (request) => service.replaceRefusedToken(request));
  cache.onStateChange((state) => events.emit('auth:stateChanged', state));
  auth.wakeEvents.onWake(() => cache.wake());
  service.start();
}
