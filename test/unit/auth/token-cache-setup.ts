/**
 * A TokenCache as the token-cache tests use it: a fake clock and timers, the in-process fake
 * token service (one-hour tokens unless told), a session vault in a temp directory encrypted
 * with fakeSafeStorage unless told, and every state it publishes recorded.
 */
import { join } from 'node:path';
import type { AuthState } from '../../../contract/channels-auth.js';
import { defaultRetryPolicy } from '../../../main/auth/retry-policy.js';
import { SessionVault, type SecretCipher } from '../../../main/auth/session-vault.js';
import { TokenCache } from '../../../main/auth/token-cache.js';
import { fakeSafeStorage } from '../../fixtures/fake-safe-storage.js';
import { fakeTime } from '../../fixtures/fake-time.js';
import { createFakeTokenService } from '../../fixtures/fake-token-service.js';
import { tempDir } from '../../fixtures/main-services.js';
import { recordingLogger } from '../../fixtures/recorders.js';

export const serviceUrl = 'https://tokens.example.test/';
export const apiKey = 'dev-key-alice';
export const minute = 60_000;
export const hour = 60 * minute;

export interface TokenCacheSetupOptions {
  cipher?: SecretCipher;
  random?: () => number;
  lifetimeMs?: number;
  directory?: string;
  time?: ReturnType<typeof fakeTime>;
  /** The cache's request timeout; null leaves the cache's own default. */
  requestTimeoutMs?: number | null;
}

export function setup(options: TokenCacheSetupOptions = {}) {
  const time = options.time ?? fakeTime();
  const service = createFakeTokenService({ now: time.clock.now, lifetimeMs: options.lifetimeMs ?? hour });
  const directory = options.directory ?? tempDir();
  const logger = recordingLogger();
  const cipher = options.cipher ?? fakeSafeStorage();
  const filePath = join(directory, 'session.bin');
  const vault = new SessionVault({ filePath, cipher, log: logger.log });
  const cache = new TokenCache({
    fetch: service.fetch,
    vault,
    log: logger.log,
    clock: time.clock,
    timers: time.timers,
    random: options.random ?? (() => 0.5),
    ...(options.requestTimeoutMs === null ? {} : { requestTimeoutMs: options.requestTimeoutMs ?? 10_000 }),
  });
  const states: AuthState[] = [];
  cache.onStateChange((state) => states.push(state));
  cache.start();
  /** Signs in with the API key; the requests it made are forgotten (its states are kept). */
  const signIn = async () => {
    const token = await cache.client.requestToken(serviceUrl, `ApiKey ${apiKey}`);
    cache.completeSignIn({ serviceUrl, credential: { kind: 'api-key', apiKey }, token });
    service.requests.length = 0;
    return token;
  };
  /**
   * Lets the token expire while the service is unreachable (background retries exhausted,
   * back-off over), then brings the service back: the next getToken makes one request.
   */
  const expire = async () => {
    service.network.down = true;
    await time.advance(61 * minute + defaultRetryPolicy.maxDelayMs);
    service.network.down = false;
    service.requests.length = 0;
    states.length = 0;
  };
  /** The session as a restarted app would read it from the file. */
  const reload = () => new SessionVault({ filePath, cipher, log: logger.log }).load();
  return { time, service, cache, states, logger, vault, filePath, directory, cipher, signIn, expire, reload };
}
