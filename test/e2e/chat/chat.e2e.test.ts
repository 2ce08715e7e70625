/**
 * Chat, end to end: the app's ChatView and ChatRuntime in headless Chromium (real bridge to the
 * real main services, real Chat SDK browser build) against the fake ACS chat service over
 * HTTPS, with a second user writing from Node with the real ChatClient. Chat inside the real
 * shell (sign-in, calls, notifications, policy) is in chat-in-shell.e2e.test.ts.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeBrowser, repoRoot, startHarness, type Harness } from '../../harness/harness.js';
import { fakeSafeStorage } from '../../fixtures/fake-safe-storage.js';
import { createFakeTokenService } from '../../fixtures/fake-token-service.js';
import { seedSignedInSession, tempDir } from '../../fixtures/main-services.js';
import { fakeAcsToken, startFakeAcsChat, type FakeAcsChat } from '../../fixtures/fake-acs-chat/index.js';
import { chatClientFor, newThread } from '../../fixtures/fake-acs-chat/sdk-clients.js';

const alice = '8:acs:e2e_alice';
const aliceArcher = { id: alice, displayName: 'Alice Archer' };
const bob = '8:acs:e2e_bob';
const carol = '8:acs:e2e_carol';
const screenshots = join(repoRoot, 'docs/screenshots');

let fake: FakeAcsChat;
/** expect.poll with room for a loaded machine (the full suite runs test projects in parallel). */
const eventually = <T>(value: () => T | Promise<T>) => expect.poll(value, { timeout: 15_000, interval: 50 });
/** Shifts the fake's clock, to seed yesterday's messages. */
let clockSkewMs = 0;
/**
 * The skew that puts the fake's clock at noon yesterday (local time, the page's too): a fixed
 * "26 hours ago" landed two calendar days back whenever the suite ran between midnight and 2 am.
 */
function skewToYesterdayNoon(): number {
  const noon = new Date();
  noon.setDate(noon.getDate() - 1);
  noon.setHours(12, 0, 0, 0);
  return noon.getTime() - Date.now();
}

beforeAll(async () => {
  await build({ configFile: join(repoRoot, 'test/e2e/chat/page/vite.config.ts') });
  fake = await startFakeAcsChat({ now: () => new Date(Date.now() + clockSkewMs) });
});
beforeEach(() => fake.faults.clear());
afterAll(async () => {
  await closeBrowser();
  await fake?.close();
  // The test page must never ship with the app's build.
  rmSync(join(repoRoot, 'dist/renderer/e2e-chat'), { recursive: true, force: true });
});

async function openChatPage(options: { locale?: 'en' | 'es'; settingsDirectory?: string } = {}): Promise<Harness> {
  // Main is signed in as Alice (a session from an earlier run): the outbox it keeps is hers.
  const settingsDirectory = options.settingsDirectory ?? tempDir();
  const cipher = fakeSafeStorage();
  seedSignedInSession(settingsDirectory, cipher, alice);
  const tokenService = createFakeTokenService({ now: () => Date.now(), communicationUserId: alice });
  const h = await startHarness({ contextOptions: { ignoreHTTPSErrors: true }, settingsDirectory, deps: { auth: { cipher, fetch: tokenService.fetch } } });
  const config = {
    endpoint: fake.endpoint,
    token: fakeAcsToken(alice),
    userId: alice,
    displayName: 'Alice Archer',
    locale: options.locale ?? 'en',
    timing: { pollMs: 300, pollBackoff: { baseMs: 300, maxMs: 1000 }, sendBackoff: { baseMs: 300, maxMs: 1000 }, realtimeGraceMs: 1000 },
  };
  await h.page.context().addInitScript((c) => {
    window.__chatE2E = c as never;
  }, config);
  await h.page.goto(`${h.origin}/e2e-chat/index.html`);
  return h;
}

const storedTexts = (threadId: string) => fake.state.threads.get(threadId)!.messages.filter((m) => m.type === 'text');

