/**
 * The desktop TokenCache against the REAL token service process (org-service/, started as
 * `npm run org-service` would, in front of the HTTPS fake ACS identity endpoint). Where a
 * reply the service never sends is needed (a 500 page, HTML), a tampering proxy sits between.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Clock, Timers } from '../../../main/auth/clock.js';
import { defaultRetryPolicy, refreshAt } from '../../../main/auth/retry-policy.js';
import { SessionVault } from '../../../main/auth/session-vault.js';
import { TokenCache } from '../../../main/auth/token-cache.js';
import type { FetchLike } from '../../../main/auth/token-service-client.js';
import { startFakeAcsIdentity, type FakeAcsIdentity } from '../../../org-service/test/fixtures/fake-acs-identity/index.js';
import { startTokenServiceProcess, type TokenServiceProcess } from '../../../org-service/test/fixtures/token-service-process.js';
import { fakeSafeStorage } from '../../fixtures/fake-safe-storage.js';
import { fakeTime } from '../../fixtures/fake-time.js';
import { appFrame, startTestMainServices, tempDir } from '../../fixtures/main-services.js';
import { recordingLogger } from '../../fixtures/recorders.js';
import { startTamperingProxy } from '../../fixtures/tampering-proxy.js';

const minute = 60_000;
let acs: FakeAcsIdentity;
let service: TokenServiceProcess;
let serviceUrl: string;
let proxy: Awaited<ReturnType<typeof startTamperingProxy>>;

beforeAll(async () => {
  acs = await startFakeAcsIdentity();
  service = await startTokenServiceProcess({ acs, env: { ACS_TOKEN_LIFETIME_MINUTES: '60', ACS_RETRY_AFTER_SECONDS: '10', RATE_LIMIT_PER_USER_PER_MINUTE: '1000' } });
  serviceUrl = `${service.url}/`;
  proxy = await startTamperingProxy(serviceUrl);
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await service?.stop();
  await acs?.stop();
});

const issuedByAcs = () => acs.requests.filter((r) => r.operation === 'issueToken' && r.status < 300).length;
const realPause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A cache whose vault holds a fresh sign-in's credential but no token yet (as right after the
 * first run's sign-in, or a restart after expiry): starting it fetches a token.
 */
function cacheFor(options: { url?: string; apiKey?: string; clock?: Clock; timers?: Timers; requestTimeoutMs?: number } = {}) {
  const requests: string[] = [];
  const fetch: FetchLike = (url, init) => {
    requests.push(url);
    return globalThis.fetch(url, init);
  };
  const directory = tempDir();
  const logger = recordingLogger();
  const filePath = join(directory, 'session.bin');
  const apiKey = options.apiKey ?? service.createApiKey(`user-${Math.random().toString(36).slice(2)}`);
  const vault = new SessionVault({ filePath, cipher: fakeSafeStorage(), log: logger.log });
  vault.save({ serviceUrl: options.url ?? serviceUrl, credential: { kind: 'api-key', apiKey }, token: null });
  const cache = new TokenCache({
    fetch,
    vault,
    log: logger.log,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
    random: () => 0.5,
    requestTimeoutMs: options.requestTimeoutMs ?? 5_000,
  });
  return { cache, requests, filePath, apiKey, logger };
}

