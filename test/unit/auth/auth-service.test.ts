/**
 * Sign-in and sign-out through the real IPC router and main services, with the token service
 * and the identity provider faked: what the renderer sees, what is stored, what is revoked.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuthState } from '../../../contract/channels-auth.js';
import { sessionFileName } from '../../../main/auth/auth-services.js';
import { createFakeTokenService } from '../../fixtures/fake-token-service.js';
import { appFrame, startTestMainServices, tempDir } from '../../fixtures/main-services.js';

const serviceUrl = 'https://tokens.contoso.test/';

function signedOut(overrides: Parameters<typeof startTestMainServices>[0] = {}) {
  return startTestMainServices(overrides, { signedIn: false });
}

const stateEvents = (sent: { channel: string; payload: unknown }[]) => sent.filter((e) => e.channel === 'auth:stateChanged').map((e) => e.payload as AuthState);

describe('sign-in with an API key', () => {
  it('signs in, remembers the service URL, stores the session encrypted and publishes each step', async () => {
    const { services, events, tokenService, cipher } = signedOut();
    expect(await services.router.dispatch('auth:getState', undefined, appFrame)).toMatchObject({ ok: true, value: { status: 'signed-out' } });
    const result = await services.router.dispatch('auth:signInWithApiKey', { serviceUrl, apiKey: 'dev-key-alice' }, appFrame);
    expect(result).toMatchObject({ ok: true, value: { status: 'ready', method: 'api-key', serviceUrl, persistence: 'encrypted' } });
    expect(tokenService.requests).toEqual([{ path: '/token', authorization: 'ApiKey dev-key-alice' }]);
    expect(services.settings.get('tokenServiceUrl')).toBe(serviceUrl);
    expect(stateEvents(events.sent).map((s) => s.status)).toEqual(['signing-in', 'ready']);
    expect(cipher.calls.encrypt).toBeGreaterThan(0);

    const token = await services.router.dispatch('auth:getToken', undefined, appFrame);
    expect(token).toMatchObject({ ok: true, value: { communicationUserId: expect.stringMatching(/^8:acs:/), acsEndpoint: 'https://fake-acs.communication.azure.com/' } });
    expect(tokenService.requests).toHaveLength(1);
  });

  it('trims the key the user pasted', async () => {
    const { services, tokenService } = signedOut();
    await services.router.dispatch('auth:signInWithApiKey', { serviceUrl, apiKey: '  dev-key-alice\n' }, appFrame);
    expect(tokenService.requests[0]!.authorization).toBe('ApiKey dev-key-alice');
  });

  it('explains a refused key and stays signed out', async () => {
    const { services, events } = signedOut();
    const result = await services.router.dispatch('auth:signInWithApiKey', { serviceUrl, apiKey: 'wrong' }, appFrame);
    expect(result).toEqual({ ok: false, error: { code: 'failed', messageKey: 'auth:reasons.apiKeyRefused' } });
    expect(services.auth.cache.state).toMatchObject({ status: 'signed-out', reason: { key: 'auth:reasons.apiKeyRefused' } });
    expect(stateEvents(events.sent).at(-1)).toMatchObject({ status: 'signed-out' });
    expect(services.settings.get('tokenServiceUrl')).toBe('');
  });

  it('explains an unreachable service', async () => {
    const { services, tokenService } = signedOut();
    tokenService.network.down = true;
    const result = await services.router.dispatch('auth:signInWithApiKey', { serviceUrl, apiKey: 'dev-key-alice' }, appFrame);
    expect(result).toMatchObject({ ok: false, error: { messageKey: 'auth:reasons.unreachable' } });
  });

  it.each([
    ['http to another machine', { serviceUrl: 'http://tokens.contoso.test/', apiKey: 'k' }],
    ['a file URL', { serviceUrl: 'file:///etc/passwd', apiKey: 'k' }],
    ['an empty URL', { serviceUrl: '', apiKey: 'k' }],
    ['an empty key', { serviceUrl, apiKey: '   ' }],
  ])('refuses %s before any request', async (_name, request) => {
    const { services, tokenService } = signedOut();
    const result = await services.router.dispatch('auth:signInWithApiKey', request, appFrame);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(tokenService.requests).toEqual([]);
  });

  it('uses the URL IT set, whatever the renderer sends', async () => {
    const managedUrl = 'https://tokens.managed.test/';
    const seen: string[] = [];
    const tokenService = createFakeTokenService({ now: () => Date.now() });
    const { services } = signedOut({
      managedSettings: { values: () => ({ tokenServiceUrl: managedUrl }) },
      auth: { fetch: (url, init) => (seen.push(url), tokenService.fetch(url, init)) },
    });
    const result = await services.router.dispatch('auth:signInWithApiKey', { serviceUrl: 'https://attacker.test/', apiKey: 'dev-key-alice' }, appFrame);
    expect(result).toMatchObject({ ok: true, value: { serviceUrl: managedUrl } });
    expect(seen).toEqual([`${managedUrl}token`]);
  });
});

describe('sign-in with the organisation (OIDC)', () => {
  it('sends the OIDC access token as a bearer token and keeps the refresh token', async () => {
    const { services, tokenService } = signedOut();
    const result = await services.router.dispatch('auth:signInWithOidc', { serviceUrl }, appFrame);
    expect(result).toMatchObject({ ok: true, value: { status: 'ready', method: 'oidc' } });
    expect(tokenService.requests).toEqual([{ path: '/token', authorization: 'Bearer good-access-token' }]);
    expect(services.auth.cache.currentSession?.credential).toMatchObject({ kind: 'oidc', refreshToken: 'refresh-1' });
  });

  it('says so when no identity provider is configured', async () => {
    const { services } = signedOut({ managedSettings: { values: () => ({ oidcIssuer: '' }) } });
    const result = await services.router.dispatch('auth:signInWithOidc', { serviceUrl }, appFrame);
    expect(result).toEqual({ ok: false, error: { code: 'failed', messageKey: 'auth:reasons.oidc.notConfigured' } });
  });

  it('can be cancelled while the browser is open', async () => {
    let reachedBrowser!: () => void;
    const browserOpen = new Promise<void>((resolve) => (reachedBrowser = resolve));
    const { services } = signedOut({
      auth: {
        oidc: {
          signIn: (_settings, signal) =>
            new Promise((_resolve, reject) => {
              reachedBrowser();
              signal?.addEventListener('abort', () => reject(new Error('aborted')));
            }),
        },
      },
    });
    const pending = services.router.dispatch('auth:signInWithOidc', { serviceUrl }, appFrame);
    await browserOpen;
    expect(services.auth.cache.state).toMatchObject({ status: 'signing-in', method: 'oidc' });
    expect(await services.router.dispatch('auth:cancelSignIn', undefined, appFrame)).toMatchObject({ ok: true, value: { status: 'signed-out', reason: { key: 'auth:reasons.cancelled' } } });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(services.auth.cache.state.status).toBe('signed-out');
  });
});

describe('sign-out', () => {
  it('forgets the session at once, deletes the file and asks the service to revoke', async () => {
    const directory = tempDir();
    const { services, tokenService } = startTestMainServices({ settingsDirectory: directory });
    expect(existsSync(join(directory, sessionFileName))).toBe(true);
    const result = await services.router.dispatch('auth:signOut', undefined, appFrame);
    expect(result).toMatchObject({ ok: true, value: { status: 'signed-out', reason: null } });
    expect(existsSync(join(directory, sessionFileName))).toBe(false);
    await services.auth.service.pendingRevocation;
    expect(tokenService.requests).toEqual([{ path: '/sign-out', authorization: 'ApiKey dev-key-alice' }]);
    expect(await services.router.dispatch('auth:getToken', undefined, appFrame)).toEqual({ ok: false, error: { code: 'failed', messageKey: 'auth:reasons.signedOut' } });
  });

  it('still signs out locally when the service cannot be reached', async () => {
    const { services, tokenService, logger } = startTestMainServices();
    tokenService.network.down = true;
    expect(await services.router.dispatch('auth:signOut', undefined, appFrame)).toMatchObject({ ok: true, value: { status: 'signed-out' } });
    await services.auth.service.pendingRevocation;
    expect(logger.lines.some((l) => l.message.includes('could not revoke'))).toBe(true);
  });
});

describe('the token channel', () => {
  it('answers only the app\'s own frame', async () => {
    const { services } = startTestMainServices();
    const fromIframe = await services.router.dispatch('auth:getToken', undefined, { frameUrl: appFrame.frameUrl, isTopFrame: false });
    expect(fromIframe).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    const fromApp = await services.router.dispatch('auth:getToken', undefined, appFrame);
    expect(fromApp).toMatchObject({ ok: true, value: { token: 'seeded-token' } });
  });

  it('prefers the ACS endpoint IT configured over the one the service reports', async () => {
    const { services } = startTestMainServices({ managedSettings: { values: () => ({ acsEndpoint: 'https://contoso.communication.azure.com/' }) } });
    expect(await services.router.dispatch('auth:getToken', undefined, appFrame)).toMatchObject({ ok: true, value: { acsEndpoint: 'https://contoso.communication.azure.com/' } });
  });

  it('never sends a token in a state event or a log line', async () => {
    const { services, events, logger } = signedOut();
    await services.router.dispatch('auth:signInWithApiKey', { serviceUrl, apiKey: 'dev-key-alice' }, appFrame);
    const token = await services.router.dispatch('auth:getToken', undefined, appFrame);
    const secret = (token as { value: { token: string } }).value.token;
    expect(JSON.stringify(events.sent)).not.toContain(secret);
    expect(JSON.stringify(events.sent)).not.toContain('dev-key-alice');
    expect(JSON.stringify(logger.lines)).not.toContain(secret);
    expect(JSON.stringify(logger.lines)).not.toContain('dev-key-alice');
  });
});
