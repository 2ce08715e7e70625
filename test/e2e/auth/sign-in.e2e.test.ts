/**
 * Sign-in end to end: the built renderer in Chromium, the real main services behind the bridge,
 * the REAL token service process in front of the HTTPS fake ACS. The user signs in with an API
 * key through the UI; then a CallClient built from the shared credential creates a CallAgent
 * with the real Calling SDK, using the token main fetched.
 */
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAcsIdentity, type FakeAcsIdentity } from '../../../token-service/test/fixtures/fake-acs-identity/index.js';
import { startTokenServiceProcess, type TokenServiceProcess } from '../../../token-service/test/fixtures/token-service-process.js';
import { fakeSafeStorage } from '../../fixtures/fake-safe-storage.js';
import { closeBrowser, repoRoot, startHarness } from '../../harness/harness.js';

const screenshots = join(repoRoot, 'docs/screenshots');
let acs: FakeAcsIdentity;
let service: TokenServiceProcess;
let probeScript: string;

beforeAll(async () => {
  acs = await startFakeAcsIdentity();
  service = await startTokenServiceProcess({ acs, env: { ACS_TOKEN_LIFETIME_MINUTES: '60' } });
  const bundle = await build({
    entryPoints: [join(repoRoot, 'test/e2e/auth/credential-probe.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    conditions: ['browser'],
    logLevel: 'silent',
  });
  probeScript = bundle.outputFiles[0]!.text;
}, 120_000);

afterAll(async () => {
  await closeBrowser();
  await service?.stop();
  await acs?.stop();
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
  it('signs in with an API key through the UI, then creates a CallAgent from the shared credential', async () => {
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

    // The calling feature's path: shared credential → CallClient → CallAgent, real SDK.
    await answerSdkConfig(page);
    await page.route(`${h.origin}/e2e-credential-probe.js`, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: probeScript }));
    await page.addScriptTag({ url: `${h.origin}/e2e-credential-probe.js` });
    const result = await page.evaluate(() => window.__createCallAgentFromSharedCredential!());
    expect(result.agentKind).toBe('CallAgent');
    expect(result.sameCredential).toBe(true);
    expect(result.communicationUserId).toMatch(/^8:acs:/);
    expect(acs.decodeToken(result.tokenFromCredential).skypeid).toBe(result.communicationUserId.replace(/^8:/, ''));
    expect(await acs.tokenIsValid(result.tokenFromCredential)).toBe(true);
    // One token from ACS for the sign-in; the page's requests were answered from main's cache.
    expect(issuedByAcs() - issuedBefore).toBe(1);

    // Tokens never reached the log or a broadcast event.
    expect(JSON.stringify(h.logger.lines)).not.toContain(result.tokenFromCredential);
    expect(JSON.stringify(h.events.sent)).not.toContain(result.tokenFromCredential);
    expect(JSON.stringify(h.logger.lines)).not.toContain(apiKey);

    // Sign out from Settings: back to the sign-in screen, tokens revoked at ACS.
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByTestId('sign-in-state').textContent()).toContain('Sign-in: Signed out');
    await h.services.auth.service.pendingRevocation;
    expect(await acs.tokenIsValid(result.tokenFromCredential)).toBe(false);
    await page.getByRole('button', { name: 'Calls', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in to ACS Softphone' }).waitFor();
    expect(await page.getByLabel('Token service address').inputValue()).toBe(`${service.url}/`);
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
