/**
 * OIDC sign-in through openid-client against a local provider: authorization code + PKCE,
 * state and nonce, the loopback redirect, refresh-token renewal, and the failures a user can
 * meet (declined, foreign state, provider unreachable, refresh refused).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loopbackPages } from '../../../main/auth/browser-pages.js';
import { OidcSignIn, OidcSignInError } from '../../../main/auth/oidc-sign-in.js';
import { TokenServiceError } from '../../../main/auth/token-service-client.js';
import { startFakeOidcProvider, type FakeOidcProvider } from '../../fixtures/fake-oidc-provider.js';

let provider: FakeOidcProvider;
beforeEach(async () => {
  provider = await startFakeOidcProvider();
});
afterEach(() => provider.close());

const signInWith = (openBrowser: (url: string) => Promise<void>) =>
  new OidcSignIn({ openBrowser, pages: () => loopbackPages('en'), clock: { now: () => Date.now() }, browserTimeoutMs: 10_000 });

const settings = () => ({ issuer: provider.issuer, clientId: provider.clientId, scopes: 'api://org-service/access_as_user' });

describe('OIDC sign-in', () => {
  it('runs the authorization code flow with PKCE through the browser and the loopback redirect', async () => {
    const opened: string[] = [];
    const oidc = signInWith(async (url) => {
      opened.push(url);
      await provider.browser(url);
    });
    const credential = await oidc.signIn(settings());
    expect(credential).toMatchObject({ kind: 'oidc', issuer: provider.issuer, clientId: provider.clientId, accessToken: expect.stringMatching(/^good-/), refreshToken: expect.stringMatching(/^refresh-/) });
    expect(credential.accessTokenExpiresAt).toBeGreaterThan(Date.now() + 50 * 60_000);
    const query = provider.authorizeRequests[0]!;
    expect(opened[0]!.startsWith(`${provider.issuer}authorize?`)).toBe(true);
    expect(query.get('code_challenge_method')).toBe('S256');
    expect(query.get('state')).toBeTruthy();
    expect(query.get('nonce')).toBeTruthy();
    expect(query.get('scope')).toBe('openid profile offline_access api://org-service/access_as_user');
    expect(query.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    // The provider lets the user choose the account: after a sign-out, someone else can sign in.
    expect(query.get('prompt')).toBe('select_account');
    // The code was redeemed with the PKCE verifier (the provider checks it against the challenge).
    expect(provider.tokenRequests[0]!.get('code_verifier')).toBeTruthy();
  });

  it('talks to the provider through the fetch it is given (Electron\'s net.fetch in the app: proxy, OS certificates)', async () => {
    const seen: string[] = [];
    const oidc = new OidcSignIn({
      openBrowser: (url) => provider.browser(url),
      pages: () => loopbackPages('en'),
      clock: { now: () => Date.now() },
      fetch: (url, init) => (seen.push(`${init.method ?? 'GET'} ${new URL(url).pathname}`), fetch(url, init)),
    });
    const credential = await oidc.signIn(settings());
    await oidc.refresh(credential);
    expect(seen).toEqual(['GET /.well-known/openid-configuration', 'POST /token', 'POST /token']);
  });

  it('reports a sign-in declined in the browser', async () => {
    provider.behaviour.authorize = 'deny';
    const oidc = signInWith((url) => provider.browser(url));
    await expect(oidc.signIn(settings())).rejects.toMatchObject({ kind: 'denied', reasonKey: 'auth:reasons.oidc.denied' });
  });

  it('refuses a redirect that carries another sign-in\'s state', async () => {
    provider.behaviour.authorize = 'foreign-state';
    const oidc = signInWith((url) => provider.browser(url));
    await expect(oidc.signIn(settings())).rejects.toMatchObject({ kind: 'state-mismatch' });
    expect(provider.tokenRequests).toEqual([]);
  });

  it('reports an unreachable provider', async () => {
    const oidc = signInWith((url) => provider.browser(url));
    await provider.close();
    await expect(oidc.signIn(settings())).rejects.toEqual(new OidcSignInError('unreachable'));
  });

  it('can be cancelled while waiting for the browser', async () => {
    const controller = new AbortController();
    const oidc = signInWith(async () => controller.abort());
    await expect(oidc.signIn(settings(), controller.signal)).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('stops waiting for a renewal the provider does not answer once its signal aborts', async () => {
    let hangTokens = false;
    const oidc = new OidcSignIn({
      openBrowser: (url) => provider.browser(url),
      pages: () => loopbackPages('en'),
      clock: { now: () => Date.now() },
      // A token endpoint that never answers and ignores the request's own signal.
      fetch: (url, init) => (hangTokens && new URL(url).pathname === '/token' ? new Promise<Response>(() => {}) : fetch(url, init)),
    });
    const credential = await oidc.signIn(settings());
    hangTokens = true;
    const controller = new AbortController();
    const renewing = oidc.refresh(credential, controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(renewing).rejects.toEqual(new TokenServiceError('aborted'));
    // A signal already aborted does not ask the provider at all.
    const asked = provider.tokenRequests.length;
    hangTokens = false;
    await expect(oidc.refresh(credential, AbortSignal.abort())).rejects.toEqual(new TokenServiceError('aborted'));
    await new Promise((done) => setTimeout(done, 100));
    expect(provider.tokenRequests.length).toBe(asked);
  });

  it('renews the access token with the (rotating) refresh token, and reports a refused one as needing sign-in', async () => {
    const oidc = signInWith((url) => provider.browser(url));
    const first = await oidc.signIn(settings());
    const renewed = await oidc.refresh(first);
    expect(renewed.accessToken).not.toBe(first.accessToken);
    expect(renewed.refreshToken).not.toBe(first.refreshToken);
    // The old refresh token was rotated away: using it again is refused.
    await expect(oidc.refresh(first)).rejects.toEqual(new TokenServiceError('unauthorized'));
  });
});
