/**
 * Realtime notifications and the polling fallback. Node has no realtime in the Chat SDK (it
 * needs the browser build and real ACS), so the ChatClient here is the real SDK class with
 * only its realtime methods replaced by a switchboard the test drives; REST calls still go
 * to the fake service. Shows: live events apply at once; a drop switches to polling with a
 * catch-up; reconnecting catches up again; a message seen both ways appears once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sdk from '@azure/communication-chat';
import type { ChatMessageReceivedEvent } from '@azure/communication-chat';
import { startFakeAcsChat, type FakeAcsChat } from '../../fixtures/fake-acs-chat/index.js';
import { chatClientFor, credentialFor, fakeClientOptions } from '../../fixtures/fake-acs-chat/sdk-clients.js';
import { ChatService, type ChatServiceOptions } from '../../../renderer/chat/core/chat-service.js';
import { MemoryOutbox } from '../../../renderer/chat/core/outbox-port.js';

const me = '8:acs:rt_me';
const bob = '8:acs:rt_bob';

/** The SDK's ChatClient with its realtime half simulated. */
class SwitchboardChatClient extends sdk.ChatClient {
  static last: SwitchboardChatClient | null = null;
  readonly handlers = new Map<string, Set<(event?: unknown) => void>>();
  started = false;
  constructor(...args: ConstructorParameters<typeof sdk.ChatClient>) {
    super(...args);
    SwitchboardChatClient.last = this;
  }
  override async startRealtimeNotifications(): Promise<void> {
    this.started = true;
  }
  override async stopRealtimeNotifications(): Promise<void> {
    this.started = false;
  }
  override on(event: string, listener: (e: never) => void): void {
    if (!this.started) throw new Error('You must call startRealtimeNotifications before you can subscribe to events.');
    const set = this.handlers.get(event) ?? new Set();
    set.add(listener as (e?: unknown) => void);
    this.handlers.set(event, set);
  }
  emit(event: string, payload?: unknown): void {
    for (const h of this.handlers.get(event) ?? []) h(payload);
  }
}

let fake: FakeAcsChat;
beforeAll(async () => {
  fake = await startFakeAcsChat();
});
afterAll(() => fake.close());

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** My chat service against the fake, with `ChatClient` standing in for the SDK's and this test's timing. */
function serviceWith(ChatClient: typeof sdk.ChatClient, timing: NonNullable<ChatServiceOptions['timing']>, clientOptions = fakeClientOptions(fake)): ChatService {
  return new ChatService({
    sdk: { ...sdk, ChatClient },
    endpoint: fake.endpoint,
    credential: credentialFor(me),
    userId: me,
    displayName: 'Me',
    outbox: new MemoryOutbox(),
    clientOptions,
    timing,
  });
}

function receivedEvent(threadId: string, message: { id: string; createdOn: Date; message?: string; version: string }): ChatMessageReceivedEvent {
  return {
    threadId,
    id: message.id,
    createdOn: message.createdOn,
    version: message.version,
    type: 'Text',
    message: message.message ?? '',
    metadata: {},
    sender: { kind: 'communicationUser', communicationUserId: bob },
    senderDisplayName: 'Bob',
    recipient: { kind: 'communicationUser', communicationUserId: me },
  };
}

