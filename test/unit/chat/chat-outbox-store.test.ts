/** Main's chat outbox: survives restarts, refuses bad entries, and recovers from a damaged file. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChatOutboxStore, maxOutboxEntries } from '../../../main/chat/chat-outbox-store.js';
import type { OutboxEntry } from '../../../contract/channels-chat.js';
import { confStoreFactory } from '../../fixtures/conf-store-factory.js';
import { createFakeTokenService } from '../../fixtures/fake-token-service.js';
import { appFrame, startTestMainServices, tempDir, testServiceUrl } from '../../fixtures/main-services.js';

const alice = '8:acs:outbox_alice';
const bob = '8:acs:outbox_bob';

const open = (directory: string, maxEntries?: number) =>
  new ChatOutboxStore({ directory, factory: confStoreFactory, projectVersion: '0.1.0', now: () => new Date('2026-11-25T05:00:00Z'), ...(maxEntries ? { maxEntries } : {}) });

const entry = (n: number, extra: Partial<OutboxEntry> = {}): OutboxEntry => ({
  clientMessageId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  ownerId: alice,
  threadId: '19:abc@thread.v2',
  content: `message ${n}`,
  createdAt: new Date(Date.UTC(2026, 10, 25, 5, 0, n)).toISOString(),
  attempts: 0,
  state: 'pending',
  maybeSent: false,
  ...extra,
});

describe('ChatOutboxStore', () => {
  it('keeps entries across a restart, oldest first, and forgets removed ones', () => {
    const dir = tempDir();
    const first = open(dir);
    first.put(entry(2));
    first.put(entry(1));
    first.put(entry(3));
    first.remove(entry(3).clientMessageId);
    first.put(entry(2, { attempts: 1, maybeSent: true }));
    const second = open(dir);
    expect(second.view(alice)).toEqual({ entries: [entry(1), entry(2, { attempts: 1, maybeSent: true })], recovery: null });
  });

  it("lists only the signed-in user's entries, and keeps the others' for when they come back", () => {
    const dir = tempDir();
    const store = open(dir);
    store.put(entry(1));
    store.put(entry(2, { ownerId: bob }));
    store.put(entry(3));
    expect(store.view(alice).entries.map((e) => e.content)).toEqual(['message 1', 'message 3']);
    expect(store.view(bob).entries.map((e) => e.content)).toEqual(['message 2']);
    expect(store.view('8:acs:someone_else').entries).toEqual([]);
    expect(open(dir).view(bob).entries).toEqual([entry(2, { ownerId: bob })]);
  });

  it('sets aside entries an older version stored without an owner (never sent as whoever signs in)', () => {
    const dir = tempDir();
    const { ownerId: _none, ...ownerless } = entry(1);
    writeFileSync(join(dir, 'chat-outbox.json'), JSON.stringify({ entries: { [ownerless.clientMessageId]: ownerless, [entry(2).clientMessageId]: entry(2) } }));
    const store = open(dir);
    expect(store.view(alice).entries).toEqual([entry(2)]);
    expect(store.recoveryNotice).toMatchObject({ reason: 'invalid-entries', dropped: 1 });
  });

  it("main decides whose outbox it is: a put for anyone but the signed-in user is refused, and the list follows who is signed in", async () => {
    const tokenService = createFakeTokenService({ now: () => Date.now(), apiKeys: ['dev-key-bob'], communicationUserId: bob });
    const { services, logger } = startTestMainServices({ auth: { fetch: tokenService.fetch } }, { signedInAs: alice });
    expect(await services.router.dispatch('chat:outboxPut', entry(1), appFrame)).toEqual({ ok: true, value: undefined });
    // A renderer still running for someone else (or asking for them) cannot file into this outbox.
    const refused = { ok: false, error: { code: 'failed', messageKey: 'chat:errors.notYourOutbox' } };
    expect(await services.router.dispatch('chat:outboxPut', entry(2, { ownerId: bob, content: 'from bob' }), appFrame)).toEqual(refused);
    expect(services.chat.outbox.view(bob).entries).toEqual([]);
    expect(JSON.stringify(logger.lines)).not.toContain('from bob');
    expect(await services.router.dispatch('chat:outboxList', undefined, appFrame)).toMatchObject({ ok: true, value: { entries: [entry(1)] } });

    // Signed out: nobody's entries are listed, and nothing can be put.
    await services.router.dispatch('auth:signOut', undefined, appFrame);
    expect(await services.router.dispatch('chat:outboxList', undefined, appFrame)).toMatchObject({ ok: true, value: { entries: [] } });
    expect(await services.router.dispatch('chat:outboxPut', entry(3), appFrame)).toEqual(refused);

    // Bob signs in on the same machine: his outbox, not Alice's (hers stays stored for her).
    expect(await services.router.dispatch('auth:signInWithApiKey', { serviceUrl: testServiceUrl, apiKey: 'dev-key-bob' }, appFrame)).toMatchObject({ ok: true, value: { status: 'ready', communicationUserId: bob } });
    expect(await services.router.dispatch('chat:outboxList', undefined, appFrame)).toMatchObject({ ok: true, value: { entries: [] } });
    expect(await services.router.dispatch('chat:outboxPut', entry(4, { ownerId: bob }), appFrame)).toEqual({ ok: true, value: undefined });
    expect(await services.router.dispatch('chat:outboxPut', entry(5), appFrame)).toEqual(refused);
    expect(await services.router.dispatch('chat:outboxList', undefined, appFrame)).toMatchObject({ ok: true, value: { entries: [entry(4, { ownerId: bob })] } });
    expect(services.chat.outbox.view(alice).entries).toEqual([entry(1)]);
  });

  it('refuses the outbox channels while IT has turned chat off, and takes unread chats off the badge', async () => {
    const { services } = startTestMainServices({}, { signedInAs: alice });
    await services.router.dispatch('chat:outboxPut', entry(1), appFrame);
    await services.router.dispatch('chat:unreadChanged', { total: 2 }, appFrame);
    services.settings.set({ allowChat: false });
    expect(services.chat.unread.total).toBe(0);
    const refused = { ok: false, error: { code: 'failed', messageKey: 'chat:errors.disabledByPolicy' } };
    expect(await services.router.dispatch('chat:outboxList', undefined, appFrame)).toMatchObject(refused);
    expect(await services.router.dispatch('chat:outboxPut', entry(2), appFrame)).toMatchObject(refused);
    expect(await services.router.dispatch('chat:outboxRemove', { clientMessageId: entry(1).clientMessageId }, appFrame)).toMatchObject(refused);
    expect(await services.router.dispatch('chat:unreadChanged', { total: 5 }, appFrame)).toEqual({ ok: true, value: undefined });
    expect(services.chat.unread.total).toBe(0);
    // Nothing was lost: back on, the entry is there.
    services.settings.set({ allowChat: true });
    expect(await services.router.dispatch('chat:outboxList', undefined, appFrame)).toMatchObject({ ok: true, value: { entries: [entry(1)] } });
  });

  it('refuses an invalid entry and a full outbox', () => {
    expect(maxOutboxEntries).toBe(1000);
    const store = open(tempDir(), 10);
    expect(() => store.put({ ...entry(1), content: '' })).toThrow();
    expect(() => store.put({ ...entry(1), clientMessageId: '../../etc' })).toThrow();
    for (let i = 0; i < 10; i++) store.put(entry(i));
    expect(() => store.put(entry(10))).toThrow(expect.objectContaining({ messageKey: 'chat:errors.outboxFull' }));
    // Replacing an existing entry is still allowed when full.
    store.put(entry(5, { attempts: 2 }));
  });

  it('moves an unreadable file aside and starts empty, with a notice', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'chat-outbox.json'), '{"entries": {"x": oops');
    const store = open(dir);
    expect(store.view(alice).entries).toEqual([]);
    expect(store.recoveryNotice).toMatchObject({ reason: 'unreadable', dropped: 0 });
    expect(readFileSync(store.recoveryNotice!.backupPath, 'utf8')).toContain('oops');
    store.put(entry(1));
    expect(open(dir).view(alice).entries).toEqual([entry(1)]);
  });

  it('drops invalid entries, keeps the valid ones and a backup of the original', () => {
    const dir = tempDir();
    const good = entry(1);
    writeFileSync(
      join(dir, 'chat-outbox.json'),
      JSON.stringify({ entries: { [good.clientMessageId]: good, bad: { content: 42 }, [entry(2).clientMessageId]: { ...entry(2), state: 'exploded' } } }),
    );
    const store = open(dir);
    expect(store.view(alice).entries).toEqual([good]);
    expect(store.recoveryNotice).toMatchObject({ reason: 'invalid-entries', dropped: 2 });
    expect(existsSync(store.recoveryNotice!.backupPath)).toBe(true);
    expect(JSON.parse(readFileSync(store.recoveryNotice!.backupPath, 'utf8')).entries.bad).toEqual({ content: 42 });
  });

  it('answers the chat channels through the router, and never logs message text', async () => {
    const { services, logger } = startTestMainServices({}, { signedInAs: alice });
    const put = await services.router.dispatch('chat:outboxPut', entry(1, { content: 'secret words' }), appFrame);
    expect(put).toEqual({ ok: true, value: undefined });
    expect(await services.router.dispatch('chat:outboxList', undefined, appFrame)).toEqual({ ok: true, value: { entries: [entry(1, { content: 'secret words' })], recovery: null } });
    const bad = await services.router.dispatch('chat:outboxPut', { ...entry(2), content: 'x'.repeat(30_000) }, appFrame);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-payload', fields: ['content'] } });
    await services.router.dispatch('chat:outboxRemove', { clientMessageId: entry(1).clientMessageId }, appFrame);
    expect(services.chat.outbox.view(alice).entries).toEqual([]);
    const totals: number[] = [];
    services.chat.unread.onChange((t) => totals.push(t));
    await services.router.dispatch('chat:unreadChanged', { total: 4 }, appFrame);
    await services.router.dispatch('chat:unreadChanged', { total: 4 }, appFrame);
    await services.router.dispatch('chat:unreadChanged', { total: 0 }, appFrame);
    expect(totals).toEqual([4, 0]);
    expect(JSON.stringify(logger.lines)).not.toContain('secret words');
  });
});
