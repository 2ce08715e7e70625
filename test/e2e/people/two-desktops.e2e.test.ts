/**
 * Two desktops of one organisation, end to end: the built renderer in Chromium twice, each with
 * its own real main services behind the bridge, both signed in (API keys, through the UI) to the
 * REAL org-service process in front of the HTTPS fake ACS. Colleagues imported by the admin CLI
 * find each other by name in People, and a presence change on one desktop reaches the other's
 * screen over the live channel.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAcsIdentity, type FakeAcsIdentity } from '../../../org-service/test/fixtures/fake-acs-identity/index.js';
import { adminCli } from '../../../org-service/test/fixtures/admin-cli.js';
import { startTokenServiceProcess, type TokenServiceProcess } from '../../../org-service/test/fixtures/token-service-process.js';
import { fakeSafeStorage } from '../../fixtures/fake-safe-storage.js';
import { tempDir } from '../../fixtures/main-services.js';
import { closeBrowser, startHarness, type Harness } from '../../harness/harness.js';

let acs: FakeAcsIdentity;
let service: TokenServiceProcess;

beforeAll(async () => {
  acs = await startFakeAcsIdentity();
  service = await startTokenServiceProcess({ acs });
  // The admin puts the colleagues in the directory before their first sign-in.
  const csv = join(tempDir(), 'people.csv');
  writeFileSync(csv, 'displayName,email\nJosé Álvarez,jose@contoso.test\nBeatriz Núñez,beatriz@contoso.test\n');
  // Not a synchronous child: the fake ACS that the import provisions identities from runs in this process.
  const imported = await adminCli(['import-people', csv], { TOKEN_SERVICE_DB: service.databasePath, ACS_CONNECTION_STRING: acs.connectionString, NODE_EXTRA_CA_CERTS: acs.caFile });
  expect(imported.code).toBe(0);
}, 120_000);

afterAll(async () => {
  await closeBrowser();
  await service?.stop();
  await acs?.stop();
});

async function signedInDesktop(email: string): Promise<Harness> {
  const h = await startHarness({ deps: { auth: { cipher: fakeSafeStorage() } } });
  const { page } = h;
  await page.getByLabel('Token service address').fill(`${service.url}/`);
  await page.getByLabel('API key').fill(service.createApiKey(email));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect.poll(() => page.getByTestId('sign-in-state').textContent()).toContain('Sign-in: Signed in');
  return h;
}

describe('two desktops of one organisation', () => {
  it('find each other by name without accents and see each other\'s presence change', async () => {
    const jose = await signedInDesktop('jose@contoso.test');
    const beatriz = await signedInDesktop('beatriz@contoso.test');
    try {
      // Both live channels are up: the status line says so.
      for (const h of [jose, beatriz]) {
        await expect.poll(() => h.page.getByText('Live updates: Connected').count(), { timeout: 20_000 }).toBe(1);
      }

      // Beatriz types "jose" (no accent) in People and finds José Álvarez, available.
      await beatriz.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'People' }).click();
      await beatriz.page.getByLabel('Search people').fill('jose');
      const row = beatriz.page.getByRole('listitem').filter({ hasText: 'José Álvarez' });
      await row.waitFor();
      expect(await row.textContent()).toContain('jose@contoso.test');
      await expect.poll(() => row.getByRole('img', { name: 'Available' }).count(), { timeout: 20_000 }).toBe(1);

      // José goes Busy on his desktop; Beatriz's screen follows over the live channel.
      const set = await jose.services.router.dispatch('presence:set', { status: 'busy' }, { frameUrl: jose.services.origin.rendererUrl, isTopFrame: true });
      expect(set.ok).toBe(true);
      await expect.poll(() => row.getByRole('img', { name: 'Busy' }).count(), { timeout: 20_000 }).toBe(1);

      // And the other way round: José finds Beatriz by an accent-free prefix of her surname.
      await jose.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'People' }).click();
      await jose.page.getByLabel('Search people').fill('nunez');
      await jose.page.getByRole('listitem').filter({ hasText: 'Beatriz Núñez' }).waitFor();
      expect(await jose.page.getByText('8:acs:').count()).toBe(0);
    } finally {
      await jose.close();
      await beatriz.close();
    }
  });
});