describe('realtime with polling fallback', () => {
  it('goes live, falls back to polling on a drop, and catches up without gaps or duplicates', async () => {
    const threadId = (await chatClientFor(fake, me).createChatThread({ topic: 'Live' }, { participants: [{ id: { communicationUserId: bob } }] })).chatThread!.id;
    const bobThread = chatClientFor(fake, bob).getChatThreadClient(threadId);
    // A slow safety-net poll while live, a quick one while polling.
    const service = serviceWith(SwitchboardChatClient, { pollMs: 50, livePollMs: 60_000, realtimeGraceMs: 1500, pollBackoff: { baseMs: 20, maxMs: 100 } });
    await service.start();
    const client = SwitchboardChatClient.last!;
    expect(service.connectionState).toBe('connecting');
    // Started but never connected: after the grace time the user is told updates are polled.
    await until(() => service.connectionState === 'polling');
    client.emit('realTimeNotificationConnected');
    expect(service.connectionState).toBe('live');
    const view = await service.openConversation(threadId);
    const texts = () => view.items().filter((i) => i.kind === 'text').map((i) => i.text);

    // Live: an event shows at once, without waiting for a poll.
    const first = await bobThread.sendMessage({ content: 'one' });
    const stored = (id: string) => fake.state.threads.get(threadId)!.messages.find((m) => m.id === id)!;
    client.emit('chatMessageReceived', receivedEvent(threadId, { ...stored(first.id), version: stored(first.id).version }));
    expect(texts()).toEqual(['one']);
    client.emit('typingIndicatorReceived', { threadId, sender: { kind: 'communicationUser', communicationUserId: bob }, senderDisplayName: 'Bob', recipient: { kind: 'communicationUser', communicationUserId: me }, version: '1', receivedOn: new Date() });
    expect(view.typing().map((t) => t.name)).toEqual(['Bob']);

    // While live, a message whose event never came is not polled for quickly…
    await bobThread.sendMessage({ content: 'two (event lost)' });
    await new Promise((r) => setTimeout(r, 200));
    expect(texts()).toEqual(['one']);

    // …but a drop switches to polling, which catches up.
    client.emit('realTimeNotificationDisconnected');
    expect(service.connectionState).toBe('polling');
    await until(() => texts().length === 2);
    await bobThread.sendMessage({ content: 'three (while polling)' });
    await until(() => texts().length === 3);

    // Reconnected: catch-up again, and a late duplicate event changes nothing.
    const fourth = await bobThread.sendMessage({ content: 'four' });
    client.emit('realTimeNotificationConnected');
    expect(service.connectionState).toBe('live');
    await until(() => texts().length === 4);
    client.emit('chatMessageReceived', receivedEvent(threadId, stored(fourth.id)));
    client.emit('chatMessageReceived', receivedEvent(threadId, stored(first.id)));
    expect(texts()).toEqual(['one', 'two (event lost)', 'three (while polling)', 'four']);

    // Edits and deletes arrive as events too.
    client.emit('chatMessageEdited', { ...receivedEvent(threadId, stored(fourth.id)), message: 'four!', version: String(Date.now() + 1000), editedOn: new Date() });
    client.emit('chatMessageDeleted', { threadId, id: first.id, deletedOn: new Date(), createdOn: new Date(), version: String(Date.now() + 2000), type: 'Text', sender: { kind: 'communicationUser', communicationUserId: bob }, senderDisplayName: 'Bob', recipient: { kind: 'communicationUser', communicationUserId: me } });
    expect(view.find(fourth.id)?.text).toBe('four!');
    expect(view.find(first.id)?.deletedOn).not.toBeNull();
    await service.stop();
  });

  it('starts realtime again with a fresh client after a failed start (offline at launch)', async () => {
    /** Like the SDK: the client counts as started before it connects, so asking it again does nothing. */
    class OfflineAtLaunch extends SwitchboardChatClient {
      static failuresLeft = 1;
      private marked = false;
      override async startRealtimeNotifications(): Promise<void> {
        if (this.marked) return;
        this.marked = true;
        if (OfflineAtLaunch.failuresLeft-- > 0) throw new TypeError('Failed to fetch');
        this.started = true;
      }
    }
    // A long wait between attempts: only the network coming back (wake) may cut it short.
    const service = serviceWith(OfflineAtLaunch, { pollMs: 30, realtimeGraceMs: 50, realtimeRetry: { baseMs: 60_000, maxMs: 60_000 } });
    await service.start();
    await until(() => service.connectionState === 'polling');
    expect(service.realtimeAttempts).toBe(1);
    // Polls succeed, but the backoff holds the next attempt back.
    await new Promise((r) => setTimeout(r, 150));
    expect(service.realtimeAttempts).toBe(1);

    // The network is back ('online'): a new attempt, on a new client, starts realtime.
    service.wake();
    await until(() => service.realtimeAttempts === 2 && SwitchboardChatClient.last!.started);
    SwitchboardChatClient.last!.emit('realTimeNotificationConnected');
    expect(service.connectionState).toBe('live');
    await service.stop();
    expect(SwitchboardChatClient.last!.started).toBe(false);
  });

  it('tries realtime again on its own once polling works, after its backoff', async () => {
    class FailsTwice extends SwitchboardChatClient {
      static failuresLeft = 2;
      override async startRealtimeNotifications(): Promise<void> {
        if (FailsTwice.failuresLeft-- > 0) throw new TypeError('Failed to fetch');
        this.started = true;
      }
    }
    const service = serviceWith(FailsTwice, { pollMs: 20, realtimeGraceMs: 50, realtimeRetry: { baseMs: 40, maxMs: 80 } });
    await service.start();
    await until(() => service.realtimeAttempts === 3 && SwitchboardChatClient.last!.started);
    SwitchboardChatClient.last!.emit('realTimeNotificationConnected');
    expect(service.connectionState).toBe('live');
    await service.stop();
  });

  it('says "polling" when realtime cannot start, and still delivers', async () => {
    class NoRealtime extends sdk.ChatClient {
      override async startRealtimeNotifications(): Promise<void> {
        throw new Error('Realtime notifications are not supported here.');
      }
    }
    const threadId = (await chatClientFor(fake, me).createChatThread({ topic: 'Poll only' }, { participants: [{ id: { communicationUserId: bob } }] })).chatThread!.id;
    const service = serviceWith(NoRealtime, { pollMs: 50, pollBackoff: { baseMs: 20, maxMs: 100 } }, fakeClientOptions(fake, { retryOptions: { maxRetries: 1, retryDelayInMs: 10 } }));
    await service.start();
    await until(() => service.connectionState === 'polling');
    const view = await service.openConversation(threadId);
    await chatClientFor(fake, bob).getChatThreadClient(threadId).sendMessage({ content: 'polled' });
    await until(() => view.items().some((i) => i.text === 'polled'));

    // Requests failing: the state says so, and recovers when they work again.
    fake.faults.offline = true;
    await until(() => service.connectionState === 'retrying');
    fake.faults.offline = false;
    service.wake();
    await until(() => service.connectionState === 'polling');
    await service.stop();
  });
});
