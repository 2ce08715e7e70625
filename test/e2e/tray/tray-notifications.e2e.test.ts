/**
 * Living in the tray, end to end: the renderer built with the Calling SDK double (a test build)
 * in Chromium, the real main services behind the bridge, the desktop (tray, notifications,
 * window) recorded. Calls come from the simulated SDK, as ACS would ring the app, so what the
 * calling feature tells main is what is tested:
 * - a call while the window is hidden raises a toast; its Answer button travels the
 *   protocol-URL path (the argv of a second start) and connects the call, seen in the UI and in
 *   call history;
 * - Do not disturb: no ringing, no toast, a quiet entry; unanswered it is a missed call, logged
 *   and on the tray badge until the user looks at Calls in the window in front;
 * - a missed call's Call back fills the dial box, and a tel: link does too (extension kept).
 * The user signs in through the UI first, so calling starts as in the app.
 */
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrors, closeBrowser, startHarness, type Harness } from '../../harness/harness.js';
import { recordingDesktop, type DesktopRecorder } from '../../fixtures/desktop-recorder.js';
import { startFakeAcsChat, type FakeAcsChat } from '../../fixtures/fake-acs-chat/index.js';
import { buildE2eRenderer } from '../calling/build-e2e-renderer.js';
import { callerGivesUp, ring, startSignedIn } from '../calling/signed-in.js';

let rendererDir = '';
let chat: FakeAcsChat;
beforeAll(async () => {
  rendererDir = await buildE2eRenderer('sim');
  chat = await startFakeAcsChat();
}, 120_000);
afterAll(async () => {
  await closeBrowser();
  await chat?.close();
});

const toastButtons = (xml: string) =>
  (new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'action' }).parse(xml) as { toast: { actions: { action: { content: string; arguments: string }[] } } }).toast.actions.action;

async function start(options: { visible?: boolean; focused?: boolean } = {}): Promise<{ rec: DesktopRecorder; h: Harness }> {
  // By default the window is "hidden in the tray": not visible, not focused.
  const rec = recordingDesktop({ style: 'windows-toast', visible: options.visible ?? false, focused: options.focused ?? false });
  const h = await startSignedIn({ rendererDir, deps: { desktop: rec.desktop }, acsEndpoint: chat.endpoint });
  await h.services.settings.set({ callerId: '+14255550199' });
  return { rec, h };
}

