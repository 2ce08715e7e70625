/**
 * The renderer's ChatService (plain TypeScript) with the real ChatClient against the fake ACS
 * chat service: polling catch-up, history paging, and a fault-injection run where 30% of
 * requests fail while two users send 500 messages, ending with every message delivered
 * exactly once and in order.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as sdk from '@azure/communication-chat';
import { startFakeAcsChat, type FakeAcsChat } from '../../fixtures/fake-acs-chat/index.js';
import { chatClientFor, credentialFor, fakeClientOptions } from '../../fixtures/fake-acs-chat/sdk-clients.js';
import { ChatService, type ChatServiceTiming } from '../../../renderer/chat/core/chat-service.js';
import { MemoryOutbox } from '../../../renderer/chat/core/outbox-port.js';
import type { ChatItem } from '../../../renderer/chat/core/chat-item.js';

const alice = '8:acs:it_alice';
const bob = '8:acs:it_bob';

let fake: FakeAcsChat;
const services: ChatService[] = [];

beforeAll(async () => {
  fake = await startFakeAcsChat();
});
afterEach(async () => {
  fake.faults.clear();
  await Promise.all(services.splice(0).map((s) => s.stop()));
});
afterAll(() => fake.close());

const fastTiming: Partial<ChatServiceTiming> = {
  pollMs: 50,
  livePollMs: 50,
  pollBackoff: { baseMs: 20, maxMs: 200 },
  sendBackoff: { baseMs: 5, maxMs: 100 },
  maxSendAttempts: 50,
};

function serviceFor(userId: string, name: string, outbox = new MemoryOutbox()) {
  const service = new ChatService({
    sdk,
    endpoint: fake.endpoint,
    credential: credentialFor(userId),
    userId,
    displayName: name,
    outbox,
    // The SDK's own read retries, made quick for the test run.
    clientOptions: fakeClientOptions(fake, { retryOptions: { retryDelayInMs: 20, maxRetryDelayInMs: 200, maxRetries: 6 } }),
    timing: fastTiming,
    realtime: false,
  });
  services.push(service);
  return { service, outbox };
}

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const texts = (items: readonly ChatItem[]) => items.filter((i) => i.kind === 'text' && i.confirmed).map((i) => i.text);

describe('ChatService against the fake ACS chat service', () => {
  it('lists conversations, sends through the outbox and catches up by polling on the other side', async () => {
    const a = serviceFor(alice, 'Alice');
    const b = serviceFor(bob, 'Bob');
    await a.service.start();
    await b.service.start();
    const threadId = await a.service.createConversation('Lunch', [{ id: bob, displayName: 'Bob' }]);
    const aliceView = await a.service.openConversation(threadId);
    await a.service.send(threadId, 'pizza?');
    expect(aliceView.items().at(-1)).toMatchObject({ text: 'pizza?', status: 'pending', confirmed: false });
    await a.service.outboxIdle();
    expect(a.outbox.entries.size).toBe(0);

    await until(() => b.service.conversations().some((c) => c.threadId === threadId));
    const bobView = await b.service.openConversation(threadId);
    await until(() => texts(bobView.items()).includes('pizza?'));
    expect(b.service.totalUnread()).toBe(1);
    expect(b.service.summary(threadId)?.participants.map((p) => p.id).sort()).toEqual([alice, bob].sort());

    await b.service.send(threadId, 'yes');
    await until(() => texts(aliceView.items()).join('|') === 'pizza?|yes');
    // Alice's own pending row became the listed message: one row, same key.
    expect(aliceView.items().filter((i) => i.text === 'pizza?')).toHaveLength(1);
    expect(aliceView.items().find((i) => i.text === 'pizza?')).toMatchObject({ status: 'sent', confirmed: true });

    await b.service.markRead(threadId);
    expect(b.service.totalUnread()).toBe(0);
    await until(() => aliceView.seenUpTo() !== null);

    // Edits and deletes show on both sides (the other side by polling).
    const mine = aliceView.items().find((i) => i.text === 'pizza?')!;
    await a.service.edit(threadId, mine.id!, 'sushi?');
    await a.service.delete(threadId, aliceView.items().find((i) => i.text === 'sushi?')!.id!);
    await until(() => bobView.find(mine.id!)?.deletedOn !== null);
  });

  it('pages older history in as the user scrolls up', async () => {
    const a = serviceFor(alice, 'Alice');
    await a.service.start();
    const threadId = await a.service.createConversation('History', []);
    const raw = new sdk.ChatClient(fake.endpoint, credentialFor(alice), fakeClientOptions(fake)).getChatThreadClient(threadId);
    for (let i = 0; i < 120; i++) await raw.sendMessage({ content: `h${i}` });

    const other = serviceFor(alice, 'Alice');
    await other.service.start();
    const view = await other.service.openConversation(threadId);
    expect(texts(view.items())).toHaveLength(50);
    expect(texts(view.items()).at(-1)).toBe('h119');
    while (other.service.hasMoreHistory(threadId)) await other.service.loadOlder(threadId);
    expect(texts(view.items())).toEqual(Array.from({ length: 120 }, (_, i) => `h${i}`));
    expect(view.items()[0]?.kind).toBe('participantAdded');
  });

  it('delivers 500 messages from two users exactly once and in order while 30% of requests fail', async () => {
    const a = serviceFor(alice, 'Alice');
    const b = serviceFor(bob, 'Bob');
    await a.service.start();
    await b.service.start();
    const threadId = await a.service.createConversation('Storm', [{ id: bob, displayName: 'Bob' }]);
    await until(() => b.service.conversations().some((c) => c.threadId === threadId));
    const aliceView = await a.service.openConversation(threadId);
    const bobView = await b.service.openConversation(threadId);

    fake.faults.setRule({ rate: 0.3, kinds: ['throttle', 'unavailable', 'drop', 'drop-after', 'slow'], retryAfterMs: 20, slowMs: 40, seed: 20261125 });
    const perUser = 250;
    const sends: Promise<string>[] = [];
    for (let i = 0; i < perUser; i++) {
      sends.push(a.service.send(threadId, `alice ${i}`));
      sends.push(b.service.send(threadId, `bob ${i}`));
    }
    await Promise.all(sends);

    const delivered = (items: readonly ChatItem[]) => texts(items).length;
    await until(() => a.outbox.entries.size === 0 && b.outbox.entries.size === 0, 120_000);
    await until(() => delivered(aliceView.items()) === 2 * perUser && delivered(bobView.items()) === 2 * perUser, 60_000);
    fake.faults.setRule(null);

    // Faults of every kind really happened, including sends stored but never acknowledged.
    const kinds = new Set(fake.faults.injected.map((f) => f.kind));
    expect([...kinds].sort()).toEqual(['drop', 'drop-after', 'slow', 'throttle', 'unavailable']);
    expect(fake.faults.injected.some((f) => f.kind === 'drop-after' && f.method === 'POST' && f.path.endsWith('/messages'))).toBe(true);

    // The service holds each message once…
    const stored = fake.state.threads.get(threadId)!.messages.filter((m) => m.type === 'text');
    expect(stored).toHaveLength(2 * perUser);
    expect(new Set(stored.map((m) => m.metadata?.clientMessageId)).size).toBe(2 * perUser);
    // …each user's messages in the order they were written…
    for (const who of ['alice', 'bob']) {
      expect(stored.map((m) => m.message!).filter((t) => t.startsWith(who))).toEqual(Array.from({ length: perUser }, (_, i) => `${who} ${i}`));
    }
    // …and both users see exactly the service's conversation, no gaps, no duplicates.
    const serverOrder = stored.map((m) => m.message);
    await until(() => texts(aliceView.items()).join('\n') === serverOrder.join('\n') && texts(bobView.items()).join('\n') === serverOrder.join('\n'), 30_000);
    expect(new Set(aliceView.items().map((i) => i.key)).size).toBe(aliceView.items().length);
  }, 240_000);
});

describe('polling picks up edits of messages older than the catch-up window', () => {
  it('refreshes the newest page now and then', async () => {
    const a = serviceFor(alice, 'Alice');
    const b = serviceFor(bob, 'Bob');
    await a.service.start();
    await b.service.start();
    const threadId = await a.service.createConversation('Edits', [{ id: bob, displayName: 'Bob' }]);
    const raw = new sdk.ChatClient(fake.endpoint, credentialFor(alice), fakeClientOptions(fake)).getChatThreadClient(threadId);
    const { id } = await raw.sendMessage({ content: 'first draft' });
    await until(() => b.service.conversations().some((c) => c.threadId === threadId));
    const bobView = await b.service.openConversation(threadId);
    await until(() => bobView.find(id)?.text === 'first draft');
    // Age the message past the overlap window, then edit it.
    fake.state.threads.get(threadId)!.messages.find((m) => m.id === id)!.createdOn = new Date(Date.now() - 3600_000);
    await raw.updateMessage(id, { content: 'final' });
    await until(() => bobView.find(id)?.text === 'final');
    expect(bobView.find(id)?.editedOn).not.toBeNull();
  });
});

describe('losing a conversation', () => {
  it('drops a conversation the user was removed from, and keeps the others updating', async () => {
    const a = serviceFor(alice, 'Alice');
    await a.service.start();
    const gone = await a.service.createConversation('Removed', [{ id: bob, displayName: 'Bob' }]);
    const kept = await a.service.createConversation('Kept', [{ id: bob, displayName: 'Bob' }]);
    await a.service.openConversation(gone);
    const keptView = await a.service.openConversation(kept);
    await chatClientFor(fake, bob).getChatThreadClient(gone).removeParticipant({ communicationUserId: alice });
    await until(() => !a.service.conversations().some((c) => c.threadId === gone));
    await chatClientFor(fake, bob).getChatThreadClient(kept).sendMessage({ content: 'still here' });
    await until(() => keptView.items().some((i) => i.text === 'still here'));
    expect(a.service.connectionState).toBe('polling');
  });
});

describe('losing a conversation that is not open', () => {
  it('leaves the list at the next full listing, but keeps its unsent messages: refused ones show as failed if it comes back', async () => {
    const a = serviceFor(alice, 'Alice');
    await a.service.start();
    const gone = await a.service.createConversation('Removed quietly', [{ id: bob, displayName: 'Bob' }]);
    // A message that cannot go out yet (the service is refusing sends to this conversation).
    fake.faults.next('unavailable', 1000, (method, path) => method === 'POST' && path.includes(encodeURIComponent(gone)) && path.endsWith('/messages'));
    const clientMessageId = await a.service.send(gone, 'never delivered');
    await until(() => a.outbox.entries.size === 1 && fake.faults.injected.length > 0);
    await chatClientFor(fake, bob).getChatThreadClient(gone).removeParticipant({ communicationUserId: alice });
    // Not open and nothing new to list for Alice: only the full listing can tell it is gone.
    await until(() => !a.service.conversations().some((c) => c.threadId === gone), 10_000);
    // Missing from a listing is not certain enough to throw a message away: it stays in the outbox.
    await a.service.pollNow();
    expect(a.outbox.entries.size).toBe(1);
    expect(a.service.outbox().map((e) => e.clientMessageId)).toEqual([clientMessageId]);
    // The service answers again and refuses it (Alice is no longer in the conversation): failed, still kept.
    fake.faults.clear();
    a.service.wake();
    await until(() => a.outbox.entries.get(clientMessageId)?.state === 'failed');
    // Bob adds Alice back: the conversation returns with the message, which Retry now sends.
    await chatClientFor(fake, bob).getChatThreadClient(gone).addParticipants({ participants: [{ id: { communicationUserId: alice } }] });
    await until(() => a.service.conversations().some((c) => c.threadId === gone), 10_000);
    expect(a.service.model(gone).items().find((i) => i.clientMessageId === clientMessageId)?.status).toBe('failed');
    await a.service.retrySend(clientMessageId);
    await until(() => a.outbox.entries.size === 0);
    const view = await a.service.openConversation(gone);
    await until(() => texts(view.items()).includes('never delivered'));
  });

  it('forgets a conversation the user leaves, with its unsent messages', async () => {
    const a = serviceFor(alice, 'Alice');
    await a.service.start();
    const threadId = await a.service.createConversation('Leaving', [{ id: bob, displayName: 'Bob' }]);
    fake.faults.next('unavailable', 1000, (method, path) => method === 'POST' && path.includes(encodeURIComponent(threadId)) && path.endsWith('/messages'));
    await a.service.send(threadId, 'left behind?');
    await until(() => a.outbox.entries.size === 1);
    await a.service.leave(threadId);
    await until(() => a.outbox.entries.size === 0);
    expect(a.service.conversations().some((c) => c.threadId === threadId)).toBe(false);
  });
});

describe('new messages for notifications', () => {
  it("reports others' new messages once, but not what was there at start, history, or the user's own", async () => {
    const threadId = (await chatClientFor(fake, bob).createChatThread({ topic: 'Pings' }, { participants: [{ id: { communicationUserId: alice } }] })).chatThread!.id;
    const bobThread = chatClientFor(fake, bob).getChatThreadClient(threadId);
    await bobThread.sendMessage({ content: 'before start' }, { senderDisplayName: 'Bob' });
    const incoming: { threadId: string; text: string; sender: string }[] = [];
    const service = new ChatService({
      sdk,
      endpoint: fake.endpoint,
      credential: credentialFor(alice),
      userId: alice,
      displayName: 'Alice',
      outbox: new MemoryOutbox(),
      clientOptions: fakeClientOptions(fake),
      timing: fastTiming,
      realtime: false,
      onIncoming: (id, item) => incoming.push({ threadId: id, text: item.text, sender: item.senderName }),
    });
    services.push(service);
    await service.start();
    await service.pollNow();
    expect(incoming).toEqual([]);

    await bobThread.sendMessage({ content: 'ping 1' }, { senderDisplayName: 'Bob' });
    await bobThread.sendMessage({ content: 'ping 2' }, { senderDisplayName: 'Bob' });
    await until(() => incoming.length > 0);
    await service.pollNow();
    // One report for the batch, the newest message in it.
    expect(incoming.at(-1)).toEqual({ threadId, text: 'ping 2', sender: 'Bob' });
    const reported = incoming.length;

    await service.send(threadId, 'my answer');
    await service.outboxIdle();
    await service.pollNow();
    await service.pollNow();
    expect(incoming).toHaveLength(reported);
    // Each message reported at most once, and only Bob's new ones.
    const reportedTexts = incoming.map((i) => i.text);
    expect(new Set(reportedTexts).size).toBe(reportedTexts.length);
    expect(reportedTexts.every((text) => text === 'ping 1' || text === 'ping 2')).toBe(true);
  });
});

describe('a send the outbox cannot keep', () => {
  it('leaves no "Sending…" row behind and tells the caller why', async () => {
    const outbox = new MemoryOutbox();
    const { service } = serviceFor(alice, 'Alice', outbox);
    await service.start();
    const threadId = await service.createConversation('Full', []);
    const view = await service.openConversation(threadId);
    outbox.put = async () => {
      throw Object.assign(new Error('chat:errors.outboxFull'), { messageKey: 'chat:errors.outboxFull', params: { max: 1000 } });
    };
    await expect(service.send(threadId, 'nowhere to go')).rejects.toMatchObject({ messageKey: 'chat:errors.outboxFull' });
    expect(view.items().filter((i) => !i.confirmed)).toEqual([]);
    expect(service.outbox()).toEqual([]);
  });
});
