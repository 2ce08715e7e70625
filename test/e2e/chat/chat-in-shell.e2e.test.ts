/**
 * Chat inside the real shell, end to end: the renderer built with the calling SDK double (the
 * calling e2e build; chat and everything else are the app's own code), the real main services
 * behind the bridge, the desktop recorded, the real Chat SDK against the fake ACS chat service.
 * The user signs in through the UI (a token service answering with tokens for the fake).
 * Shows: chat runs for the whole session whichever section is shown — unread badge,
 * notifications, a reply from the toast sent through the outbox, a toast opening its
 * conversation; calls and chats lead to each other; IT's allowChat policy removes Chat.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeBrowser, type Harness } from '../../harness/harness.js';
import { recordingDesktop, type DesktopRecorder } from '../../fixtures/desktop-recorder.js';
import { startFakeAcsChat, type FakeAcsChat } from '../../fixtures/fake-acs-chat/index.js';
import { newThread } from '../../fixtures/fake-acs-chat/sdk-clients.js';
import type { MainServiceDeps } from '../../../main/app/main-services.js';
import { buildE2eRenderer } from '../calling/build-e2e-renderer.js';
import { startSignedIn } from '../calling/signed-in.js';

const alice = '8:acs:shell_alice';
const aliceArcher = { id: alice, displayName: 'Alice Archer' };
const bob = '8:acs:shell_bob';
const dave = '8:acs:shell_dave';

let fake: FakeAcsChat;
let rendererDir = '';
const eventually = <T>(value: () => T | Promise<T>) => expect.poll(value, { timeout: 20_000, interval: 50 });

beforeAll(async () => {
  rendererDir = await buildE2eRenderer('sim');
  fake = await startFakeAcsChat();
}, 180_000);
beforeEach(() => fake.faults.clear());
afterAll(async () => {
  await closeBrowser();
  await fake?.close();
});

/** Signed in through the UI as Alice, by a token service giving tokens for the fake's endpoint with her display name. */
const signedIn = (options: { desktop?: DesktopRecorder; deps?: Partial<MainServiceDeps> } = {}): Promise<Harness> =>
  startSignedIn({
    rendererDir,
    acsEndpoint: fake.endpoint,
    communicationUserId: alice,
    displayName: aliceArcher.displayName,
    deps: { ...(options.desktop ? { desktop: options.desktop.desktop } : {}), ...options.deps },
  });

const texts = (threadId: string) => fake.state.threads.get(threadId)!.messages.filter((m) => m.type === 'text').map((m) => [m.senderId, m.message]);
const nav = (h: Harness, name: string | RegExp) => h.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name });
const current = (h: Harness) => h.page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]').textContent();