describe('tray, notifications and links', () => {
  it('a call while the window is hidden: a toast, answered from its button through the protocol URL', async () => {
    const { rec, h } = await start();
    const { page } = h;
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    expect(rec.lastBadge()!.count).toBe(0);

    const callId = await ring(h, '+34600123456', 'Ada <Lovelace>');
    await expect.poll(() => rec.live().map((n) => n.spec.tag)).toEqual([`call:${callId}`]);
    const [toast] = rec.live();
    expect(toast!.spec.toastXml).toContain('scenario="incomingCall"');
    expect(toast!.spec.toastXml).toContain('Ada &lt;Lovelace&gt; is calling');
    const buttons = toastButtons(toast!.spec.toastXml!);
    expect(buttons.map((b) => b.content)).toEqual(['Answer', 'Decline']);

    // The user clicks Answer: Windows starts the app with the URL; the running copy gets its argv.
    h.services.desktop.secondInstance(['C:\\Program Files\\ACS Softphone\\ACS Softphone.exe', buttons[0]!.arguments]);
    const callCard = page.getByRole('article', { name: 'Ada <Lovelace>' });
    await expect.poll(() => callCard.textContent()).toContain('Connected');
    expect(await page.getByTestId('connection').textContent()).toContain('Connection: Connected');
    expect(await page.getByTestId('sign-in-state').textContent()).toContain('Sign-in: Signed in');
    expect(await page.getByRole('button', { name: 'Calls', exact: true }).getAttribute('aria-current')).toBe('page');
    expect(rec.windowCalls).toContain('show');
    expect(rec.live()).toEqual([]);
    // Main follows the call: presence "In a call" on the tray.
    await expect.poll(() => rec.lastIcon()!.status).toBe('inACall');

    await callCard.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(() => rec.lastIcon()!.status).toBe('available');
    await expect.poll(() => h.services.callHistory.view().entries[0]).toMatchObject({ direction: 'incoming', peerRawId: '4:+34600123456', outcome: 'completed' });
    const history = page.getByRole('region', { name: 'Call history' });
    await expect.poll(() => history.textContent()).toContain('Ada <Lovelace>');
    expect(await history.textContent()).toContain('Completed');
    expect(rec.lastBadge()!.count).toBe(0);
    expect(appErrors(h)).toEqual([]);
    await h.close();
  });

  it('Do not disturb: not rung, no toast, a quiet entry; unanswered it is a missed call on the badge until seen', async () => {
    const { rec, h } = await start();
    const { page } = h;
    // Chosen from the tray menu, where a user whose window is hidden chooses it.
    rec.menu!.select('status:doNotDisturb');
    await expect.poll(() => rec.lastIcon()!.status).toBe('doNotDisturb');
    expect(rec.menu!.items.find((i) => i.kind === 'radio' && i.checked)).toMatchObject({ id: 'status:doNotDisturb' });

    const callId = await ring(h, '+34600123456', 'Ada Lovelace');
    const quiet = page.getByRole('region', { name: 'Incoming call — Do not disturb' });
    await expect.poll(() => quiet.textContent()).toContain('Ada Lovelace is calling');
    expect(await page.getByRole('region', { name: 'Incoming call', exact: true }).count()).toBe(0);
    expect(rec.notifications).toEqual([]);
    expect(h.logger.lines).toContainEqual({ level: 'info', message: 'notifications: call sent to missed calls (do not disturb)', fields: { callId } });

    await callerGivesUp(h);
    await expect.poll(() => quiet.count()).toBe(0);
    await expect.poll(() => h.services.callHistory.view().entries[0]).toMatchObject({ outcome: 'missed', peerDisplay: 'Ada Lovelace' });
    expect(rec.notifications).toEqual([]);
    expect(rec.lastBadge()).toEqual({ count: 1, description: 'Missed calls and unread chats: 1', hasOverlay: true });
    expect(rec.toolTips.at(-1)).toBe('ACS Softphone — Do not disturb\nMissed calls: 1');
    const history = page.getByRole('region', { name: 'Call history' });
    await expect.poll(() => history.textContent()).toContain('Missed calls: 1');

    // Calls is on screen in the page, but the window is hidden in the tray: nobody saw it.
    await page.waitForTimeout(300);
    expect(rec.lastBadge()!.count).toBe(1);
    // The user opens the window from the tray and it takes the focus: now it is seen.
    rec.desktop.window.show();
    rec.state.focused = true;
    h.services.desktop.windowChanged();
    await expect.poll(() => rec.lastBadge()!.count).toBe(0);
    await expect.poll(() => history.textContent()).not.toContain('Missed calls:');
    expect(h.services.callHistory.view().missedCount).toBe(0);
    expect(rec.lastIcon()!.status).toBe('doNotDisturb');
    expect(appErrors(h)).toEqual([]);
    await h.close();
  });

  it('Call back on a missed-call toast fills the dial box, and never dials', async () => {
    const { rec, h } = await start();
    const { page } = h;
    const callId = await ring(h, '+34600123456', 'Ada Lovelace');
    await expect.poll(() => rec.live().length).toBe(1);
    await callerGivesUp(h);
    await expect.poll(() => rec.live().map((n) => n.spec.tag)).toEqual([`missed:${callId}`]);
    const [callBack] = toastButtons(rec.live()[0]!.spec.toastXml!);
    expect(callBack!.content).toBe('Call back');
    h.services.desktop.secondInstance(['app', callBack!.arguments]);
    await expect.poll(() => page.getByLabel('Name, number or ID').inputValue()).toBe('+34600123456');
    expect(await page.evaluate(() => window.__acsSim!.client.agent!.started.length)).toBe(0);

    // A link naming a call this app does not remember (a toast kept across a restart, or any web
    // page's link) shows the missed calls in the history: never the link's number, no refusal.
    h.services.desktop.openUrl('acs-softphone://call/back?id=someone-elses-call&peer=4%3A%2B19005550100');
    await expect.poll(() => page.getByRole('button', { name: 'Calls', exact: true }).getAttribute('aria-current')).toBe('page');
    const history = page.getByRole('region', { name: 'Call history' });
    // The history's wrapper takes the focus, as for the tray's Missed calls.
    await expect.poll(() => history.evaluate((el) => document.activeElement !== document.body && !!document.activeElement?.contains(el))).toBe(true);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByLabel('Name, number or ID').inputValue()).toBe('+34600123456');
    await h.close();
  });

  it('a tel: link puts the number in the dial box, extension kept; a hostile link is refused with a message', async () => {
    const { rec, h } = await start();
    const { page } = h;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    h.services.desktop.secondInstance(['app', 'tel:+1 (201) 555-0123;ext=42']);
    await expect.poll(() => page.getByRole('button', { name: 'Calls', exact: true }).getAttribute('aria-current')).toBe('page');
    const dialBox = page.getByLabel('Name, number or ID');
    await expect.poll(() => dialBox.inputValue()).toBe('+12015550123;ext=42');
    await expect.poll(() => page.getByText('Will call +12015550123 ext. 42').count()).toBe(1);
    await expect.poll(() => page.getByTestId('dial-ready').textContent()).toContain('+12015550123 is ready to dial');
    expect(rec.windowCalls).toContain('show');
    expect(await page.evaluate(() => window.__acsSim!.client.agent!.started.length)).toBe(0);

    h.services.desktop.openUrl('acs-softphone://call/answer?id=%3Cscript%3E');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('That link does not refer to a valid call and was ignored.');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
    await h.close();
  });

  it('a link that arrives before the window is ready waits for it', async () => {
    const rec = recordingDesktop({ visible: false });
    const h = await startHarness({ rendererDir, deps: { desktop: rec.desktop } });
    // The harness has already loaded the page; simulate a link from a cold start by reloading:
    // the inbox queues while the renderer is away and delivers when it says it is ready.
    // Wait for the first load's own "ready" first, or it could arrive late and take the link
    // into the page that is about to go away.
    await expect.poll(() => (h.services.desktop.inbox as unknown as { ready: boolean }).ready).toBe(true);
    h.services.rendererGone();
    h.services.desktop.secondInstance(['app', 'callto://+442071234567']);
    await h.page.reload();
    await expect.poll(() => h.page.getByLabel('Name, number or ID').inputValue()).toBe('+442071234567');
    await h.close();
  });
});