describe('TokenCache against the real token service', () => {
  it('sends 100 simultaneous getToken calls on ONE request, and ACS issues one token', async () => {
    const { cache, requests } = cacheFor();
    const before = issuedByAcs();
    cache.start();
    const tokens = await Promise.all(Array.from({ length: 100 }, () => cache.getToken()));
    expect(requests).toEqual([`${serviceUrl}token`]);
    expect(issuedByAcs() - before).toBe(1);
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
    expect(await acs.tokenIsValid(tokens[0]!.token)).toBe(true);
    expect(acs.decodeToken(tokens[0]!.token).acsScope).toContain('voip');
    expect(cache.state).toMatchObject({ status: 'ready', communicationUserId: tokens[0]!.communicationUserId });
    cache.dispose();
  });

  it('keeps the real token and API key out of the persisted file and the log', async () => {
    const { cache, filePath, apiKey, logger } = cacheFor();
    cache.start();
    const token = await cache.getToken();
    const file = readFileSync(filePath).toString('latin1');
    expect(file).not.toContain(token.token);
    expect(file).not.toContain(token.token.split('.')[1]!);
    expect(file).not.toContain(apiKey);
    expect(file).not.toContain('8:acs:');
    expect(JSON.stringify(logger.lines)).not.toContain(token.token);
    expect(JSON.stringify(logger.lines)).not.toContain(apiKey);
    cache.dispose();
  });

  it('refreshes proactively, 15 minutes before a one-hour token expires', async () => {
    const time = fakeTime(Date.now());
    const { cache, requests } = cacheFor({ clock: time.clock, timers: time.timers });
    const before = issuedByAcs();
    cache.start();
    const first = await cache.getToken();
    expect(requests).toHaveLength(1);
    // The service's clock set expiresOn (to the second): the refresh is due 15 minutes before it.
    const due = first.expiresOn - 15 * minute;
    expect(refreshAt(first.obtainedAt, first.expiresOn)).toBe(due);
    await time.advance(due - time.now - 1_000);
    expect(requests).toHaveLength(1);
    await time.advance(1_000);
    expect(requests).toHaveLength(2);
    // The refresh is in flight over real HTTP; callers keep the current token meanwhile.
    await vi.waitFor(async () => expect((await cache.getToken()).token).not.toBe(first.token));
    const second = await cache.getToken();
    expect(issuedByAcs() - before).toBe(2);
    expect(await acs.tokenIsValid(second.token)).toBe(true);
    expect(cache.state.status).toBe('ready');
    expect(second.communicationUserId).toBe(first.communicationUserId);
    cache.dispose();
  });

  it('reports a service that is down, retries a bounded number of times, and never loops', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const downUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const time = fakeTime(Date.now());
    const { cache, requests } = cacheFor({ url: downUrl, apiKey: 'any', clock: time.clock, timers: time.timers });
    cache.start();
    await expect(cache.getToken()).rejects.toMatchObject({ messageKey: 'auth:reasons.unreachable' });
    expect(cache.state).toMatchObject({ status: 'expired', reason: { key: 'auth:reasons.unreachable' }, needsSignIn: false });
    // Each background retry is a real connection attempt: let it fail before moving time on.
    for (let i = 0; i < 60 && requests.length < defaultRetryPolicy.maxConsecutiveFailures; i++) {
      await time.advance(defaultRetryPolicy.maxDelayMs);
      await realPause(20);
    }
    await vi.waitFor(() => expect(cache.state).toMatchObject({ status: 'expired', nextRetryAt: null }));
    // Bounded: a day later, no retry has happened on its own.
    await time.advance(24 * 60 * minute);
    await realPause(50);
    expect(requests).toHaveLength(defaultRetryPolicy.maxConsecutiveFailures);
    const burst = await Promise.allSettled(Array.from({ length: 200 }, () => cache.getToken()));
    expect(burst.every((r) => r.status === 'rejected')).toBe(true);
    expect(requests).toHaveLength(defaultRetryPolicy.maxConsecutiveFailures + 1);
    cache.dispose();
  });

  it('abandons a slow service after the request timeout', async () => {
    acs.responseDelayMs = 3_000;
    try {
      const { cache } = cacheFor({ requestTimeoutMs: 500 });
      cache.start();
      const started = Date.now();
      await expect(cache.getToken()).rejects.toMatchObject({ messageKey: 'auth:reasons.timeout' });
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(cache.state).toMatchObject({ status: 'expired', reason: { key: 'auth:reasons.timeout' } });
      cache.dispose();
    } finally {
      acs.responseDelayMs = 0;
    }
  });

  it('waits as long as the service\'s Retry-After when ACS is unavailable, then recovers', async () => {
    const time = fakeTime(Date.now());
    const { cache, requests } = cacheFor({ clock: time.clock, timers: time.timers });
    acs.fail({ status: 503, operation: 'issueToken', times: 1 });
    try {
      cache.start();
      await expect(cache.getToken()).rejects.toMatchObject({ messageKey: 'auth:reasons.unavailable' });
      // The service said Retry-After: 10; the first back-off alone would be about 1.5 s.
      expect(time.pendingDelays()[0]).toBe(10_000);
      await time.advance(10_000);
      await vi.waitFor(() => expect(cache.state.status).toBe('ready'));
      expect(requests).toHaveLength(2);
    } finally {
      acs.clearFailures();
      cache.dispose();
    }
  });

  it.each([
    ['status-500', 'auth:reasons.serverError'],
    ['garbage', 'auth:reasons.badResponse'],
  ] as const)('turns a %s reply into a clear state, and recovers when the service is healthy again', async (mode, key) => {
    const time = fakeTime(Date.now());
    const { cache } = cacheFor({ url: proxy.url, clock: time.clock, timers: time.timers });
    proxy.state.mode = mode;
    try {
      cache.start();
      await expect(cache.getToken()).rejects.toMatchObject({ messageKey: key });
      expect(cache.state).toMatchObject({ status: 'expired', reason: { key } });
    } finally {
      proxy.state.mode = 'pass';
    }
    await time.advance(defaultRetryPolicy.baseDelayMs);
    await vi.waitFor(() => expect(cache.state.status).toBe('ready'));
    cache.dispose();
  });

  it('refuses a token that is already expired by the desktop\'s clock (a clock two days ahead)', async () => {
    const time = fakeTime(Date.now() + 2 * 24 * 60 * minute);
    const { cache } = cacheFor({ clock: time.clock, timers: time.timers });
    cache.start();
    await expect(cache.getToken()).rejects.toMatchObject({ messageKey: 'auth:reasons.expiredToken' });
    expect(cache.state).toMatchObject({ status: 'expired', reason: { key: 'auth:reasons.expiredToken' } });
    cache.dispose();
  });

  it('stops at once when the service refuses the key: only a new sign-in helps', async () => {
    const time = fakeTime(Date.now());
    const { cache, requests } = cacheFor({ apiKey: 'not-a-real-key', clock: time.clock, timers: time.timers });
    cache.start();
    await expect(cache.getToken()).rejects.toMatchObject({ messageKey: 'auth:reasons.unauthorized' });
    await time.advance(24 * 60 * minute);
    await expect(cache.getToken()).rejects.toMatchObject({ messageKey: 'auth:reasons.unauthorized' });
    expect(requests).toHaveLength(1);
    expect(cache.state).toMatchObject({ status: 'expired', needsSignIn: true });
    cache.dispose();
  });
});

