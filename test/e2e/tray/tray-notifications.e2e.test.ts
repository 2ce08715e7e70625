/**
 * Living in the tray, end to end: the built renderer in Chromium, the real main services behind
 * the bridge, the desktop (tray, notifications, window) recorded. An incoming call while the
 * window is hidden raises a toast; its Answer button travels the protocol-URL path (the argv
 * of a second start) and reaches the renderer; Do not disturb keeps it quiet and counts it as
 * missed; a tel: link fills the dial pad.
 */
import { XMLParser } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, startHarness } from '../../harness/harness.js';
import { recordingDesktop } from '../../fixtures/desktop-recorder.js';
import type { NotificationAction } from '../../../contract/channels-tray.js';

afterAll(closeBrowser);

declare global {
  interface Window {
    __actions?: NotificationAction[];
  }
}

const callId = '5b0e7c2a-9d41-4f3e-8a6b-1c2d3e4f5a6b';
const toastButtons = (xml: string) =>
  (new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'action' }).parse(xml) as { toast: { actions: { action: { content: string; arguments: string }[] } } }).toast.actions.action;

async function start() {
  // The window is "hidden in the tray": not visible, not focused.
  const rec = recordingDesktop({ style: 'windows-toast', visible: false, focused: false });
  const h = await startHarness({ deps: { desktop: rec.desktop } });
  await h.page.getByRole('button', { name: 'Chat', exact: true }).click();
  // Signed out (no sign-in here), the status area shows presence as Offline, without the picker.
  await expect.poll(() => h.page.getByTestId('presence').getAttribute('data-status')).toBe('offline');
  // A second listener beside the app's own, to see exactly what reached the renderer.
  await h.page.evaluate(() => {
    window.__actions = [];
    window.softphone!.notifications.onAction((action) => window.__actions!.push(action));
  });
  const ringing = (withVideo = false) =>
    h.page.evaluate(
      ([id, video]) => window.softphone!.notifications.incomingCall({ callId: id as string, callerName: 'Ada <Lovelace>', callerId: '4:+34600123456', withVideo: video as boolean }),
      [callId, withVideo] as const,
    );
  const ended = (reason: 'answered' | 'missed') => h.page.evaluate(([id, r]) => window.softphone!.notifications.callEnded({ callId: id as string, reason: r as 'missed' }), [callId, reason] as const);
  return { rec, h, ringing, ended };
}

