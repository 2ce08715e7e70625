/**
 * TokenCache recovering from what the happy path never meets: ACS refusing a token the cache
 * still thinks valid, a machine that slept through its timers, a network that came back after
 * the background retries gave up, a sign-in that lands while an older request is running, a
 * session the OS would not let it save, and a slow service within the request timeout.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy } from '../../../main/auth/retry-policy.js';
import { minForcedRefreshIntervalMs } from '../../../main/auth/token-cache.js';
import { fakeSafeStorage, refusalMessage } from '../../fixtures/fake-safe-storage.js';
import { hang } from '../../fixtures/fake-token-service.js';
import { hour, minute, setup } from './token-cache-setup.js';

describe('a token ACS refused', () => {
  it('is dropped and replaced with one request; the state says why meanwhile', async () => {
    const { cache, service, time, states, signIn, reload } = setup();
    const refused = await signIn();
    states.length = 0;
    await time.advance(minute);
    const fresh = await cache.replaceRefusedToken(refused.expiresOn);
    expect(fresh.token).not.toBe(refused.token);
    expect(service.tokenRequests()).toBe(1);
    expect(states.map((s) => s.status)).toEqual(['expired', 'ready']);
    expect(states[0]).toMatchObject({ reason: { key: 'auth:reasons.tokenRefused' }, communicationUserId: refused.communicationUserId });
    // The refused token is never handed out again, not even after a restart.
    expect((await cache.getToken()).token).toBe(fresh.token);
    expect(reload()?.token?.token).toBe(fresh.token);
  });

  it('is not handed out after a restart when the replacement failed', async () => {
    const { cache, service, signIn, reload } = setup();
    const refused = await signIn();
    service.network.down = true;
    await expect(cache.replaceRefusedToken(refused.expiresOn)).rejects.toMatchObject({ messageKey: 'auth:reasons.unreachable' });
    expect(cache.state).toMatchObject({ status: 'expired' });
    await expect(cache.getToken()).rejects.toBeTruthy();
    expect(reload()?.token).toMatchObject({ token: refused.token, refused: true });
  });

  it('a late report about a token already replaced gets the current one, without a request', async () => {
    const { cache, service, signIn, time } = setup();
    const old = await signIn();
    await time.advance(minute);
    const current = await cache.replaceRefusedToken(old.expiresOn);
    service.requests.length = 0;
    expect((await cache.replaceRefusedToken(old.expiresOn)).token).toBe(current.token);
    expect((await cache.replaceRefusedToken(Date.parse('2030-01-01T00:00:00Z'))).token).toBe(current.token);
    expect(service.tokenRequests()).toBe(0);
  });

  it('many reports at once share one replacement', async () => {
    const { cache, service, signIn } = setup();
    const refused = await signIn();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => cache.replaceRefusedToken(refused.expiresOn)));
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
    expect(service.tokenRequests()).toBe(1);
  });

  it('a renderer that keeps reporting cannot hammer the service: one forced renewal per interval', async () => {
    const { cache, service, signIn, time } = setup();
    let token = await signIn();
    token = await cache.replaceRefusedToken(token.expiresOn);
    await time.advance(1_000);
    // Refused again at once: this replacement waits for the interval to pass.
    let settled = false;
    const next = cache.replaceRefusedToken(token.expiresOn).then((t) => ((settled = true), t));
    await time.advance(minForcedRefreshIntervalMs - 2_000);
    expect(settled).toBe(false);
    expect(service.tokenRequests()).toBe(1);
    await time.advance(1_000);
    expect(settled).toBe(true);
    expect((await next).token).not.toBe(token.token);
    expect(service.tokenRequests()).toBe(2);
  });

  it('asks nobody when the service had already refused the sign-in: the token goes, a sign-in is needed', async () => {
    const { cache, service, time, signIn } = setup();
    const token = await signIn();
    service.script(service.json(401, { error: { code: 'unauthorized', message: 'revoked' } }));
    await time.advance(45 * minute);
    expect(cache.state).toMatchObject({ status: 'refresh-failing', needsSignIn: true });
    await expect(cache.replaceRefusedToken(token.expiresOn)).rejects.toMatchObject({ messageKey: 'auth:reasons.unauthorized' });
    expect(service.tokenRequests()).toBe(1);
    expect(cache.state).toMatchObject({ status: 'expired', needsSignIn: true });
  });

  it('still needs a sign-in when the service refuses the credential too', async () => {
    const { cache, service, signIn } = setup();
    const refused = await signIn();
    service.script(service.json(401, { error: { code: 'unauthorized', message: 'revoked' } }));
    await expect(cache.replaceRefusedToken(refused.expiresOn)).rejects.toMatchObject({ messageKey: 'auth:reasons.unauthorized' });
    expect(cache.state).toMatchObject({ status: 'expired', needsSignIn: true });
  });
});

describe('after sleep or a network outage', () => {
  it('notices at once that the token expired while the machine slept, and renews it', async () => {
    const { cache, service, time, signIn } = setup();
    await signIn();
    await time.sleep(3 * hour);
    // Nothing fired during the sleep: the published state is stale until someone looks.
    expect(cache.state.status).toBe('ready');
    cache.wake();
    await time.advance(0);
    expect(service.tokenRequests()).toBe(1);
    expect(cache.state.status).toBe('ready');
    expect(Date.parse((cache.state as { expiresOn: string }).expiresOn)).toBeGreaterThan(time.now + 50 * minute);
  });

  it('renews a token that became due during the sleep, and leaves a fresh one alone', async () => {
    const { cache, service, time, signIn } = setup();
    await signIn();
    await time.sleep(10 * minute);
    cache.wake();
    await time.advance(0);
    expect(service.tokenRequests()).toBe(0);
    await time.sleep(40 * minute);
    cache.wake();
    await time.advance(0);
    expect(service.tokenRequests()).toBe(1);
  });

  it('tries again when the network comes back after the background retries gave up', async () => {
    const { cache, service, time, signIn } = setup();
    await signIn();
    service.network.down = true;
    await time.advance(61 * minute + 8 * defaultRetryPolicy.maxDelayMs);
    const attempts = service.tokenRequests();
    expect(attempts).toBe(defaultRetryPolicy.maxConsecutiveFailures);
    await time.advance(2 * hour);
    expect(service.tokenRequests()).toBe(attempts);
    expect(cache.state).toMatchObject({ status: 'expired', nextRetryAt: null });
    service.network.down = false;
    cache.wake();
    await time.advance(0);
    expect(service.tokenRequests()).toBe(attempts + 1);
    expect(cache.state.status).toBe('ready');
  });

  it('resumes background retries (a fresh back-off) when the wake-up attempt fails too', async () => {
    const { cache, service, time, signIn } = setup();
    await signIn();
    service.network.down = true;
    await time.advance(61 * minute + 8 * defaultRetryPolicy.maxDelayMs + 2 * hour);
    const attempts = service.tokenRequests();
    cache.wake();
    await time.advance(0);
    expect(service.tokenRequests()).toBe(attempts + 1);
    // The series starts over at the base delay, so the network's return is noticed soon.
    await time.advance(defaultRetryPolicy.baseDelayMs);
    expect(service.tokenRequests()).toBe(attempts + 2);
  });

  it('turns a storm of wake events into one request', async () => {
    const { cache, service, time, signIn } = setup();
    await signIn();
    await time.sleep(2 * hour);
    for (let i = 0; i < 10; i++) cache.wake();
    await time.advance(0);
    expect(service.tokenRequests()).toBe(1);
  });

  it('does nothing when only a new sign-in can help', async () => {
    const { cache, service, time, signIn } = setup();
    await signIn();
    service.script(service.json(401, { error: { code: 'unauthorized', message: 'revoked' } }));
    await time.advance(45 * minute);
    expect(cache.state).toMatchObject({ status: 'refresh-failing', needsSignIn: true, nextRetryAt: null });
    cache.wake();
    await time.advance(0);
    expect(service.tokenRequests()).toBe(1);
  });
});

describe('a sign-in while an older request is still running', () => {
  it('does not leave the cache stuck: the new session refreshes on time', async () => {
    const { cache, service, time, signIn } = setup();
    await signIn();
    service.script(hang);
    await time.advance(45 * minute);
    expect(service.tokenRequests()).toBe(1);
    // The user signs in again while that request hangs; then it times out.
    const second = await signIn();
    await time.advance(10_000);
    expect(cache.state.status).toBe('ready');
    // The new token's refresh time comes: a request goes out, and a fresh token arrives.
    await time.advance(45 * minute);
    expect(service.tokenRequests()).toBe(1);
    expect((await cache.getToken()).expiresOn).toBeGreaterThan(second.expiresOn);
  });
});

describe('a session the OS will not let us save', () => {
  it('completes the sign-in in memory only, says so, and leaves no file', async () => {
    const { cache, filePath, signIn, logger } = setup({ cipher: fakeSafeStorage({ refuse: true }) });
    await signIn();
    expect(cache.state).toMatchObject({ status: 'ready', persistence: 'save-failed' });
    expect(existsSync(filePath)).toBe(false);
    expect((await cache.getToken()).communicationUserId).toMatch(/^8:acs:/);
    expect(logger.lines.some((l) => l.message.includes('could not be saved'))).toBe(true);
    // What failed and where (describeError), never the error's message.
    const line = logger.lines.find((l) => l.message.includes('could not be saved'))!;
    expect(line.fields).toMatchObject({ error: 'Error', at: expect.arrayContaining([expect.stringMatching(/^at /)]) });
    expect(JSON.stringify(line)).not.toContain(refusalMessage);
  });

  it('removes an older saved session rather than leave it to come back after a restart', async () => {
    const cipher = fakeSafeStorage();
    const { cache, filePath, signIn } = setup({ cipher });
    await signIn();
    expect(existsSync(filePath)).toBe(true);
    cipher.encryptString = () => {
      throw new Error('disk full');
    };
    await cache.replaceRefusedToken(cache.currentSession!.token!.expiresOn);
    expect(cache.state).toMatchObject({ status: 'ready', persistence: 'save-failed' });
    expect(existsSync(filePath)).toBe(false);
  });
});

describe('the request timeout', () => {
  it('outlasts the token service\'s own ACS budget (10 s), so a slow ACS arrives as the service\'s answer', async () => {
    const { cache, service, signIn, time } = setup({ requestTimeoutMs: null });
    const old = await signIn();
    service.script(async (request) => {
      await new Promise<void>((resolve) => time.timers.setTimeout(resolve, 12_000));
      return service.json(503, { error: { code: 'acs_unavailable', message: 'slow' } }, { 'retry-after': '30' });
    });
    const pending = cache.replaceRefusedToken(old.expiresOn);
    const outcome = expect(pending).rejects.toMatchObject({ messageKey: 'auth:reasons.unavailable' });
    await time.advance(12_000);
    await outcome;
  });
});
