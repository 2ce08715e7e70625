/**
 * TokenCache with a fake clock, fake timers and an in-process fake token service: refresh
 * timing, single-flight, back-off bounds, offline behaviour, expiry, bad replies, encrypted
 * and memory-only persistence, and logs free of secrets.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy } from '../../../main/auth/retry-policy.js';
import { noEncryption } from '../../../main/auth/session-vault.js';
import { fakeSafeStorage } from '../../fixtures/fake-safe-storage.js';
import { fakeTime } from '../../fixtures/fake-time.js';
import { hang } from '../../fixtures/fake-token-service.js';
import { apiKey, minute, serviceUrl, setup } from './token-cache-setup.js';

describe('TokenCache', () => {
  it('starts signed out and refuses tokens with a translated reason', async () => {
    const { cache } = setup();
    expect(cache.state).toEqual({ status: 'signed-out', persistence: 'encrypted', reason: null });
    await expect(cache.getToken()).rejects.toMatchObject({ messageKey: 'auth:reasons.signedOut' });
  });

  it('sends 100 simultaneous callers on one request and gives them all the same token', async () => {
    const { cache, service, signIn, expire } = setup();
    await signIn();
    await expire();
    expect(cache.state.status).toBe('expired');
    const tokens = await Promise.all(Array.from({ length: 100 }, () => cache.getToken()));
    expect(service.tokenRequests()).toBe(1);
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
    expect(cache.state.status).toBe('ready');
  });

  it('answers from the cache while the token is fresh', async () => {
    const { cache, service, signIn } = setup();
    const first = await signIn();
    for (let i = 0; i < 10; i++) expect((await cache.getToken()).token).toBe(first.token);
    expect(service.requests).toEqual([]);
  });

  it('refreshes 15 minutes before expiry for a one-hour token (before the SDK starts asking)', async () => {
    const { cache, service, time, signIn } = setup({ lifetimeMs: 60 * minute });
    const first = await signIn();
    await time.advance(45 * minute - 1);
    expect(service.tokenRequests()).toBe(0);
    await time.advance(1);
    expect(service.tokenRequests()).toBe(1);
    const second = await cache.getToken();
    expect(second.token).not.toBe(first.token);
    expect(second.expiresOn).toBe(time.now + 60 * minute);
    expect(cache.state.status).toBe('ready');
  });

  it('refreshes at 80% of the lifetime for a one-day token', async () => {
    const { service, time, signIn } = setup({ lifetimeMs: 24 * 60 * minute });
    await signIn();
    await time.advance(0.8 * 24 * 60 * minute - 1);
    expect(service.tokenRequests()).toBe(0);
    await time.advance(1);
    expect(service.tokenRequests()).toBe(1);
  });

  it('refreshes short-lived tokens at half their lifetime, never in a loop', async () => {
    const { service, time, signIn } = setup({ lifetimeMs: 4 * minute });
    await signIn();
    await time.advance(2 * minute - 1);
    expect(service.tokenRequests()).toBe(0);
    await time.advance(60 * minute + 1);
    // One refresh every two minutes: at 2, 4, … 62 minutes.
    expect(service.tokenRequests()).toBe(31);
  });

  it('keeps handing out the valid token while the service is unreachable, then reports expiry', async () => {
    const { cache, service, time, states, signIn } = setup();
    const first = await signIn();
    const offline = () => Promise.reject(new TypeError('fetch failed'));
    for (let i = 0; i < 50; i++) service.script(offline);
    await time.advance(45 * minute); // proactive refresh fails
    expect(cache.state).toMatchObject({ status: 'refresh-failing', reason: { key: 'auth:reasons.unreachable' } });
    expect((await cache.getToken()).token).toBe(first.token);
    await time.advance(15 * minute);
    expect(cache.state).toMatchObject({ status: 'expired', reason: { key: 'auth:reasons.unreachable' }, needsSignIn: false });
    await expect(cache.getToken()).rejects.toMatchObject({ messageKey: 'auth:reasons.unreachable' });
    const statuses = states.map((s) => s.status).filter((status, i, all) => status !== all[i - 1]);
    expect(statuses).toEqual(['signed-out', 'ready', 'refresh-failing', 'expired']);
  });

  it('backs off exponentially with jitter inside its bounds, and stops retrying on its own after the limit', async () => {
    for (const random of [() => 0, () => 1, () => 0.37]) {
      const { cache, service, time, signIn } = setup({ random });
      await signIn();
      for (let i = 0; i < 100; i++) service.script(service.json(500, { error: { code: 'internal', message: 'x' } }));
      await time.advance(45 * minute);
      const delays: number[] = [];
      for (let failure = 1; failure < defaultRetryPolicy.maxConsecutiveFailures; failure++) {
        const [delay] = time.pendingDelays();
        delays.push(delay!);
        const nominal = Math.min(defaultRetryPolicy.maxDelayMs, defaultRetryPolicy.baseDelayMs * 2 ** (failure - 1));
        expect(delay).toBeGreaterThanOrEqual(nominal / 2);
        expect(delay).toBeLessThanOrEqual(nominal);
        await time.advance(delay!);
      }
      expect(service.tokenRequests()).toBe(defaultRetryPolicy.maxConsecutiveFailures);
      // Bounded: no timer is left that would retry again by itself…
      await time.advance(24 * 60 * minute);
      expect(service.tokenRequests()).toBe(defaultRetryPolicy.maxConsecutiveFailures);
      expect(cache.state).toMatchObject({ status: 'expired', reason: { key: 'auth:reasons.serverError' }, nextRetryAt: null });
      // …and a caller gets one new attempt, not a loop.
      await expect(cache.getToken()).rejects.toMatchObject({ messageKey: 'auth:reasons.serverError' });
      await expect(cache.getToken()).rejects.toMatchObject({ messageKey: 'auth:reasons.serverError' });
      expect(service.tokenRequests()).toBe(defaultRetryPolicy.maxConsecutiveFailures + 1);
    }
  });

  it('honours Retry-After and serves the valid token meanwhile, without new requests', async () => {
    const { cache, service, time, signIn } = setup();
    const first = await signIn();
    service.script(service.json(503, { error: { code: 'acs_unavailable', message: 'x' } }, { 'retry-after': '30' }));
    await time.advance(45 * minute);
    expect(cache.state).toMatchObject({ status: 'refresh-failing', reason: { key: 'auth:reasons.unavailable' } });
    // Retry-After (30 s) wins over the shorter first back-off (≤ 2 s).
    expect(time.pendingDelays()[0]).toBe(30_000);
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => cache.getToken()));
    expect(tokens.every((t) => t.token === first.token)).toBe(true);
    expect(service.tokenRequests()).toBe(1);
    await time.advance(30_000);
    expect(service.tokenRequests()).toBe(2);
    expect(cache.state.status).toBe('ready');
  });

  it('never turns callers into a tight loop when the token has expired', async () => {
    const { cache, service, signIn, expire } = setup();
    await signIn();
    await expire();
    service.script(service.json(503, { error: { code: 'acs_unavailable', message: 'x' } }, { 'retry-after': '30' }));
    await expect(cache.getToken()).rejects.toMatchObject({ messageKey: 'auth:reasons.unavailable' });
    const results = await Promise.allSettled(Array.from({ length: 1000 }, () => cache.getToken()));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(service.tokenRequests()).toBe(1);
  });

  it('tries again at once when the user asks, but not more than once every few seconds', async () => {
    const { cache, service, time, signIn, expire } = setup();
    await signIn();
    await expire();
    service.network.down = true;
    await cache.getToken().catch(() => undefined);
    expect(service.tokenRequests()).toBe(1);
    // In a back-off now; "Try again" goes through anyway…
    service.network.down = false;
    await time.advance(5_000);
    await Promise.all([cache.retryNow(), cache.retryNow(), cache.retryNow()]);
    expect(service.tokenRequests()).toBe(2);
    expect(cache.state.status).toBe('ready');
    // …but a burst of clicks does not become a burst of requests.
    for (let i = 0; i < 20; i++) await cache.retryNow();
    expect(service.tokenRequests()).toBe(2);
  });

  it('stops retrying when the service refuses the credential, and asks for a new sign-in at expiry', async () => {
    const { cache, service, time, signIn } = setup();
    await signIn();
    service.script(service.json(401, { error: { code: 'unauthorized', message: 'revoked' } }));
    await time.advance(45 * minute);
    // The token still works, but "Try again" cannot help: the state says a sign-in is needed.
    expect(cache.state).toMatchObject({ status: 'refresh-failing', reason: { key: 'auth:reasons.unauthorized' }, nextRetryAt: null, needsSignIn: true });
    await time.advance(10 * 60 * minute);
    expect(service.tokenRequests()).toBe(1);
    expect(cache.state).toMatchObject({ status: 'expired', needsSignIn: true });
    await expect(cache.getToken()).rejects.toMatchObject({ messageKey: 'auth:reasons.unauthorized' });
    expect(service.tokenRequests()).toBe(1);
  });

  it.each([
    ['garbage JSON', () => new Response('<html>oops', { status: 200 }), 'auth:reasons.badResponse'],
    ['a reply missing fields', () => Response.json({ token: 'x' }), 'auth:reasons.badResponse'],
    ['a 500', () => Response.json({ error: { code: 'internal', message: 'x' } }, { status: 500 }), 'auth:reasons.serverError'],
    ['a 429', () => Response.json({ error: { code: 'rate_limited', message: 'x' } }, { status: 429, headers: { 'retry-after': '5' } }), 'auth:reasons.rateLimited'],
    ['an already-expired token', () => Response.json({ token: 'a.b.c', expiresOn: '2020-01-01T00:00:00Z', communicationUserId: '8:acs:x', acsEndpoint: 'https://x.communication.azure.com/' }), 'auth:reasons.expiredToken'],
    ['a non-https ACS endpoint', () => Response.json({ token: 'a.b.c', expiresOn: '2099-01-01T00:00:00Z', communicationUserId: '8:acs:x', acsEndpoint: 'http://evil.example/' }), 'auth:reasons.badResponse'],
    ['an oversized reply', () => new Response('x'.repeat(200_000), { status: 200 }), 'auth:reasons.badResponse'],
  ])('turns %s into a clear state, without crashing', async (_name, reply, key) => {
    const { cache, service, time, signIn, expire } = setup();
    await signIn();
    await expire();
    service.script(reply());
    await expect(cache.getToken()).rejects.toMatchObject({ messageKey: key });
    expect(cache.state).toMatchObject({ status: 'expired', reason: { key } });
    // It recovers once the service answers properly again (after the back-off).
    await time.advance(defaultRetryPolicy.maxDelayMs + 15 * minute);
    await cache.getToken();
    expect(cache.state.status).toBe('ready');
  });

  it('abandons a request the service does not answer within the timeout', async () => {
    const { cache, service, time, signIn, expire } = setup();
    await signIn();
    await expire();
    service.script(hang);
    const pending = cache.getToken();
    const outcome = expect(pending).rejects.toMatchObject({ messageKey: 'auth:reasons.timeout' });
    await time.advance(10_000);
    await outcome;
    expect(cache.state).toMatchObject({ status: 'expired', reason: { key: 'auth:reasons.timeout' } });
  });

  it('discards a refresh that lands after sign-out', async () => {
    const { cache, service, time, signIn, expire } = setup();
    await signIn();
    await expire();
    let release!: () => void;
    service.script(() => new Promise<Response>((resolve) => (release = () => resolve(service.answer({ path: '/token', authorization: `ApiKey ${apiKey}` })))));
    const pending = cache.getToken();
    await time.advance(0);
    cache.signOut();
    release();
    await expect(pending).rejects.toMatchObject({ messageKey: 'auth:reasons.signedOut' });
    expect(cache.state.status).toBe('signed-out');
  });

  it('keeps the session encrypted on disk, never in plain text', async () => {
    const { filePath, signIn } = setup();
    const token = await signIn();
    const bytes = readFileSync(filePath);
    const asText = bytes.toString('latin1');
    for (const secret of [token.token, apiKey, token.communicationUserId, serviceUrl, 'apiKey', '"token"']) {
      expect(asText.includes(secret), secret).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le')), secret).toBe(false);
    }
    // Not even base64 of it.
    expect(asText.includes(Buffer.from(apiKey).toString('base64').slice(0, 12))).toBe(false);
  });

  it('restores the session on the next start with the same OS key', async () => {
    const time = fakeTime();
    const cipher = fakeSafeStorage();
    const first = setup({ cipher, time });
    const token = await first.signIn();
    first.cache.dispose();
    const second = setup({ cipher, time, directory: first.directory });
    expect(second.cache.state).toMatchObject({ status: 'ready', communicationUserId: token.communicationUserId, persistence: 'encrypted' });
    expect((await second.cache.getToken()).token).toBe(token.token);
    expect(second.service.requests).toEqual([]);
  });

  it('refreshes at start-up when the stored token has expired', async () => {
    const time = fakeTime();
    const cipher = fakeSafeStorage();
    const first = setup({ cipher, time });
    await first.signIn();
    first.cache.dispose();
    await time.advance(2 * 60 * minute);
    const second = setup({ cipher, time, directory: first.directory });
    await time.advance(0);
    expect(second.service.tokenRequests()).toBe(1);
    expect(second.cache.state.status).toBe('ready');
  });

  it('discards a file it cannot decrypt (another user, a new OS key) and starts signed out', async () => {
    const first = setup();
    await first.signIn();
    const second = setup({ cipher: fakeSafeStorage(), directory: first.directory });
    expect(second.cache.state.status).toBe('signed-out');
    expect(existsSync(first.filePath)).toBe(false);
  });

  it('keeps the session in memory only, and says so, when the OS offers no encryption', async () => {
    const { cache, filePath, signIn, directory } = setup({ cipher: noEncryption });
    await signIn();
    expect(cache.state).toMatchObject({ status: 'ready', persistence: 'memory-only' });
    expect(existsSync(filePath)).toBe(false);
    const next = setup({ cipher: noEncryption, directory });
    expect(next.cache.state).toEqual({ status: 'signed-out', persistence: 'memory-only', reason: null });
  });

  it('never writes a token or key to the log', async () => {
    const { logger, service, time, signIn, cache, expire } = setup();
    const token = await signIn();
    service.script(service.json(500, {}), () => Promise.reject(new TypeError('fetch failed')));
    await time.advance(46 * minute);
    await expire();
    await cache.getToken();
    const text = JSON.stringify(logger.lines);
    expect(logger.lines.length).toBeGreaterThan(2);
    expect(text).not.toContain(token.token);
    expect(text).not.toContain(apiKey);
  });
});
