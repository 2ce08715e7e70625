/**
 * ChatService.start with unsent messages left in the outbox by an earlier run: their
 * conversation shows each of them once, still pending, also when it was opened before the
 * outbox had been read. The SDK is a stand-in that lists no
 * conversations and cannot send (the service is unreachable), so nothing leaves the test.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatService, type ChatSdk } from '../../../renderer/chat/core/chat-service.js';
import { ConversationModel } from '../../../renderer/chat/core/conversation-model.js';
import { MemoryOutbox, type OutboxEntry } from '../../../renderer/chat/core/outbox-port.js';
import type { CommunicationTokenCredential } from '@azure/communication-common';

const me = '8:acs:me';
const thread = '19:unsent@thread.v2';

/** The service answers every send with 503: the entries stay pending, waiting to be retried. */
class UnreachableThreadClient {
  sendMessage(): Promise<never> {
    return Promise.reject(Object.assign(new Error('unavailable'), { statusCode: 503 }));
  }
}

class EmptyChatClient {
  async *listChatThreads(): AsyncGenerator<never> {}
  getChatThreadClient(): UnreachableThreadClient {
    return new UnreachableThreadClient();
  }
}

const sdk = { ChatClient: EmptyChatClient, ChatThreadClient: UnreachableThreadClient } as unknown as ChatSdk;
const credential = { getToken: () => Promise.reject(new Error('not used')), dispose: () => undefined } as unknown as CommunicationTokenCredential;

function unsent(n: number): OutboxEntry {
  return {
    clientMessageId: `unsent-message-${n}`,
    ownerId: me,
    threadId: thread,
    content: `unsent ${n}`,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    attempts: 0,
    state: 'pending',
    maybeSent: false,
  };
}

/** An outbox holding two unsent messages of one conversation. */
async function outboxWithTwoUnsent(): Promise<MemoryOutbox> {
  const outbox = new MemoryOutbox();
  for (const entry of [unsent(1), unsent(2)]) await outbox.put(entry);
  return outbox;
}

function newService(outbox: MemoryOutbox): ChatService {
  return new ChatService({
    sdk,
    endpoint: 'https://chat.example.test/',
    credential,
    userId: me,
    displayName: 'Me',
    outbox,
    realtime: false,
    // Long enough that no retry happens during the test.
    timing: { sendBackoff: { baseMs: 60_000, maxMs: 60_000 } },
  });
}

const shown = (chat: ChatService) => chat.model(thread).items().map((item) => [item.clientMessageId, item.text, item.status]);
const bothPending = [
  ['unsent-message-1', 'unsent 1', 'pending'],
  ['unsent-message-2', 'unsent 2', 'pending'],
];

let service: ChatService | null = null;
afterEach(async () => {
  await service?.stop();
  service = null;
  vi.restoreAllMocks();
});

describe('ChatService.start', () => {
  it('shows each unsent message of a conversation once, added to its model once', async () => {
    const addPending = vi.spyOn(ConversationModel.prototype, 'addPending');
    service = newService(await outboxWithTwoUnsent());
    await service.start();
    expect(shown(service)).toEqual(bothPending);
    expect(addPending.mock.calls.map(([send]) => send.clientMessageId)).toEqual(['unsent-message-1', 'unsent-message-2']);
  });

  it('shows them in a conversation opened while the outbox was still being read', async () => {
    const outbox = await outboxWithTwoUnsent();
    let read: () => void = () => undefined;
    const reading = new Promise<void>((resolve) => (read = resolve));
    const list = outbox.list.bind(outbox);
    outbox.list = async () => {
      await reading;
      return list();
    };
    service = newService(outbox);
    const starting = service.start();
    expect(shown(service)).toEqual([]);
    read();
    await starting;
    expect(shown(service)).toEqual(bothPending);
  });
});
