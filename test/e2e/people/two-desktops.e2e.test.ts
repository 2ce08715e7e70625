/**
 * Two desktops of one organisation, end to end: the built renderer in Chromium twice, each with
 * its own real main services behind the bridge, both signed in (API keys, through the UI) to the
 * REAL org-service process in front of the HTTPS fake ACS (identity and chat on one endpoint, as
 * an ACS resource has). The renderer is the simulated-ACS build: calling is the SDK double, chat
 * the real Chat SDK. Colleagues imported by the admin CLI find each other by name in People, see
 * a presence change cross the live channel, and call and chat each other from People — by
 * directory name, with no ACS ID on screen.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAcsIdentity, type FakeAcsIdentity } from '../../../org-service/test/fixtures/fake-acs-identity/index.js';
import { startFakeAcsChat, type FakeAcsChat } from '../../fixtures/fake-acs-chat/index.js';
import { buildE2eRenderer } from '../calling/build-e2e-renderer.js';
import { adminCli } from '../../../org-service/test/fixtures/admin-cli.js';
import { startTokenServiceProcess, type TokenServiceProcess } from '../../../org-service/test/fixtures/token-service-process.js';
import { fakeSafeStorage } from '../../fixtures/fake-safe-storage.js';
import { tempDir, tokenIn } from '../../fixtures/main-services.js';
import { closeBrowser, startHarness, type Harness } from '../../harness/harness.js';

let acs: FakeAcsIdentity;
let chat: FakeAcsChat;
let service: TokenServiceProcess;
let rendererDir = '';
const eventually = <T>(value: () => T | Promise<T>) => expect.poll(value, { timeout: 20_000, interval: 50 });

beforeAll(async () => {
  rendererDir = await buildE2eRenderer('sim');
  chat = await startFakeAcsChat();
  acs = await startFakeAcsIdentity({ otherServices: chat.serve });
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
  await chat?.close();
});

async function signedInDesktop(email: string): Promise<Harness> {
  // The fake ACS's certificate is made at test time; the page's Chat SDK calls it.
  const h = await startHarness({ rendererDir, contextOptions: { ignoreHTTPSErrors: true }, deps: { auth: { cipher: fakeSafeStorage() } } });
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

  it('call and chat each other from People, by name', async () => {
    const jose = await signedInDesktop('jose@contoso.test');
    const beatriz = await signedInDesktop('beatriz@contoso.test');
    try {
      const joseId = (await tokenIn(jose.services)).communicationUserId;
      const beatrizId = (await tokenIn(beatriz.services)).communicationUserId;
      for (const h of [jose, beatriz]) await eventually(() => h.page.getByTestId('connection').getAttribute('data-status')).toBe('connected');

      // José finds Beatriz in People and calls her: the call goes to her ACS identity, and his
      // call screen names her as the directory does.
      const nav = (h: Harness, name: string | RegExp) => h.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name });
      await nav(jose, 'People').click();
      await jose.page.getByLabel('Search people').fill('beatriz');
      await jose.page.getByRole('button', { name: 'Call Beatriz Núñez' }).click();
      const started = await jose.page.evaluate(() => JSON.stringify(window.__acsSim!.client.agent!.started.map((s) => s.participants)));
      expect(JSON.parse(started)).toEqual([[expect.objectContaining({ communicationUserId: beatrizId })]]);
      const outgoing = jose.page.getByRole('article', { name: 'Beatriz Núñez' });
      await outgoing.waitFor();

      // ACS rings Beatriz with José's identity and no display name: her desktop names him from
      // the directory. She answers; the far end connects on José's side.
      await beatriz.page.evaluate((id) => window.__acsSim!.client.agent!.ring({ identifier: { kind: 'communicationUser', communicationUserId: id } }), joseId);
      const incoming = beatriz.page.getByRole('region', { name: 'Incoming call' });
      await eventually(() => incoming.textContent()).toContain('José Álvarez is calling');
      await incoming.getByRole('button', { name: 'Answer', exact: true }).click();
      await eventually(() => beatriz.page.getByRole('article', { name: 'José Álvarez' }).textContent()).toContain('Connected');
      await jose.page.evaluate(() => window.__acsSim!.client.agent!.started[0]!.call.connect());
      await eventually(() => outgoing.textContent()).toContain('Connected');
      for (const h of [jose, beatriz]) {
        await h.page.getByRole('article').getByRole('button', { name: 'Hang up' }).click();
        await eventually(() => h.page.getByRole('article').count()).toBe(0);
      }
      // The call is in José's recent contacts in People.
      await nav(jose, 'People').click();
      await jose.page.getByLabel('Search people').fill('');
      await eventually(() => jose.page.getByRole('region', { name: 'Recent' }).getByText('Beatriz Núñez').count()).toBe(1);

      // Beatriz starts a chat with José from People and writes; the conversation is between
      // their two identities at ACS, and José's desktop shows it under her name.
      await nav(beatriz, 'People').click();
      await beatriz.page.getByLabel('Search people').fill('alvarez');
      await beatriz.page.getByRole('button', { name: 'Chat with José Álvarez' }).click();
      await beatriz.page.getByRole('heading', { name: 'José Álvarez' }).waitFor();
      await beatriz.page.getByLabel('Message', { exact: true }).fill('¿Tiene un momento?');
      await beatriz.page.getByLabel('Message', { exact: true }).press('Enter');
      const between = () => [...chat.state.threads.values()].filter((t) => t.participants.has(joseId) && t.participants.has(beatrizId));
      await eventually(() => between().map((t) => t.messages.filter((m) => m.type === 'text').map((m) => [m.senderId, m.message]))).toEqual([[[beatrizId, '¿Tiene un momento?']]]);

      await nav(jose, /^Chat/).click();
      const conversation = jose.page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: /Beatriz Núñez/ });
      await eventually(() => conversation.count()).toBe(1);
      await conversation.click();
      await jose.page.getByRole('log', { name: 'Messages' }).getByText('¿Tiene un momento?').waitFor();
      for (const h of [jose, beatriz]) expect(await h.page.getByText('8:acs:').count()).toBe(0);
    } finally {
      await jose.close();
      await beatriz.close();
    }
  });
});
