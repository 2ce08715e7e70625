/**
 * Sign-in and sign-out beyond the first time, through the real IPC router and main services:
 * revoking with an OIDC access token that has long expired, a revocation that never answers,
 * quitting right after signing out, a new sign-in replacing someone else's session, call
 * history that must not pass from one person to the next, the refused-token channel, the
 * display name, a session the OS will not let us save, and wake events reaching the cache.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { NewCallHistoryEntry } from '../../../contract/channels-calls.js';
import { revocationTimeoutMs } from '../../../main/auth/auth-service.js';
import { sessionFileName, type WakeEvents } from '../../../main/auth/auth-services.js';
import type { OidcCredential } from '../../../main/auth/authorizer.js';
import { loopbackPages } from '../../../main/auth/browser-pages.js';
import { OidcSignIn } from '../../../main/auth/oidc-sign-in.js';
import { quitAfterRevocation } from '../../../main/auth/quit-guard.js';
import { noEncryption } from '../../../main/auth/session-vault.js';
import { fakeSafeStorage } from '../../fixtures/fake-safe-storage.js';
import { fakeTime } from '../../fixtures/fake-time.js';
import { createFakeTokenService, hang, type FakeTokenService } from '../../fixtures/fake-token-service.js';
import { appFrame, startTestMainServices, tempDir } from '../../fixtures/main-services.js';

const serviceUrl = 'https://tokens.contoso.test/';
const minute = 60_000;
const hour = 60 * minute;

const call: NewCallHistoryEntry = {
  direction: 'incoming',
  peerRawId: '4:+14255550100',
  peerDisplay: 'Front Desk',
  startedAt: '2026-03-02T09:00:00.000Z',
  durationSeconds: 42,
  outcome: 'completed',
  endCode: 0,
  endSubCode: 0,
};

/** Main services with an OIDC provider that issues 1-hour access tokens and renews them. */
function withOidc(options: { tokenService?: FakeTokenService; refresh?: (credential: OidcCredential, signal?: AbortSignal) => Promise<OidcCredential> } = {}) {
  const time = fakeTime(Date.now());
  const tokenService = options.tokenService ?? createFakeTokenService({ now: time.clock.now, lifetimeMs: 8 * hour, apiKeys: ['dev-key-alice'] });
  const renewals: OidcCredential[] = [];
  const started = startTestMainServices(
    {
      auth: {
        fetch: tokenService.fetch,
        clock: time.clock,
        timers: time.timers,
        oidc: {
          signIn: async (settings) => ({
            kind: 'oidc',
            issuer: settings.issuer,
            clientId: settings.clientId,
            accessToken: 'good-access-1',
            accessTokenExpiresAt: time.now + hour,
            refreshToken: 'refresh-1',
          }),
          refresh:
            options.refresh ??
            (async (credential) => {
              const renewed = { ...credential, accessToken: `good-access-${renewals.length + 2}`, accessTokenExpiresAt: time.now + hour };
              renewals.push(renewed);
              return renewed;
            }),
        },
      },
    },
    { signedIn: false },
  );
  return { ...started, time, tokenService, renewals };
}

describe('sign-out with the organisation (OIDC)', () => {
  it('revokes even when the access token expired long ago: it is renewed first', async () => {
    const { services, tokenService, time, renewals } = withOidc();
    expect(await services.router.dispatch('auth:signInWithOidc', { serviceUrl }, appFrame)).toMatchObject({ ok: true, value: { status: 'ready' } });
    // Two hours on: the ACS token (8 h) is fine and was never renewed, the access token (1 h) is not.
    await time.advance(2 * hour);
    expect(tokenService.tokenRequests()).toBe(1);
    await services.router.dispatch('auth:signOut', undefined, appFrame);
    await services.auth.service.pendingRevocation;
    expect(renewals).toHaveLength(1);
    expect(tokenService.requests.at(-1)).toEqual({ path: '/sign-out', authorization: 'Bearer good-access-2' });
  });

  it('gives up after a few seconds when the identity provider does not answer, signed out all the same', async () => {
    // The real refresher, whose identity provider never answers (its fetch hangs, ignoring any signal).
    const unanswered = new OidcSignIn({ openBrowser: async () => {}, pages: () => loopbackPages('en'), clock: { now: () => Date.now() }, fetch: () => new Promise(() => {}) });
    const { services, tokenService, time, logger } = withOidc({ refresh: (credential, signal) => unanswered.refresh(credential, signal) });
    await services.router.dispatch('auth:signInWithOidc', { serviceUrl }, appFrame);
    await time.advance(2 * hour);
    expect(await services.router.dispatch('auth:signOut', undefined, appFrame)).toMatchObject({ ok: true, value: { status: 'signed-out' } });
    expect(services.auth.service.revocationPending).toBe(true);
    await time.advance(revocationTimeoutMs);
    expect(services.auth.service.revocationPending).toBe(false);
    expect(tokenService.requests.filter((r) => r.path === '/sign-out')).toEqual([]);
    expect(logger.lines.some((l) => l.message.includes('could not revoke') && l.fields?.reason === 'timeout')).toBe(true);
  });
});

