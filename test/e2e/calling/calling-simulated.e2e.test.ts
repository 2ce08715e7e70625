/**
 * Simulated ACS: the renderer built with the SDK double in place of the real SDK (a test
 * build only), driven from the test like ACS would drive it — an incoming call answered, muted,
 * held, resumed, keyed, transferred and ended; and a call nobody answered — all checked in
 * the UI and in the call history kept by the real main services. The user signs in through the
 * UI first (a fake token service for the fake ACS chat), so calling starts as in the app.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrors, closeBrowser, repoRoot, type Harness, type HarnessOptions } from '../../harness/harness.js';
import { buildE2eRenderer } from './build-e2e-renderer.js';
import { callerGivesUp, ring, signedInName, startSignedIn, type SignedInHarness } from './signed-in.js';
import { recordingDesktop } from '../../fixtures/desktop-recorder.js';
import { startFakeAcsChat, type FakeAcsChat } from '../../fixtures/fake-acs-chat/index.js';
import { tokenIn } from '../../fixtures/main-services.js';

const screenshots = join(repoRoot, 'docs/screenshots');
let rendererDir = '';
let chat: FakeAcsChat;
beforeAll(async () => {
  rendererDir = await buildE2eRenderer('sim');
  chat = await startFakeAcsChat();
  mkdirSync(screenshots, { recursive: true });
}, 120_000);
afterAll(async () => {
  await closeBrowser();
  await chat?.close();
});

async function startSimulated(deps: HarnessOptions['deps'] = {}): Promise<SignedInHarness> {
  const h = await startSignedIn({ rendererDir, deps, acsEndpoint: chat.endpoint });
  await h.services.settings.set({ callerId: '+14255550199' });
  return h;
}

/** The status line: presence, calling's connection and sign-in, as the user reads them. */
const statusLine = (h: Harness) => h.page.getByRole('status', { name: 'Status' });