describe('sign-in and sign-out through the main services, against the real token service', () => {
  it('signs in with an API key, hands out a token ACS accepts, and revokes it at sign-out', async () => {
    const { services } = startTestMainServices({ auth: { fetch: (url, init) => globalThis.fetch(url, init) } }, { signedIn: false });
    const apiKey = service.createApiKey('alice@contoso.test');
    const signedIn = await services.router.dispatch('auth:signInWithApiKey', { serviceUrl, apiKey }, appFrame);
    expect(signedIn).toMatchObject({ ok: true, value: { status: 'ready', serviceUrl } });
    const result = await services.router.dispatch('auth:getToken', undefined, appFrame);
    if (!result.ok) throw new Error(result.error.messageKey);
    const token = result.value as { token: string; acsEndpoint: string };
    expect(token.acsEndpoint).toBe(acs.url);
    expect(await acs.tokenIsValid(token.token)).toBe(true);
    await services.router.dispatch('auth:signOut', undefined, appFrame);
    await services.auth.service.pendingRevocation;
    expect(await acs.tokenIsValid(token.token)).toBe(false);
    services.auth.cache.dispose();
  });

  it('explains a wrong key from the real service', async () => {
    const { services } = startTestMainServices({ auth: { fetch: (url, init) => globalThis.fetch(url, init) } }, { signedIn: false });
    const result = await services.router.dispatch('auth:signInWithApiKey', { serviceUrl, apiKey: 'wrong-key' }, appFrame);
    expect(result).toEqual({ ok: false, error: { code: 'failed', messageKey: 'auth:reasons.apiKeyRefused' } });
  });
});