describe('chat in the app', () => {
  it('opens a conversation, receives, sends, edits and deletes, and shows hostile text as text', async () => {
    const { threadId, as } = await newThread(fake, aliceArcher, 'Project Falcon', [{ id: bob, displayName: 'Bob Baker' }]);
    await as(bob).sendMessage({ content: 'Morning! Draft is ready.' }, { senderDisplayName: 'Bob Baker' });

    const h = await openChatPage();
    const { page } = h;
    const conversation = page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: /Project Falcon/ });
    // The conversation is listed first; its last message's preview follows when it has loaded.
    await eventually(() => conversation.textContent()).toContain('Morning! Draft is ready.');
    await eventually(() => h.services.chat.unread.total).toBe(1);

    await conversation.click();
    const log = page.getByRole('log', { name: 'Messages' });
    await log.getByText('Morning! Draft is ready.').waitFor();
    // Reading the conversation clears its unread count (tray badge) and sends a read receipt.
    await eventually(() => h.services.chat.unread.total).toBe(0);
    await eventually(() => fake.state.threads.get(threadId)!.receipts.has(alice)).toBe(true);

    // Send with Enter; Shift+Enter makes a new line.
    const composer = page.getByLabel('Message', { exact: true });
    await composer.fill('Hello Bob');
    await composer.press('Enter');
    await composer.type('line one');
    await composer.press('Shift+Enter');
    await composer.type('line two');
    await composer.press('Enter');
    await eventually(() => storedTexts(threadId).map((m) => m.message)).toEqual(['Morning! Draft is ready.', 'Hello Bob', 'line one\nline two']);
    expect(storedTexts(threadId)[1]!.metadata?.clientMessageId).toMatch(/^[0-9a-f-]{36}$/);
    // Typing told the service (the SDK throttles repeats).
    expect(fake.state.typing.some((t) => t.threadId === threadId && t.userId === alice)).toBe(true);
    await eventually(() => log.getByText('Sending…').count()).toBe(0);

    // Bob answers from another client; polling brings it in. Bob read Alice's message: "Seen".
    const hello = storedTexts(threadId)[1]!;
    await as(bob).sendReadReceipt({ chatMessageId: hello.id });
    await as(bob).sendMessage({ content: 'Hi Alice 👋' }, { senderDisplayName: 'Bob Baker' });
    await log.getByText('Hi Alice 👋').waitFor();
    await log.getByText('Seen').waitFor();

    // Hostile text from Bob stays text; only https/mailto become links, opened by main.
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> <b>bold?</b> see https://example.com/docs?a=1&b=2. or javascript:window.__pwned=3';
    await as(bob).sendMessage({ content: hostile }, { senderDisplayName: 'Bob Baker' });
    await log.getByText('<img src=x onerror="window.__pwned=1">', { exact: false }).waitFor();
    expect(await log.locator('img, script, b').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await log.locator('a[href^="javascript"]').count()).toBe(0);
    await log.getByText('<b>bold?</b>', { exact: false }).waitFor();
    await log.getByRole('link', { name: 'https://example.com/docs?a=1&b=2' }).click();
    await eventually(() => h.shell.opened).toEqual(['https://example.com/docs?a=1&b=2']);
    expect(page.url()).toContain('/e2e-chat/index.html');

    // Edit own message.
    const mine = log.locator('article', { hasText: 'Hello Bob' });
    await mine.getByRole('button', { name: 'Edit' }).click();
    const editor = log.getByLabel('Edit message');
    await editor.fill('Hello Bob, welcome back');
    await editor.press('Enter');
    await eventually(() => storedTexts(threadId)[1]!.message).toBe('Hello Bob, welcome back');
    await log.locator('article', { hasText: 'Hello Bob, welcome back' }).getByText('(edited)').waitFor();

    // Delete own message (inline confirmation).
    const second = log.locator('article', { hasText: 'line two' });
    await second.getByRole('button', { name: 'Delete' }).click();
    await second.getByRole('button', { name: 'Delete' }).click();
    await eventually(() => storedTexts(threadId)[2]!.deletedOn).toBeInstanceOf(Date);
    await log.getByText('This message was deleted.').waitFor();

    // Nothing of what was written reached main's log.
    expect(JSON.stringify(h.logger.lines)).not.toMatch(/Hello Bob|pwned|line one/);
    expect(h.pageErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
    await h.close();
  });

  it('keeps a message written offline pending in main\'s outbox and sends it once on reconnect', async () => {
    const { threadId } = await newThread(fake, aliceArcher, 'Offline test', [{ id: bob, displayName: 'Bob Baker' }]);
    const h = await openChatPage();
    const { page } = h;
    await page.getByRole('button', { name: /Offline test/ }).click();
    const log = page.getByRole('log', { name: 'Messages' });
    await page.getByLabel('Message', { exact: true }).waitFor();

    await page.context().setOffline(true);
    const composer = page.getByLabel('Message', { exact: true });
    await composer.fill('written on the train');
    await composer.press('Enter');
    await log.locator('article', { hasText: 'written on the train' }).getByText('Sending…').waitFor();
    await eventually(() => h.services.chat.outbox.view(alice).entries.map((e) => e.content)).toEqual(['written on the train']);
    await expect.poll(() => page.getByRole('status', { name: 'Chat connection' }).textContent(), { timeout: 15_000 }).toMatch(/retrying/);
    expect(storedTexts(threadId)).toHaveLength(0);

    await page.context().setOffline(false);
    await expect.poll(() => storedTexts(threadId).map((m) => m.message), { timeout: 20_000 }).toEqual(['written on the train']);
    await eventually(() => h.services.chat.outbox.view(alice).entries).toEqual([]);
    await eventually(() => log.getByText('Sending…').count()).toBe(0);
    expect(await log.getByText('written on the train').count()).toBe(1);
    await h.close();
  });

  it('keeps an unsent message across a restart of the app and sends it once afterwards', async () => {
    const { threadId } = await newThread(fake, aliceArcher, 'Restart test', [{ id: bob, displayName: 'Bob Baker' }]);
    const settingsDirectory = tempDir();
    const first = await openChatPage({ settingsDirectory });
    await first.page.getByRole('button', { name: /Restart test/ }).click();
    await first.page.getByLabel('Message', { exact: true }).waitFor();
    // The service becomes unreachable (every connection cut): the send's outcome is unknown.
    fake.faults.offline = true;
    await first.page.getByLabel('Message', { exact: true }).fill('survives a restart');
    await first.page.getByLabel('Message', { exact: true }).press('Enter');
    await eventually(() => first.services.chat.outbox.view(alice).entries.length).toBe(1);
    await eventually(() => first.services.chat.outbox.view(alice).entries[0]?.maybeSent).toBe(true);
    await first.close();
    expect(storedTexts(threadId)).toHaveLength(0);
    fake.faults.offline = false;

    const second = await openChatPage({ settingsDirectory });
    await eventually(() => storedTexts(threadId).map((m) => m.message)).toEqual(['survives a restart']);
    await eventually(() => second.services.chat.outbox.view(alice).entries).toEqual([]);
    await second.page.getByRole('button', { name: /Restart test/ }).click();
    await second.page.getByRole('log').getByText('survives a restart').waitFor();
    expect(await second.page.getByRole('log').getByText('survives a restart').count()).toBe(1);
    await second.close();
  });

  it('tells the user when the outbox file was damaged, and still works', async () => {
    const settingsDirectory = tempDir();
    writeFileSync(join(settingsDirectory, 'chat-outbox.json'), '{ "entries": { oops');
    const h = await openChatPage({ settingsDirectory });
    await h.page.getByRole('alert').getByText(/Some unsent chat messages could not be read.*chat-outbox\.unreadable-/).waitFor();
    await h.page.getByRole('button', { name: 'New chat' }).waitFor();
    await h.close();
  });

  it('starts a group chat, renames it, manages people and leaves it', async () => {
    const h = await openChatPage();
    const { page } = h;
    await page.getByRole('button', { name: 'New chat' }).click();
    // Raw IDs typed into the people box become chips when the chat is started (or on Enter).
    const peopleBox = page.getByLabel('People', { exact: true });
    await peopleBox.fill(`${bob} ${carol}`);
    await page.getByRole('button', { name: 'Start chat' }).click();
    await page.getByRole('alert').getByText('A group chat needs a topic.').waitFor();
    await peopleBox.fill('not-an-id');
    await page.getByLabel('Topic').fill('Offsite');
    await page.getByRole('button', { name: 'Start chat' }).click();
    await page.getByRole('alert').getByText('“not-an-id” is not an ACS user ID', { exact: false }).waitFor();
    await peopleBox.fill('');
    await page.getByRole('button', { name: 'Start chat' }).click();
    await page.getByRole('heading', { name: 'Offsite' }).waitFor();
    const thread = [...fake.state.threads.values()].find((t) => t.topic === 'Offsite')!;
    expect([...thread.participants.keys()].sort()).toEqual([alice, bob, carol].sort());

    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('New topic').fill('Offsite 2027');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Offsite 2027' }).waitFor();
    expect(thread.topic).toBe('Offsite 2027');
    await page.getByText('You changed the topic to “Offsite 2027”.').waitFor();

    await page.getByRole('button', { name: 'People' }).click();
    await page.getByRole('button', { name: `Remove ${carol}` }).click();
    await eventually(() => thread.participants.has(carol)).toBe(false);
    await page.getByLabel('Add someone').fill('8:acs:e2e_dave');
    await page.getByLabel('Display name (optional)').fill('Dave Diaz');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await eventually(() => thread.participants.get('8:acs:e2e_dave')?.displayName).toBe('Dave Diaz');
    await page.getByText('You added Dave Diaz.').waitFor();

    await page.getByRole('button', { name: 'Leave' }).click();
    await page.getByRole('button', { name: 'Leave' }).click();
    await eventually(() => thread.participants.has(alice)).toBe(false);
    await page.getByText('Choose a conversation or start a new one.').waitFor();
    expect(await page.getByRole('button', { name: /Offsite 2027/ }).count()).toBe(0);
    await h.close();
  });

  it('shows a conversation in Spanish (README screenshot)', async () => {
    clockSkewMs = skewToYesterdayNoon();
    const { as } = await newThread(fake, aliceArcher, 'Design review', [
      { id: bob, displayName: 'Bob Baker' },
      { id: carol, displayName: 'Carol Chen' },
    ]);
    await as(bob).sendMessage({ content: 'The new dial pad mock-ups are up: https://contoso.example/dialpad' }, { senderDisplayName: 'Bob Baker' });
    await as(carol).sendMessage({ content: 'Looks great. Can we make the call button bigger?' }, { senderDisplayName: 'Carol Chen' });
    clockSkewMs = 0;
    await as(alice).sendMessage({ content: 'Agreed — and keep Enter to call.' }, { senderDisplayName: 'Alice Archer' });
    await as(bob).sendMessage({ content: 'Done. Updated both themes.' }, { senderDisplayName: 'Bob Baker' });
    await as(bob).sendMessage({ content: 'Shall we ship it Friday?' }, { senderDisplayName: 'Bob Baker' });

    const h = await openChatPage();
    const { page } = h;
    await page.getByRole('button', { name: /Design review/ }).click();
    await page.getByRole('log', { name: 'Messages' }).getByText('Shall we ship it Friday?').waitFor();
    await page.getByRole('log', { name: 'Messages' }).getByText('Yesterday').waitFor();
    await eventually(() => page.locator('[aria-busy="true"]').count()).toBe(0);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'chat-conversation.png') });
    await h.close();

    const es = await openChatPage({ locale: 'es' });
    await es.page.getByRole('navigation', { name: 'Conversaciones' }).getByRole('button', { name: /Design review/ }).click();
    await es.page.getByRole('log', { name: 'Mensajes' }).getByText('Ayer').waitFor();
    expect(await es.page.getByLabel('Mensaje', { exact: true }).getAttribute('placeholder')).toMatch(/Intro para enviar/);
    await es.close();
  });
});