describe('calling against simulated ACS', () => {
  it('incoming → ring → answer → mute → hold → resume → DTMF → transfer → hang up, seen in UI and history', async () => {
    const h = await startSimulated();
    const { page } = h;
    // Sign-in started calling: the CallAgent has the signed-in user's name and the token main
    // handed out through the shared credential, and the test started nothing itself.
    const agent = await page.evaluate(async () => {
      const created = window.__acsSim!.client.agents;
      return { count: created.length, displayName: created[0]!.displayName, token: (await created[0]!.credential.getToken()).token };
    });
    expect(agent).toEqual({ count: 1, displayName: signedInName, token: (await tokenIn(h.services)).token });
    expect(h.tokenService.tokenRequests()).toBe(1);
    const inCall: boolean[] = [];
    h.services.callActivity.onChange((value) => inCall.push(value));

    // Someone is typing in the dial box when the call comes: the focus stays there, so Enter
    // does not answer; the keyboard shortcut does.
    const dialBox = page.getByLabel('Name, number or ID');
    await dialBox.focus();
    await ring(h, '+14255550100', 'Front Desk');
    const panel = page.getByRole('region', { name: 'Incoming call' });
    await expect.poll(() => panel.textContent()).toContain('Front Desk is calling');
    expect(await panel.textContent()).toContain('+14255550100');
    expect(await page.getByRole('alert').filter({ hasText: 'Press Ctrl+Shift+S to answer' }).count()).toBe(1);
    expect(await dialBox.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Control+Shift+S');

    const call = page.getByRole('article', { name: 'Front Desk' });
    await expect.poll(() => call.textContent()).toContain('Connected');
    await expect.poll(() => call.getByRole('timer').textContent(), { timeout: 5_000 }).toMatch(/^0:0[1-9]$/);
    expect(inCall).toEqual([true]);
    // During the call the status line says signed in and connected, and presence follows the call.
    const status = statusLine(h);
    expect(await status.getByTestId('connection').textContent()).toContain('Connection: Connected');
    expect(await status.getByTestId('sign-in-state').textContent()).toContain('Sign-in: Signed in');
    await expect.poll(() => status.getByTestId('presence').getAttribute('data-status')).toBe('inACall');

    const mute = call.getByRole('button', { name: 'Mute' });
    await mute.click();
    await expect.poll(() => call.getByRole('button', { name: 'Unmute' }).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Control+Shift+M');
    await expect.poll(() => call.getByRole('button', { name: 'Mute' }).getAttribute('aria-pressed')).toBe('false');

    await call.getByRole('button', { name: 'Hold' }).click();
    await expect.poll(() => call.textContent()).toContain('On hold');
    await call.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => call.textContent()).toContain('Connected');
    // The other side puts us on hold: shown differently.
    await page.evaluate(() => window.__acsSim!.client.agent!.calls[0]!.setState('RemoteHold'));
    await expect.poll(() => call.textContent()).toContain('Held by the other person');
    await page.evaluate(() => window.__acsSim!.client.agent!.calls[0]!.setState('Connected'));

    await call.getByRole('button', { name: 'Keypad' }).click();
    for (const key of ['1', '2', '#']) await call.getByRole('button', { name: key, exact: true }).click();
    await expect.poll(() => page.evaluate(() => window.__acsSim!.client.agent!.calls[0]!.sentTones)).toEqual(['Num1', 'Num2', 'Pound']);

    await page.evaluate(() => window.__acsSim!.client.agent!.calls[0]!.diagnosticsFeature.network.raise('networkSendQuality', 3));
    await expect.poll(() => call.getByRole('status', { name: 'Call quality' }).textContent()).toContain('Your network connection is poor');
    await page.screenshot({ path: join(screenshots, 'call-in-progress.png') });

    await call.getByRole('button', { name: 'Transfer' }).click();
    await call.getByLabel('Transfer to').fill('+1 206 555 0123');
    await call.getByRole('button', { name: 'Transfer' }).last().click();
    await expect.poll(() => call.textContent()).toContain('Transferring…');
    expect(await page.evaluate(() => window.__acsSim!.client.agent!.calls[0]!.transferFeature.transfers[0]!.target)).toEqual({
      targetParticipant: { phoneNumber: '+12065550123' },
    });
    await page.evaluate(() => {
      const simulated = window.__acsSim!.client.agent!.calls[0]!;
      simulated.transferFeature.transfers[0]!.settle('Transferred');
      simulated.end({ code: 0, subCode: 0 });
    });
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'The call was transferred.' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('article').count()).toBe(0);
    expect(inCall).toEqual([true, false]);

    const [entry] = h.services.callHistory.view().entries;
    expect(entry).toMatchObject({ direction: 'incoming', peerRawId: '4:+14255550100', peerDisplay: 'Front Desk', outcome: 'completed' });
    expect(entry!.durationSeconds).toBeGreaterThanOrEqual(1);
    const historyList = page.getByRole('region', { name: 'Call history' });
    await expect.poll(() => historyList.textContent()).toContain('Front Desk');
    expect(await historyList.textContent()).toContain('Completed');
    expect(appErrors(h)).toEqual([]);
    await h.close();
  });

  it('a call nobody answers becomes a missed call, counted and listed; call back dials it', async () => {
    // The window is not in front (the user is elsewhere): the missed call stays unseen.
    const rec = recordingDesktop({ visible: true, focused: false });
    const h = await startSimulated({ desktop: rec.desktop });
    const { page } = h;
    await ring(h, '+14255550111', 'Sam Caller');
    await page.getByRole('region', { name: 'Incoming call' }).waitFor();
    await callerGivesUp(h);
    await expect.poll(() => page.getByRole('region', { name: 'Incoming call' }).count()).toBe(0);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Missed call from Sam Caller' }).count()).toBe(1);
    const history = page.getByRole('region', { name: 'Call history' });
    await expect.poll(() => history.textContent()).toContain('Missed');
    expect(await history.textContent()).toContain('Missed calls: 1');
    expect(h.services.callHistory.view()).toMatchObject({ missedCount: 1, entries: [{ outcome: 'missed', peerDisplay: 'Sam Caller' }] });

    expect(rec.lastBadge()?.count).toBe(1);

    // The user comes back to the window: seen, in the history and on the tray alike.
    rec.state.focused = true;
    h.services.desktop.windowChanged();
    await expect.poll(() => h.services.callHistory.view().missedCount).toBe(0);
    await expect.poll(() => history.textContent()).not.toContain('Missed calls:');
    expect(rec.lastBadge()?.count).toBe(0);

    // A double click calls back once.
    await history.getByRole('button', { name: 'Call back Sam Caller' }).dblclick();
    await expect.poll(() => page.evaluate(() => window.__acsSim!.client.agent!.started.map((s) => s.participants))).toEqual([[{ phoneNumber: '+14255550111' }]]);
    await expect.poll(() => page.getByRole('article').count()).toBe(1);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.__acsSim!.client.agent!.started.length)).toBe(1);
    await h.close();
  });

  it('holds the current call to answer a second one, and declines a third', async () => {
    const h = await startSimulated();
    const { page } = h;
    await ring(h, '+14255550100', 'First Caller');
    await page.getByRole('button', { name: 'Answer', exact: true }).click();
    await page.getByRole('article', { name: 'First Caller' }).waitFor();
    await ring(h, '+14255550102', 'Second Caller');
    const panel = page.getByRole('region', { name: 'Incoming call' });
    await expect.poll(() => panel.textContent()).toContain('Second Caller is calling');
    await panel.getByRole('button', { name: 'Hold and answer' }).click();
    await expect.poll(() => page.getByRole('article', { name: 'First Caller' }).textContent()).toContain('On hold');
    await expect.poll(() => page.getByRole('article', { name: 'Second Caller' }).textContent()).toContain('Connected');
    await ring(h, '+14255550103', 'Third Caller');
    await page.getByRole('region', { name: 'Incoming call' }).getByRole('button', { name: 'Decline' }).click();
    await expect.poll(() => h.services.callHistory.view().entries[0]).toMatchObject({ outcome: 'declined', peerDisplay: 'Third Caller' });
    await page.getByRole('article', { name: 'First Caller' }).getByRole('button', { name: 'Switch to this call' }).click();
    await expect.poll(() => page.getByRole('article', { name: 'Second Caller' }).textContent()).toContain('On hold');
    // Hang up both: the display may sleep again and presence leaves "in a call".
    await page.getByRole('article', { name: 'First Caller' }).getByRole('button', { name: 'Hang up' }).click();
    await page.getByRole('article', { name: 'Second Caller' }).getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(() => page.getByRole('article').count()).toBe(0);
    expect(h.services.callActivity.inCall).toBe(false);
    expect(h.services.callHistory.view().entries.slice(0, 2).map((e) => [e.peerDisplay, e.outcome])).toEqual([
      ['Second Caller', 'completed'],
      ['First Caller', 'completed'],
    ]);
    await h.close();
  });

  it('rings over other views, takes the user to the call on answer, and keeps a call bar elsewhere', async () => {
    const h = await startSimulated();
    const { page } = h;
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    await ring(h, '+14255550100', 'Front Desk');
    await page.getByRole('region', { name: 'Incoming call' }).getByRole('button', { name: 'Answer', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Calls', exact: true }).getAttribute('aria-current')).toBe('page');
    await page.getByRole('article', { name: 'Front Desk' }).waitFor();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const bar = page.getByRole('region', { name: 'Current call' });
    await expect.poll(() => bar.textContent()).toContain('In a call with Front Desk');
    await bar.getByRole('button', { name: 'Mute' }).click();
    await expect.poll(() => page.evaluate(() => window.__acsSim!.client.agent!.calls[0]!.isMuted)).toBe(true);
    await bar.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(() => bar.count()).toBe(0);
    expect(h.services.callHistory.view().entries[0]).toMatchObject({ peerDisplay: 'Front Desk', outcome: 'completed' });
    await h.close();
  });

  it('dial pad screenshot for the README', async () => {
    const h = await startSimulated();
    const { page } = h;
    await page.getByLabel('Name, number or ID').fill('(425) 555-0100');
    await expect.poll(() => page.getByText('Will call +14255550100').count()).toBe(1);
    // Signed in and connected, as a user sees the dial pad ready to call.
    expect(await statusLine(h).getByTestId('connection').textContent()).toContain('Connection: Connected');
    expect(await statusLine(h).getByTestId('sign-in-state').textContent()).toContain('Sign-in: Signed in');
    expect(await page.getByRole('heading', { name: 'Sign in to ACS Softphone' }).count()).toBe(0);
    await page.screenshot({ path: join(screenshots, 'dial-pad.png') });
    await h.close();
  });
});