describe('quitting right after signing out', () => {
  it('waits for the revocation, but never more than 2 seconds, and only once', async () => {
    const time = fakeTime(Date.now());
    const tokenService = createFakeTokenService({ now: time.clock.now });
    const { services } = startTestMainServices({ auth: { fetch: tokenService.fetch, clock: time.clock, timers: time.timers } });
    const quit = vi.fn();
    const holdQuit = quitAfterRevocation(services.auth.service, quit);
    expect(holdQuit()).toBe(false);

    tokenService.script(hang);
    await services.router.dispatch('auth:signOut', undefined, appFrame);
    const guard = quitAfterRevocation(services.auth.service, quit);
    expect(guard()).toBe(true);
    await time.advance(1_999);
    expect(quit).not.toHaveBeenCalled();
    await time.advance(1);
    expect(quit).toHaveBeenCalledTimes(1);
    // The second before-quit (from that quit) goes through.
    expect(guard()).toBe(false);
  });

  it('quits as soon as the revocation is done', async () => {
    const { services } = startTestMainServices();
    await services.router.dispatch('auth:signOut', undefined, appFrame);
    const quit = vi.fn();
    expect(quitAfterRevocation(services.auth.service, quit)()).toBe(true);
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
  });
});

describe('signing in again', () => {
  it('revokes the replaced session\'s tokens when someone else signs in', async () => {
    const tokenService = createFakeTokenService({ now: () => Date.now(), apiKeys: ['dev-key-alice', 'dev-key-bob'] });
    const { services } = startTestMainServices({ auth: { fetch: tokenService.fetch } });
    // Alice's stored key stopped working; Bob signs in on this computer.
    await services.router.dispatch('auth:signInWithApiKey', { serviceUrl, apiKey: 'dev-key-bob' }, appFrame);
    await services.auth.service.pendingRevocation;
    expect(tokenService.requests).toEqual([
      { path: '/token', authorization: 'ApiKey dev-key-bob' },
      { path: '/sign-out', authorization: 'ApiKey dev-key-alice' },
    ]);
  });

  it('does not revoke when the same person signs in again (it would kill the token just issued)', async () => {
    const tokenService = createFakeTokenService({ now: () => Date.now() });
    const { services } = startTestMainServices({ auth: { fetch: tokenService.fetch } }, { signedIn: false });
    await services.router.dispatch('auth:signInWithApiKey', { serviceUrl, apiKey: 'dev-key-alice' }, appFrame);
    await services.router.dispatch('auth:signInWithApiKey', { serviceUrl, apiKey: 'dev-key-alice' }, appFrame);
    await services.auth.service.pendingRevocation;
    expect(tokenService.requests.map((r) => r.path)).toEqual(['/token', '/token']);
  });

  it('asks for the new token only after a sign-out moments before has reached the service', async () => {
    const tokenService = createFakeTokenService({ now: () => Date.now() });
    const { services } = startTestMainServices({ auth: { fetch: tokenService.fetch } });
    const order: string[] = [];
    tokenService.script(async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      order.push('sign-out answered');
      return tokenService.answer(request);
    });
    await services.router.dispatch('auth:signOut', undefined, appFrame);
    const signingIn = services.router.dispatch('auth:signInWithApiKey', { serviceUrl, apiKey: 'dev-key-alice' }, appFrame);
    await vi.waitFor(() => expect(tokenService.requests.map((r) => r.path)).toEqual(['/sign-out', '/token']));
    order.push('token asked');
    expect(order).toEqual(['sign-out answered', 'token asked']);
    expect(await signingIn).toMatchObject({ ok: true });
  });
});

