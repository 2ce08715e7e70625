/**
 * Sign-in end to end: the built renderer in Chromium, the real main services behind the bridge,
 * the REAL token service process in front of the HTTPS fake ACS. The user signs in with an API
 * key through the UI, or with the organisation through a local OIDC provider issuing signed
 * JWTs; the app's own calling (real Calling SDK, a CallAgent) and chat start with ONE shared
 * credential; a token revoked by a sign-out on another computer is replaced without the user.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAcsIdentity, type FakeAcsIdentity } from '../../../org-service/test/fixtures/fake-acs-identity/index.js';
import { startTokenServiceProcess, type TokenServiceProcess } from '../../../org-service/test/fixtures/token-service-process.js';
import { startFakeOidcProvider, type FakeOidcProvider } from '../../fixtures/fake-oidc-provider.js';
import { fakeSafeStorage } from '../../fixtures/fake-safe-storage.js';
import { tokenIn } from '../../fixtures/main-services.js';
import { closeBrowser, repoRoot, startHarness } from '../../harness/harness.js';
import { buildE2eRenderer } from '../calling/build-e2e-renderer.js';

const screenshots = join(repoRoot, 'docs/screenshots');
const audience = 'api://acs-softphone-token-service';
let acs: FakeAcsIdentity;
let service: TokenServiceProcess;
let authRendererDir: string;

beforeAll(async () => {
  acs = await startFakeAcsIdentity();
  service = await startTokenServiceProcess({ acs, env: { ACS_TOKEN_LIFETIME_MINUTES: '60' } });
  authRendererDir = await buildE2eRenderer('auth');
}, 180_000);

afterAll(async () => {
  await closeBrowser();
  await service?.stop();
  await acs?.stop();
  rmSync(authRendererDir, { recursive: true, force: true });
});

/** Answers the Calling SDK's remote-configuration fetch locally (no internet here). */
async function answerSdkConfig(page: Page): Promise<void> {
  await page.route('https://ecs.communication.microsoft.com/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      headers: {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': '*',
        'access-control-expose-headers': 'ETag, Expires',
        etag: '"e2e-config"',
        expires: new Date(Date.now() + 3_600_000).toUTCString(),
      },
      body: '{}',
    }),
  );
}

const issuedByAcs = () => acs.requests.filter((r) => r.operation === 'issueToken' && r.status < 300).length;

