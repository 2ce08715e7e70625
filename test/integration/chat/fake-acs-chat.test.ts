/**
 * The fake ACS chat service, driven by the real @azure/communication-chat ChatClient: proves
 * the fake speaks the REST dialect the SDK really uses (paths, api-version, paging, errors,
 * Retry-After), so the app's tests against it mean something.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '@azure/communication-chat';
import { request as httpsRequest } from 'node:https';
import { agentTrusting, startFakeAcsChat, type FakeAcsChat } from '../../fixtures/fake-acs-chat/index.js';
import { chatClientFor } from '../../fixtures/fake-acs-chat/sdk-clients.js';

const alice = '8:acs:fake_alice';
const bob = '8:acs:fake_bob';
const carol = '8:acs:fake_carol';

let fake: FakeAcsChat;
beforeAll(async () => {
  fake = await startFakeAcsChat();
});
afterAll(() => fake.close());
beforeEach(() => fake.faults.clear());

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterator) out.push(item);
  return out;
}

describe('fake ACS chat with the real ChatClient', () => {
  it('creates a thread, sends, lists, edits and deletes messages', async () => {
    const client = chatClientFor(fake, alice);
    const created = await client.createChatThread({ topic: 'Launch' }, { participants: [{ id: { communicationUserId: bob }, displayName: 'Bob' }] });
    const threadId = created.chatThread!.id;
    expect(created.chatThread?.topic).toBe('Launch');
    const thread = client.getChatThreadClient(threadId);

    const sent = await thread.sendMessage({ content: 'hello <b>bob</b>' }, { senderDisplayName: 'Alice', metadata: { clientMessageId: 'c-1' } });
    const fetched = await thread.getMessage(sent.id);
    expect(fetched.content?.message).toBe('hello <b>bob</b>');
    expect(fetched.metadata).toEqual({ clientMessageId: 'c-1' });
    expect(fetched.sender).toEqual({ kind: 'communicationUser', communicationUserId: alice });
    expect(fetched.createdOn).toBeInstanceOf(Date);

    await thread.updateMessage(sent.id, { content: 'hello Bob' });
    const edited = await thread.getMessage(sent.id);
    expect(edited.content?.message).toBe('hello Bob');
    expect(edited.editedOn).toBeInstanceOf(Date);

    await thread.deleteMessage(sent.id);
    const all = await collect(thread.listMessages());
    const deleted = all.find((m) => m.id === sent.id);
    expect(deleted?.deletedOn).toBeInstanceOf(Date);
    expect(all.map((m) => m.type)).toEqual(['text', 'participantAdded']);

    // Bob is a member and sees the thread; Carol is not and is refused.
    const bobsThreads = await collect(chatClientFor(fake, bob).listChatThreads());
    expect(bobsThreads.map((t) => t.id)).toContain(threadId);
    await expect(chatClientFor(fake, carol).getChatThreadClient(threadId).getProperties()).rejects.toMatchObject({ statusCode: 403 });
    // Only the sender may edit.
    await expect(chatClientFor(fake, bob).getChatThreadClient(threadId).updateMessage(sent.id, { content: 'x' })).rejects.toMatchObject({ statusCode: 403 });
  });

  it('pages messages newest first with nextLink and maxPageSize, without gaps while new ones arrive', async () => {
    const client = chatClientFor(fake, alice);
    const threadId = (await client.createChatThread({ topic: 'Paging' })).chatThread!.id;
    const thread = client.getChatThreadClient(threadId);
    for (let i = 0; i < 23; i++) await thread.sendMessage({ content: `m${i}` });

    const pages: ChatMessage[][] = [];
    for await (const page of thread.listMessages({ maxPageSize: 5 }).byPage()) {
      pages.push(page);
      // A message arriving mid-listing must not shift the next page.
      if (pages.length === 1) await thread.sendMessage({ content: 'late' });
    }
    expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 4]);
    const texts = pages.flat().filter((m) => m.type === 'text').map((m) => m.content?.message);
    expect(texts).toEqual(Array.from({ length: 23 }, (_, i) => `m${22 - i}`));
    const nextLinks = fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/messages'));
    expect(nextLinks.length).toBeGreaterThanOrEqual(5);
  });

  it('filters by startTime', async () => {
    const client = chatClientFor(fake, alice);
    const threadId = (await client.createChatThread({ topic: 'Since' })).chatThread!.id;
    const thread = client.getChatThreadClient(threadId);
    await thread.sendMessage({ content: 'old' });
    await new Promise((r) => setTimeout(r, 20));
    const since = new Date();
    await thread.sendMessage({ content: 'new' });
    const recent = await collect(thread.listMessages({ startTime: since }));
    expect(recent.map((m) => m.content?.message)).toEqual(['new']);
  });

  it('manages participants, topic, typing and read receipts', async () => {
    const client = chatClientFor(fake, alice);
    const threadId = (await client.createChatThread({ topic: 'Team' })).chatThread!.id;
    const thread = client.getChatThreadClient(threadId);
    await thread.addParticipants({ participants: [{ id: { communicationUserId: bob }, displayName: 'Bob' }, { id: { communicationUserId: carol } }] });
    const participants = await collect(thread.listParticipants({ maxPageSize: 2 }));
    expect(participants.map((p) => (p.id as { communicationUserId: string }).communicationUserId).sort()).toEqual([alice, bob, carol].sort());

    await thread.removeParticipant({ communicationUserId: carol });
    await thread.updateTopic('Team (renamed)');
    expect((await thread.getProperties()).topic).toBe('Team (renamed)');

    const system = (await collect(thread.listMessages())).map((m) => m.type);
    expect(system).toEqual(['topicUpdated', 'participantRemoved', 'participantAdded', 'participantAdded']);

    expect(await thread.sendTypingNotification()).toBe(true);
    // The SDK throttles typing itself: a second notification within 8 s is not sent.
    expect(await thread.sendTypingNotification()).toBe(false);
    expect(fake.state.typing.filter((t) => t.threadId === threadId)).toHaveLength(1);

    const sent = await thread.sendMessage({ content: 'read me' });
    await chatClientFor(fake, bob).getChatThreadClient(threadId).sendReadReceipt({ chatMessageId: sent.id });
    const receipts = await collect(thread.listReadReceipts());
    expect(receipts).toMatchObject([{ chatMessageId: sent.id, sender: { communicationUserId: bob } }]);

    // Leaving = removing yourself; the thread is gone from your list.
    const bobClient = chatClientFor(fake, bob);
    await bobClient.getChatThreadClient(threadId).removeParticipant({ communicationUserId: bob });
    expect((await collect(bobClient.listChatThreads())).map((t) => t.id)).not.toContain(threadId);
  });

  it('lists threads in pages, most recent activity first', async () => {
    const dave = '8:acs:fake_dave';
    const client = chatClientFor(fake, dave);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await client.createChatThread({ topic: `t${i}` })).chatThread!.id);
    await client.getChatThreadClient(ids[1]!).sendMessage({ content: 'bump' });
    const pages: string[][] = [];
    for await (const page of client.listChatThreads({ maxPageSize: 2 }).byPage()) pages.push(page.map((t) => t.topic));
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()[0]).toBe('t1');
  });

  it('injects 429 with Retry-After, which the SDK honours before retrying', async () => {
    const client = chatClientFor(fake, alice);
    const threadId = (await client.createChatThread({ topic: 'Throttle' })).chatThread!.id;
    fake.faults.next('throttle', 1, (method, path) => method === 'GET' && path.endsWith('/messages'));
    const started = Date.now();
    const messages = await collect(client.getChatThreadClient(threadId).listMessages());
    expect(messages).toHaveLength(1);
    expect(fake.faults.injected.at(-1)?.kind).toBe('throttle');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('injects 503, dropped connections and slow replies', async () => {
    const client = chatClientFor(fake, alice, { retryOptions: { maxRetries: 0 } });
    const threadId = (await client.createChatThread({ topic: 'Faults' })).chatThread!.id;
    const thread = client.getChatThreadClient(threadId);
    fake.faults.next('unavailable');
    await expect(thread.getProperties()).rejects.toMatchObject({ statusCode: 503 });
    fake.faults.next('drop');
    await expect(thread.getProperties()).rejects.toThrow();
    // drop-after: the message is stored although the client sees a failure.
    fake.faults.next('drop-after');
    await expect(thread.sendMessage({ content: 'maybe' })).rejects.toThrow();
    expect(fake.state.threads.get(threadId)!.messages.at(-1)?.message).toBe('maybe');
    fake.faults.next('slow');
    const started = Date.now();
    await thread.getProperties();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    fake.faults.offline = true;
    await expect(thread.getProperties()).rejects.toThrow();
  });

  it('refuses a missing token and an unknown api-version', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpsRequest(`${fake.endpoint}chat/threads?api-version=2025-03-15`, { agent: agentTrusting(fake.certificate) }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(401);
    const client = chatClientFor(fake, alice, { apiVersion: '2020-01-01' } as never);
    await expect(client.createChatThread({ topic: 'x' })).rejects.toMatchObject({ statusCode: 400 });
  });
});