describe('call history on a shared computer', () => {
  it('is cleared at sign-out', async () => {
    const { services } = startTestMainServices();
    services.callHistory.add(call);
    await services.router.dispatch('auth:signOut', undefined, appFrame);
    expect(services.callHistory.view().entries).toEqual([]);
  });

  it('is cleared when someone else signs in, kept when the same person does (even without a kept session)', async () => {
    const directory = tempDir();
    const tokenService = createFakeTokenService({ now: () => Date.now(), apiKeys: ['dev-key-alice', 'dev-key-bob'] });
    // No OS encryption: nothing of the session survives a restart, the marker does.
    const first = startTestMainServices({ settingsDirectory: directory, auth: { fetch: tokenService.fetch, cipher: noEncryption } }, { signedIn: false });
    await first.services.router.dispatch('auth:signInWithApiKey', { serviceUrl, apiKey: 'dev-key-alice' }, appFrame);
    first.services.callHistory.add(call);

    const second = startTestMainServices({ settingsDirectory: directory, auth: { fetch: tokenService.fetch, cipher: noEncryption } }, { signedIn: false });
    expect(second.services.auth.cache.state.status).toBe('signed-out');
    await second.services.router.dispatch('auth:signInWithApiKey', { serviceUrl, apiKey: 'dev-key-alice' }, appFrame);
    expect(second.services.callHistory.view().entries).toHaveLength(1);

    const third = startTestMainServices({ settingsDirectory: directory, auth: { fetch: tokenService.fetch, cipher: noEncryption } }, { signedIn: false });
    await third.services.router.dispatch('auth:signInWithApiKey', { serviceUrl, apiKey: 'dev-key-bob' }, appFrame);
    expect(third.services.callHistory.view().entries).toEqual([]);
  });

  it('keeps the history of the user whose session is restored at start', async () => {
    const directory = tempDir();
    const first = startTestMainServices({ settingsDirectory: directory });
    first.services.callHistory.add(call);
    first.services.auth.cache.dispose();
    const second = startTestMainServices({ settingsDirectory: directory });
    expect(second.services.auth.cache.state.status).toBe('ready');
    expect(second.services.callHistory.view().entries).toHaveLength(1);
  });
});

describe('a token ACS refused, through the bridge', () => {
  it('auth:replaceRefusedToken answers with a new token for the same user', async () => {
    const { services, tokenService } = startTestMainServices();
    const current = await services.router.dispatch('auth:getToken', undefined, appFrame);
    expect(current).toMatchObject({ ok: true, value: { token: 'seeded-token' } });
    const refusedExpiresOn = (current as { value: { expiresOn: string } }).value.expiresOn;
    const replaced = await services.router.dispatch('auth:replaceRefusedToken', { refusedExpiresOn }, appFrame);
    expect(replaced).toMatchObject({ ok: true, value: { token: expect.not.stringMatching(/^seeded-token$/) } });
    expect(tokenService.tokenRequests()).toBe(1);
    expect(services.auth.cache.state.status).toBe('ready');
  });

  it('refuses a malformed report and a foreign frame', async () => {
    const { services, tokenService } = startTestMainServices();
    expect(await services.router.dispatch('auth:replaceRefusedToken', { refusedExpiresOn: 'yesterday' }, appFrame)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await services.router.dispatch('auth:replaceRefusedToken', { refusedExpiresOn: new Date().toISOString() }, { frameUrl: appFrame.frameUrl, isTopFrame: false })).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(tokenService.tokenRequests()).toBe(0);
  });
});

describe('the display name', () => {
  it('comes from the token service with the token and is part of the signed-in state, across a restart', async () => {
    const directory = tempDir();
    const { services, cipher } = startTestMainServices({ settingsDirectory: directory }, { signedIn: false });
    expect(await services.router.dispatch('auth:signInWithApiKey', { serviceUrl, apiKey: 'dev-key-alice' }, appFrame)).toMatchObject({ ok: true, value: { displayName: 'alice' } });
    services.auth.cache.dispose();
    const again = startTestMainServices({ settingsDirectory: directory, auth: { cipher } }, { signedIn: false });
    expect(again.services.auth.cache.state).toMatchObject({ status: 'ready', displayName: 'alice' });
  });
});

describe('a sign-in the OS will not let us save', () => {
  it('succeeds in memory only and says so, instead of failing half-way', async () => {
    const directory = tempDir();
    const { services } = startTestMainServices({ settingsDirectory: directory, auth: { cipher: fakeSafeStorage({ refuse: true }) } }, { signedIn: false });
    const result = await services.router.dispatch('auth:signInWithApiKey', { serviceUrl, apiKey: 'dev-key-alice' }, appFrame);
    expect(result).toMatchObject({ ok: true, value: { status: 'ready', persistence: 'save-failed' } });
    expect(existsSync(join(directory, sessionFileName))).toBe(false);
    expect(await services.router.dispatch('auth:getToken', undefined, appFrame)).toMatchObject({ ok: true });
  });
});

describe('waking up', () => {
  it('resume or the network coming back makes the token cache look again', async () => {
    let wake: (() => void) | null = null;
    const wakeEvents: WakeEvents = {
      onWake: (listener) => {
        wake = listener;
        return () => (wake = null);
      },
    };
    const { services } = startTestMainServices({ auth: { wakeEvents } });
    const looked = vi.spyOn(services.auth.cache, 'wake');
    expect(wake).not.toBeNull();
    wake!();
    expect(looked).toHaveBeenCalledTimes(1);
  });
});