describe('tray, notifications and links', () => {
  it('answers a call from the toast through the protocol URL, with the tray in step', async () => {
    const { rec, h, ringing, ended } = await start();
    expect(rec.lastIcon()!.status).toBe('available');
    expect(rec.lastBadge()!.count).toBe(0);

    expect(await ringing(true)).toEqual({ ok: true, value: { presentation: 'ring' } });
    const [toast] = rec.live();
    expect(toast!.spec.tag).toBe(`call:${callId}`);
    expect(toast!.spec.toastXml).toContain('scenario="incomingCall"');
    expect(toast!.spec.toastXml).toContain('Ada &lt;Lovelace&gt; is calling');
    const buttons = toastButtons(toast!.spec.toastXml!);
    expect(buttons.map((b) => b.content)).toEqual(['Answer', 'Answer with video', 'Decline']);

    // The user clicks Answer: Windows starts the app with the URL; the running copy gets its argv.
    h.services.desktop.secondInstance(['C:\\Program Files\\ACS Softphone\\ACS Softphone.exe', buttons[0]!.arguments]);
    await expect.poll(() => h.page.evaluate(() => window.__actions)).toEqual([{ action: 'answer', callId }]);
    await expect.poll(() => h.page.getByRole('button', { name: 'Calls', exact: true }).getAttribute('aria-current')).toBe('page');
    expect(rec.windowCalls).toContain('show');
    expect(rec.live()).toEqual([]);

    // The call connects (the calling feature reports it), then ends.
    await ended('answered');
    h.services.desktop.setInCall(true);
    expect(rec.lastIcon()!.status).toBe('inACall');
    await expect.poll(() => h.page.evaluate(() => window.softphone!.presence.get().then((r) => r.ok && r.value.status))).toBe('inACall');
    h.services.desktop.setInCall(false);
    expect(rec.lastIcon()!.status).toBe('available');
    expect(rec.lastBadge()!.count).toBe(0);
    // (The static server has no favicon: Chromium's 404 for it is not the app's error.)
    expect(h.pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
    await h.close();
  });

  it('Do not disturb (chosen in the app) suppresses the call, logs it as missed, and badges it', async () => {
    const { rec, h, ringing, ended } = await start();
    await h.page.evaluate(() => window.softphone!.presence.set({ status: 'doNotDisturb' }));
    await expect.poll(() => rec.lastIcon()!.status).toBe('doNotDisturb');
    expect(rec.menu!.items.find((i) => i.kind === 'radio' && i.checked)).toMatchObject({ id: 'status:doNotDisturb' });

    expect(await ringing()).toEqual({ ok: true, value: { presentation: 'suppressed' } });
    await ended('missed');
    expect(rec.notifications).toEqual([]);
    expect(h.logger.lines).toContainEqual({ level: 'info', message: 'notifications: call sent to missed calls (do not disturb)', fields: { callId } });
    expect(rec.lastBadge()).toEqual({ count: 1, description: 'Missed calls and unread chats: 1', hasOverlay: true });
    expect(rec.toolTips.at(-1)).toBe('ACS Softphone — Do not disturb\nMissed calls: 1');

    // Calls in a window hidden in the tray is not "looking at" them; once it shows, it is.
    const setVisibility = (state: 'hidden' | 'visible') =>
      h.page.evaluate((value) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);
    await setVisibility('hidden');
    await h.page.getByRole('button', { name: 'Calls', exact: true }).click();
    await h.page.waitForTimeout(300);
    expect(rec.lastBadge()!.count).toBe(1);
    await setVisibility('visible');
    await expect.poll(() => rec.lastBadge()!.count).toBe(0);
    expect(rec.lastIcon()!.status).toBe('doNotDisturb');
    await h.close();
  });

  it('a tel: link reaches the dial pad; a hostile link is refused with a message', async () => {
    const { rec, h } = await start();
    h.services.desktop.secondInstance(['app', 'tel:+1 (201) 555-0123;ext=42']);
    await expect.poll(() => h.page.getByTestId('dial-ready').textContent()).toContain('+12015550123 is ready to dial');
    await expect.poll(() => h.page.getByRole('button', { name: 'Calls', exact: true }).getAttribute('aria-current')).toBe('page');
    expect(rec.windowCalls).toContain('show');

    h.services.desktop.openUrl('acs-softphone://call/answer?id=%3Cscript%3E');
    await expect.poll(() => h.page.getByRole('alert').textContent()).toContain('That link does not refer to a valid call and was ignored.');
    await h.page.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => h.page.getByRole('alert').count()).toBe(0);
    expect(await h.page.evaluate(() => window.__actions)).toEqual([]);
    await h.close();
  });

  it('a link that arrives before the window is ready waits for it', async () => {
    const rec = recordingDesktop({ visible: false });
    const h = await startHarness({ deps: { desktop: rec.desktop } });
    // The harness has already loaded the page; simulate a link from a cold start by reloading:
    // the inbox queues while the renderer is away and delivers when it says it is ready.
    // Wait for the first load's own "ready" first, or it could arrive late and take the link
    // into the page that is about to go away.
    await expect.poll(() => (h.services.desktop.inbox as unknown as { ready: boolean }).ready).toBe(true);
    h.services.desktop.inbox.markNotReady();
    h.services.desktop.secondInstance(['app', 'callto://+442071234567']);
    await h.page.reload();
    await expect.poll(() => h.page.getByTestId('dial-ready').textContent()).toContain('+442071234567 is ready to dial');
    await h.close();
  });
});
