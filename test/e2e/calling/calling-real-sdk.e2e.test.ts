/**
 * The real Calling SDK in Chromium with fake media devices, behind the real main services.
 * No Azure here: the agent is made from an unsigned test token, the SDK's remote config is
 * answered locally, and every call it tries fails on the network — which the app must turn into
 * a clear message, a history entry, and no hang.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrors, closeBrowser, startHarness, type Harness } from '../../harness/harness.js';
import { acsTestToken, ecsReply, ecsRoute, testResourceId } from './acs-test-token.js';
import { buildE2eRenderer } from './build-e2e-renderer.js';

let rendererDir = '';
beforeAll(async () => {
  rendererDir = await buildE2eRenderer('real');
}, 120_000);
afterAll(closeBrowser);

async function startSignedIn(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const h = await startHarness({ ...options, rendererDir });
  await h.page.route(ecsRoute, (route) => route.fulfill(ecsReply));
  await h.page.getByRole('heading', { name: /Calls|Llamadas/ }).waitFor();
  await h.page.evaluate((token) => window.__callingTest!.start(token, 'E2E User'), acsTestToken());
  return h;
}

/**
 * The app's errors less two promises the SDK leaves unhandled when a call ends during
 * negotiation (its WebRTC session rejects a pending negotiation with "webRtcSession cleanup" on
 * terminate, then another with the value 1). They come from inside the SDK bundle, now and then,
 * whichever way the call ends that early.
 */
const errorsBesidesSdkCleanup = (h: Harness) => appErrors(h).filter((e) => e !== 'webRtcSession cleanup' && e !== '1');

describe('calling with the real SDK', () => {
  it('creates the agent from a token and lists the fake devices', async () => {
    const h = await startSignedIn();
    const { page } = h;
    expect(await page.evaluate(() => window.__callingTest!.phase())).toBe('ready');
    expect(await page.evaluate(() => window.__callingTest!.connection())).toMatch(/Connected|Disconnected/);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const microphones = page.getByLabel('Microphone').locator('option');
    await expect.poll(() => microphones.count()).toBeGreaterThan(0);
    const cameras = page.getByLabel('Camera').locator('option');
    await expect.poll(() => cameras.count()).toBeGreaterThan(0);
    expect((await microphones.allTextContents()).join(' ')).not.toMatch(/None found/);
    await h.close();
  });

  it('ends a call that cannot connect with a clear message, a history entry and no hang', async () => {
    const h = await startSignedIn();
    const { page } = h;
    const callee = `8:acs:${testResourceId}_00000021-aaaa-bbbb-cccc-000000000002`;
    const inCall: boolean[] = [];
    h.services.callActivity.onChange((value) => inCall.push(value));
    await page.getByLabel('Name, number or ID').fill(callee);
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Hang up' }).isVisible()).toBe(true);
    // The SDK gives up on the network; the app must not sit in "Calling…".
    await expect.poll(() => page.getByRole('button', { name: 'Hang up' }).count(), { timeout: 45_000 }).toBe(0);
    const alert = page.locator('[role="alert"]').first();
    expect(await alert.textContent()).toMatch(/network|connection|service|could not|reachable/i);
    const history = h.services.callHistory.view().entries;
    expect(history[0]).toMatchObject({ direction: 'outgoing', peerRawId: callee, outcome: 'failed', durationSeconds: 0 });
    expect(history[0]!.endCode).toBeGreaterThanOrEqual(400);
    await expect.poll(() => page.getByRole('region', { name: 'Call history' }).textContent()).toContain('Failed');
    // Main was told the call started and ended (presence, tray and the display-sleep blocker follow it).
    await expect.poll(() => inCall).toEqual([true, false]);
    await h.close();
  });

  it('renders the local camera through the real VideoStreamRenderer in a video call, and removes it at the end', async () => {
    const h = await startSignedIn();
    const { page } = h;
    await page.getByLabel('Name, number or ID').fill('8:echo123');
    await page.getByRole('button', { name: 'Video call' }).click();
    const call = page.getByRole('article', { name: '8:echo123' });
    await call.waitFor();
    // The fake camera's stream, rendered by the SDK into the preview tile.
    await expect.poll(() => call.locator('figure video').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('article').count(), { timeout: 45_000 }).toBe(0);
    expect(await page.locator('video').count()).toBe(0);
    // Nothing but the SDK's own noise: no error from our renderers or components.
    expect(errorsBesidesSdkCleanup(h)).toEqual([]);
    expect(h.services.callHistory.view().entries[0]).toMatchObject({ peerRawId: '8:echo123', outcome: 'failed' });
    await h.close();
  });

  it('cancels a call the user hangs up while it is still connecting', async () => {
    const h = await startSignedIn();
    const { page } = h;
    await page.getByLabel('Name, number or ID').fill(`8:acs:${testResourceId}_00000021-aaaa-bbbb-cccc-000000000003`);
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await page.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(() => page.getByRole('article').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => h.services.callHistory.view().entries[0]?.outcome).toMatch(/cancelled|failed/);
    expect(errorsBesidesSdkCleanup(h)).toEqual([]);
    await h.close();
  });

  it('remembers the chosen microphone when the app starts again', async () => {
    const h = await startSignedIn();
    const { page } = h;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const select = page.getByLabel('Microphone');
    await expect.poll(() => select.locator('option').count()).toBeGreaterThan(1);
    const values = await select.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    const chosen = values.find((v) => v !== values[0])!;
    await select.selectOption(chosen);
    await expect.poll(() => h.services.settings.get('microphoneId')).toBe(chosen);

    // A new renderer (same profile and origin, as in the app): the SDK is told to use it again.
    // Chromium's device IDs are per profile and origin, so a new browser context would not do.
    await page.reload();
    await page.getByRole('heading', { name: 'Calls' }).waitFor();
    await page.evaluate((token) => window.__callingTest!.start(token, 'E2E User'), acsTestToken());
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect.poll(() => page.getByLabel('Microphone').inputValue()).toBe(chosen);
    await h.close();
  });

  it('shows dial-string errors before dialling, in English and Spanish', async () => {
    const h = await startSignedIn();
    const { page } = h;
    const field = page.getByLabel('Name, number or ID');
    await field.fill('hello there');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('That is not a phone number or a user ID.');
    await field.fill('+1 425 555 0100');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('No caller ID is set for your organisation. Ask IT to set one.');
    await field.fill('911');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('This app cannot place emergency calls. Use a phone.');
    expect(h.services.callHistory.view().entries).toEqual([]);
    await h.close();

    const es = await startSignedIn({ preferredLanguages: ['es-ES'], browserLocale: 'es-ES' });
    await es.page.getByLabel('Nombre, número o ID').fill('8:orgid:no-es-un-guid');
    await es.page.getByRole('button', { name: 'Llamar', exact: true }).click();
    await expect.poll(() => es.page.getByRole('alert').first().textContent()).toMatch(/^Ese ID de usuario de Teams no es válido/);
    await es.close();
  });
});