describe('sign-in', () => {
  it('signs in with an API key through the UI, shows who is signed in, and revokes at sign-out', async () => {
    const h = await startHarness({ deps: { auth: { cipher: fakeSafeStorage() } } });
    const { page } = h;
    const apiKey = service.createApiKey('alice@contoso.test');

    // First run: the Calls view asks for the service address and a key.
    await page.getByRole('heading', { name: 'Sign in to ACS Softphone' }).waitFor();
    expect(await page.getByTestId('sign-in-state').textContent()).toContain('Sign-in: Signed out');
    await page.getByLabel('Token service address').fill(`${service.url}/`);
    await page.getByLabel('API key').fill('not-the-key');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('That API key was not accepted');
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'sign-in-en.png') });

    const issuedBefore = issuedByAcs();
    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByTestId('sign-in-state').textContent()).toContain('Sign-in: Signed in');
    expect(await page.getByRole('heading', { name: 'Sign in to ACS Softphone' }).count()).toBe(0);
    expect(h.services.settings.get('tokenServiceUrl')).toBe(`${service.url}/`);
    const token = await tokenIn(h.services);
    expect(await acs.tokenIsValid(token.token)).toBe(true);
    expect(issuedByAcs() - issuedBefore).toBe(1);

    // Tokens never reached the log or a broadcast event.
    expect(JSON.stringify(h.logger.lines)).not.toContain(token.token);
    expect(JSON.stringify(h.events.sent)).not.toContain(token.token);
    expect(JSON.stringify(h.logger.lines)).not.toContain(apiKey);

    // Settings → Account: the name the service gave (the API key's user) is how others see them.
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByText('Others see you as alice@contoso.test').waitFor();
    // Sign out: back to the sign-in screen, tokens revoked at ACS.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByTestId('sign-in-state').textContent()).toContain('Sign-in: Signed out');
    await h.services.auth.service.pendingRevocation;
    expect(await acs.tokenIsValid(token.token)).toBe(false);
    await page.getByRole('button', { name: 'Calls', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in to ACS Softphone' }).waitFor();
    expect(await page.getByLabel('Token service address').inputValue()).toBe(`${service.url}/`);
    await h.close();
  });

  it('starts the app\'s calling and chat with ONE shared credential, and replaces a token revoked by a sign-out elsewhere', async () => {
    const h = await startHarness({ rendererDir: authRendererDir, contextOptions: { ignoreHTTPSErrors: true }, deps: { auth: { cipher: fakeSafeStorage() } } });
    const { page } = h;
    await answerSdkConfig(page);
    const apiKey = service.createApiKey('dana@contoso.test');
    await page.getByLabel('Token service address').fill(`${service.url}/`);
    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByTestId('sign-in-state').textContent()).toContain('Sign-in: Signed in');

    // The app itself (not a test script) made its CallAgent and its chat from the shared credential.
    const report = () => page.evaluate(() => window.__authE2E!.report());
    await expect.poll(async () => (await report()).callingPhase, { timeout: 30_000 }).toBe('ready');
    await expect.poll(async () => (await report()).chatUsesShared, { timeout: 15_000 }).toBe(true);
    const before = await report();
    expect(before.callingUsesShared).toBe(true);
    expect(acs.decodeToken(before.token).skypeid).toBe(before.communicationUserId.replace(/^8:/, ''));
    expect(await acs.tokenIsValid(before.token)).toBe(true);

    // The same person signs out on their laptop: ACS revokes every token of the identity. This
    // app does not know yet, and still says "Signed in".
    const issuedBefore = issuedByAcs();
    const laptop = await fetch(`${service.url}/sign-out`, { method: 'POST', headers: { authorization: `ApiKey ${apiKey}` } });
    expect(laptop.status).toBe(204);
    expect(await acs.tokenIsValid(before.token)).toBe(false);

    // ACS refuses the token; the calling service renews the credential through main: one new
    // token since the sign-out elsewhere (which also ended the live channel, and it came back).
    await page.evaluate(() => window.__authE2E!.refuseToken());
    await expect.poll(async () => (await report()).token, { timeout: 30_000 }).not.toBe(before.token);
    await expect.poll(async () => (await report()).callingPhase, { timeout: 30_000 }).toBe('ready');
    const after = await report();
    expect(await acs.tokenIsValid(after.token)).toBe(true);
    expect(after.communicationUserId).toBe(before.communicationUserId);
    // Still one credential: chat has the new token too, through the same object.
    expect(after.callingUsesShared).toBe(true);
    expect(after.chatUsesShared).toBe(true);
    expect((await tokenIn(h.services)).token).toBe(after.token);
    expect(issuedByAcs() - issuedBefore).toBe(1);
    expect(await page.getByTestId('sign-in-state').textContent()).toContain('Sign-in: Signed in');
    await h.close();
  });

  it('stays signed in across a restart (session kept encrypted), in Spanish too', async () => {
    const cipher = fakeSafeStorage();
    const first = await startHarness({ deps: { auth: { cipher } } });
    await first.page.getByLabel('Token service address').fill(`${service.url}/`);
    await first.page.getByLabel('API key').fill(service.createApiKey('bob@contoso.test'));
    await first.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => first.page.getByTestId('sign-in-state').textContent()).toContain('Signed in');
    await first.close();
    first.services.auth.cache.dispose();

    const issuedBefore = issuedByAcs();
    const second = await startHarness({ settingsDirectory: first.settingsDirectory, preferredLanguages: ['es-ES'], deps: { auth: { cipher } } });
    await expect.poll(() => second.page.getByTestId('sign-in-state').textContent()).toContain('Sesión: Sesión iniciada');
    expect(await second.page.getByRole('heading', { name: 'Iniciar sesión en ACS Softphone' }).count()).toBe(0);
    expect(issuedByAcs()).toBe(issuedBefore);
    await second.close();
  });

  it('shows the address IT set instead of asking for it', async () => {
    const managed = `${service.url}/`;
    const h = await startHarness({ deps: { managedSettings: { values: () => ({ tokenServiceUrl: managed }) } } });
    await h.page.getByRole('heading', { name: 'Sign in to ACS Softphone' }).waitFor();
    expect(await h.page.getByLabel('Token service address').count()).toBe(0);
    expect(await h.page.getByText(`Your organisation's token service: ${managed}`).isVisible()).toBe(true);
    expect(await h.page.getByText('This computer offers no secure storage', { exact: false }).isVisible()).toBe(true);
    await h.page.getByLabel('API key').fill(service.createApiKey('carol@contoso.test'));
    await h.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => h.page.getByTestId('sign-in-state').textContent()).toContain('Signed in');
    await h.close();
  });
});

describe('sign-in with the organisation', () => {
  let provider: FakeOidcProvider;
  let oidcService: TokenServiceProcess;

  beforeAll(async () => {
    // Like Entra ID: signed JWT access tokens for the token service's API, keys in a JWKS.
    provider = await startFakeOidcProvider('softphone-desktop', { accessTokens: { audience, scope: 'Softphone.Use' } });
    oidcService = await startTokenServiceProcess({ acs, env: { OIDC_ISSUER: provider.issuer, OIDC_AUDIENCE: audience, OIDC_REQUIRED_SCOPE: 'Softphone.Use' } });
  }, 60_000);
  afterAll(async () => {
    await oidcService?.stop();
    await provider?.close();
  });

  it('signs in through the system browser against the real token service, which validates the JWT', async () => {
    provider.user.sub = 'frank';
    provider.user.name = 'Frank Fischer';
    const managed = { tokenServiceUrl: `${oidcService.url}/`, oidcIssuer: provider.issuer, oidcClientId: provider.clientId, oidcScopes: `${audience}/Softphone.Use` };
    const h = await startHarness({ deps: { managedSettings: { values: () => managed }, auth: { cipher: fakeSafeStorage(), openBrowser: (url) => provider.browser(url) } } });
    const { page } = h;
    await page.getByRole('button', { name: 'Sign in with your organisation' }).click();
    await expect.poll(() => page.getByTestId('sign-in-state').textContent()).toContain('Sign-in: Signed in');
    // The browser was asked to let the user choose the account.
    expect(provider.authorizeRequests.at(-1)!.get('prompt')).toBe('select_account');
    const token = await tokenIn(h.services);
    expect(await acs.tokenIsValid(token.token)).toBe(true);
    // The service logs a request once its reply has gone out, and the line then travels through
    // the child process's stdout: it can reach this process a moment after the app had the token.
    await expect.poll(() => oidcService.logText()).toContain('"route":"/token","status":200');

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByText('Signed in with your organisation').waitFor();
    await page.getByText('Others see you as Frank Fischer').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByTestId('sign-in-state').textContent()).toContain('Sign-in: Signed out');
    await h.services.auth.service.pendingRevocation;
    expect(await acs.tokenIsValid(token.token)).toBe(false);
    await h.close();
  });
});