describe('chat in the shell', () => {
  it('runs while another section is shown: badge, notification, reply and open from the toast, offline send', async () => {
    const { threadId, as } = await newThread(fake, aliceArcher, 'Launch plan', [{ id: bob, displayName: 'Bob Baker' }]);
    await as(bob).sendMessage({ content: 'Morning!' }, { senderDisplayName: 'Bob Baker' });
    // The window is up but another app has the focus: notifications are shown.
    const rec = recordingDesktop({ style: 'windows-toast', visible: true, focused: false });
    const h = await signedIn({ desktop: rec });
    const { page } = h;

    // Chat was never opened, yet it runs: the unread message reaches the tray badge and the nav.
    expect(await current(h)).toContain('Calls');
    await eventually(() => h.services.chat.unread.total).toBe(1);
    await eventually(() => rec.lastBadge()?.count).toBe(1);
    await eventually(() => nav(h, /^Chat/).textContent()).toMatch(/Chat\s*1/);
    // What was there at start raises no notification.
    expect(rec.notifications.filter((n) => n.spec.tag === `chat:${threadId}`)).toEqual([]);

    // A new message from Bob: a notification (from main, per focus and presence).
    await as(bob).sendMessage({ content: 'Are you joining the review?' }, { senderDisplayName: 'Bob Baker' });
    await eventually(() => rec.live().filter((n) => n.spec.tag === `chat:${threadId}`).length).toBe(1);
    const toast = rec.live().find((n) => n.spec.tag === `chat:${threadId}`)!;
    expect(toast.spec.title).toContain('Bob Baker');
    expect(toast.spec.body).toContain('Are you joining the review?');
    await eventually(() => h.services.chat.unread.total).toBe(2);

    // Inline reply from the toast: sent as Alice through the outbox; answering reads the conversation.
    toast.handlers.reply!('On my way');
    await eventually(() => texts(threadId)).toEqual([
      [bob, 'Morning!'],
      [bob, 'Are you joining the review?'],
      [alice, 'On my way'],
    ]);
    await eventually(() => h.services.chat.unread.total).toBe(0);
    await eventually(() => h.services.chat.outbox.view(alice).entries).toEqual([]);
    expect(await current(h)).toContain('Calls');

    // Another message; clicking its toast opens Chat on that conversation.
    await as(bob).sendMessage({ content: 'Room 4, bring the slides' }, { senderDisplayName: 'Bob Baker' });
    await eventually(() => rec.live().filter((n) => n.spec.tag === `chat:${threadId}`).length).toBe(1);
    rec.live().find((n) => n.spec.tag === `chat:${threadId}`)!.handlers.click!();
    await eventually(() => current(h)).toContain('Chat');
    await page.getByRole('heading', { name: 'Launch plan' }).waitFor();
    await page.getByRole('log', { name: 'Messages' }).getByText('Room 4, bring the slides').waitFor();
    expect(rec.windowCalls).toContain('show');

    // Written offline, then the user goes to Calls: it is sent there, once, when the network is back.
    await page.context().setOffline(true);
    await page.getByLabel('Message', { exact: true }).fill('written offline');
    await page.getByLabel('Message', { exact: true }).press('Enter');
    await eventually(() => h.services.chat.outbox.view(alice).entries.map((e) => e.content)).toEqual(['written offline']);
    await nav(h, 'Calls').click();
    await page.context().setOffline(false);
    await eventually(() => texts(threadId).filter(([, text]) => text === 'written offline').length).toBe(1);
    await eventually(() => h.services.chat.outbox.view(alice).entries).toEqual([]);
    expect(await current(h)).toContain('Calls');

    // Nothing of what was written reached main's log.
    expect(JSON.stringify(h.logger.lines)).not.toMatch(/On my way|Room 4|written offline|joining/);
    await h.close();
  });

  it('opens a one-to-one chat from a call, and calls from the chat (the same conversation each time)', async () => {
    const h = await signedIn();
    const { page } = h;
    await eventually(() => nav(h, /^Chat/).count()).toBe(1);

    // Dave calls; Alice answers; the call card offers a chat with him.
    await page.evaluate((id) => window.__acsSim!.client.agent!.ring({ identifier: { kind: 'communicationUser', communicationUserId: id }, displayName: 'Dave Diaz' }), dave);
    await page.getByRole('region', { name: 'Incoming call' }).getByRole('button', { name: 'Answer', exact: true }).click();
    const call = page.getByRole('article', { name: 'Dave Diaz' });
    await expect.poll(() => call.textContent()).toContain('Connected');
    await call.getByRole('button', { name: 'Chat', exact: true }).click();
    await eventually(() => current(h)).toContain('Chat');
    await page.getByRole('heading', { name: 'Dave Diaz' }).waitFor();
    const withDave = () => [...fake.state.threads.values()].filter((t) => t.participants.has(dave) && t.participants.has(alice));
    expect(withDave()).toHaveLength(1);
    // Alice is in it under her name from sign-in.
    expect(withDave()[0]!.participants.get(alice)?.displayName).toBe('Alice Archer');

    // Hang up; from the chat, Call Dave: the dial pad's path, and the Calls section shows the call.
    await nav(h, 'Calls').click();
    await call.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(() => page.getByRole('article').count()).toBe(0);
    await nav(h, /^Chat/).click();
    await page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: /Dave Diaz/ }).click();
    await page.getByRole('button', { name: 'Call Dave Diaz' }).click();
    await eventually(() => current(h)).toContain('Calls');
    const started = await page.evaluate(() => JSON.stringify(window.__acsSim!.client.agent!.started.map((s) => s.participants)));
    expect(JSON.parse(started)).toEqual([[expect.objectContaining({ communicationUserId: dave })]]);

    // Chat from this call again: the same conversation, not a second one.
    await page.getByRole('article').getByRole('button', { name: 'Chat', exact: true }).click();
    await eventually(() => current(h)).toContain('Chat');
    await page.getByRole('heading', { name: 'Dave Diaz' }).waitFor();
    expect(withDave()).toHaveLength(1);

    // New chat with Dave alone reuses it too.
    await page.getByRole('button', { name: 'New chat' }).click();
    await page.getByLabel('People', { exact: true }).fill(dave);
    await page.getByRole('button', { name: 'Start chat' }).click();
    await page.getByRole('heading', { name: 'Dave Diaz' }).waitFor();
    expect(withDave()).toHaveLength(1);
    await h.close();
  });

  it('with chat turned off by IT: no Chat section, shortcut or badge, and no chat traffic', async () => {
    const { as } = await newThread(fake, aliceArcher, 'Policy', [{ id: bob, displayName: 'Bob Baker' }]);
    await as(bob).sendMessage({ content: 'unread' }, { senderDisplayName: 'Bob Baker' });
    const requestsBefore = fake.requests.length;
    const h = await signedIn({ deps: { managedSettings: { values: () => ({ allowChat: false }) } } });
    const { page } = h;
    const items = await page.getByRole('navigation', { name: 'Main' }).getByRole('button').allTextContents();
    expect(items.map((s) => s.trim())).toEqual(['Calls', 'People', 'Settings']);
    await page.keyboard.press('Control+2');
    expect(await current(h)).toContain('Calls');
    expect(await page.getByRole('heading', { name: 'Chat' }).count()).toBe(0);
    await new Promise((r) => setTimeout(r, 1000));
    expect(fake.requests.length).toBe(requestsBefore);
    expect(h.services.chat.unread.total).toBe(0);
    await h.close();
  });
});
