/**
 * The whole OIDC chain, nothing faked in between: the desktop's OIDC sign-in (openid-client,
 * PKCE, loopback redirect) against a local identity provider that issues real RS256-signed
 * JWT access tokens with a JWKS, sent to the REAL token service process, which validates them
 * (discovery, signature, issuer, audience, scope) and gets ACS tokens from the HTTPS fake ACS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAcsIdentity, type FakeAcsIdentity } from '../../../org-service/test/fixtures/fake-acs-identity/index.js';
import { startTokenServiceProcess, type TokenServiceProcess } from '../../../org-service/test/fixtures/token-service-process.js';
import { startFakeOidcProvider, type FakeOidcProvider } from '../../fixtures/fake-oidc-provider.js';
import { appFrame, startTestMainServices, tokenIn } from '../../fixtures/main-services.js';

const audience = 'api://acs-softphone-token-service';
let acs: FakeAcsIdentity;
let provider: FakeOidcProvider;
let service: TokenServiceProcess;

beforeAll(async () => {
  acs = await startFakeAcsIdentity();
  provider = await startFakeOidcProvider('softphone-desktop', { accessTokens: { audience, scope: 'Softphone.Use' } });
  service = await startTokenServiceProcess({
    acs,
    env: { OIDC_ISSUER: provider.issuer, OIDC_AUDIENCE: audience, OIDC_REQUIRED_SCOPE: 'Softphone.Use', ACS_TOKEN_LIFETIME_MINUTES: '60' },
  });
}, 60_000);

afterAll(async () => {
  await service?.stop();
  await provider?.close();
  await acs?.stop();
});

/**
 * The app's main services with the real OIDC sign-in, the identity provider's "browser" and
 * Node's fetch, set up to sign in with that provider asking for those scopes (by default the
 * file's provider and the token service's scope).
 */
function desktop(idp: FakeOidcProvider = provider, scopes = `${audience}/Softphone.Use`) {
  const started = startTestMainServices({ auth: { fetch: (url, init) => fetch(url, init), openBrowser: (url) => idp.browser(url), oidc: undefined } }, { signedIn: false });
  started.services.settings.set({ oidcIssuer: idp.issuer, oidcClientId: idp.clientId, oidcScopes: scopes });
  return started;
}

describe('OIDC sign-in against the real token service', () => {
  it('signs in with a signed JWT access token, shows the name from it, and gets an ACS token', async () => {
    provider.user.sub = 'alice';
    provider.user.name = 'Alice Archer';
    const { services } = desktop();
    const result = await services.router.dispatch('auth:signInWithOidc', { serviceUrl: `${service.url}/` }, appFrame);
    expect(result).toMatchObject({ ok: true, value: { status: 'ready', method: 'oidc', displayName: 'Alice Archer', communicationUserId: expect.stringMatching(/^8:acs:/) } });
    const token = await tokenIn(services);
    expect(await acs.tokenIsValid(token.token)).toBe(true);
    // What reached the service was a JWT the service checked, not an opaque string.
    expect(services.auth.cache.currentSession?.credential).toMatchObject({ kind: 'oidc', accessToken: expect.stringMatching(/^eyJ/) });
    expect(service.logText()).toContain('"route":"/token","status":200');
    await services.router.dispatch('auth:signOut', undefined, appFrame);
    await services.auth.service.pendingRevocation;
    expect(await acs.tokenIsValid(token.token)).toBe(false);
  });

  it('revokes at sign-out when the access token is within its renewal margin: it is renewed with the refresh token first', async () => {
    provider.user.sub = 'erin';
    provider.user.name = 'Erin';
    // 62 s: within a couple of seconds it is inside the one-minute renewal margin.
    provider.lifetime.accessTokenSeconds = 62;
    try {
      const { services } = desktop();
      await services.router.dispatch('auth:signInWithOidc', { serviceUrl: `${service.url}/` }, appFrame);
      const token = await tokenIn(services);
      const refreshesBefore = provider.tokenRequests.filter((r) => r.get('grant_type') === 'refresh_token').length;
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await services.router.dispatch('auth:signOut', undefined, appFrame);
      await services.auth.service.pendingRevocation;
      expect(provider.tokenRequests.filter((r) => r.get('grant_type') === 'refresh_token').length).toBe(refreshesBefore + 1);
      expect(await acs.tokenIsValid(token.token)).toBe(false);
    } finally {
      provider.lifetime.accessTokenSeconds = 3600;
    }
  });

  it('when someone else signs in on this computer, the first person\'s tokens are revoked', async () => {
    provider.user.sub = 'bob';
    provider.user.name = 'Bob';
    const { services } = desktop();
    await services.router.dispatch('auth:signInWithOidc', { serviceUrl: `${service.url}/` }, appFrame);
    const bobs = await tokenIn(services);
    provider.user.sub = 'carol';
    provider.user.name = 'Carol';
    const result = await services.router.dispatch('auth:signInWithOidc', { serviceUrl: `${service.url}/` }, appFrame);
    expect(result).toMatchObject({ ok: true, value: { displayName: 'Carol' } });
    await services.auth.service.pendingRevocation;
    const carols = await tokenIn(services);
    expect(carols.communicationUserId).not.toBe(bobs.communicationUserId);
    expect(await acs.tokenIsValid(bobs.token)).toBe(false);
    expect(await acs.tokenIsValid(carols.token)).toBe(true);
  });

  it('the service refuses a token for another API (audience checked end to end)', async () => {
    const other = await startFakeOidcProvider('softphone-desktop', { accessTokens: { audience: 'api://some-other-api' } });
    const otherService = await startTokenServiceProcess({ acs, env: { OIDC_ISSUER: other.issuer, OIDC_AUDIENCE: audience } });
    try {
      const { services } = desktop(other, '');
      const result = await services.router.dispatch('auth:signInWithOidc', { serviceUrl: `${otherService.url}/` }, appFrame);
      expect(result).toEqual({ ok: false, error: { code: 'failed', messageKey: 'auth:reasons.unauthorized' } });
    } finally {
      await otherService.stop();
      await other.close();
    }
  });
});
