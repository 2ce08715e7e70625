/**
 * Offline sends survive a restart: the renderer's ChatService writes them to main's outbox
 * (through the same contract bridge the app uses, over the real router), the app "restarts"
 * (new main services on the same directory, new ChatService), and once the service is
 * reachable every message is delivered exactly once, including one whose first send reached
 * the service but whose answer was lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sdk from '@azure/communication-chat';
import { startFakeAcsChat, type FakeAcsChat } from '../../fixtures/fake-acs-chat/index.js';
import { chatClientFor, credentialFor, fakeClientOptions } from '../../fixtures/fake-acs-chat/sdk-clients.js';
import { appFrame, startTestMainServices, tempDir } from '../../fixtures/main-services.js';
import { buildSoftphoneApi } from '../../../preload/build-api.js';
import { ChatService } from '../../../renderer/chat/core/chat-service.js';
import { BridgeOutbox } from '../../../renderer/chat/core/bridge-outbox.js';
import { BridgeError } from '../../../renderer/lib/bridge.js';

const alice = '8:acs:restart_alice';
const bob = '8:acs:restart_bob';
let fake: FakeAcsChat;
beforeAll(async () => {
  fake = await startFakeAcsChat();
});
afterAll(() => fake.close());

function bootApp(directory: string, user = alice) {
  // Main is signed in as the user chatting: it lists and keeps only that user's outbox.
  const main = startTestMainServices({ settingsDirectory: directory }, { signedInAs: user });
  const api = buildSoftphoneApi({
    invoke: (channel, request) => main.services.router.dispatch(channel, request, appFrame),
    subscribe: () => () => undefined,
  });
  const outbox = new BridgeOutbox(api.chat);
  const chat = new ChatService({
    sdk,
    endpoint: fake.endpoint,
    credential: credentialFor(user),
    userId: user,
    displayName: user === alice ? 'Alice' : 'Bob',
    outbox,
    clientOptions: fakeClientOptions(fake, { retryOptions: { maxRetries: 1, retryDelayInMs: 10 } }),
    timing: { pollMs: 50, pollBackoff: { baseMs: 20, maxMs: 100 }, sendBackoff: { baseMs: 20, maxMs: 100 }, maxSendAttempts: 1000 },
    realtime: false,
  });
  return { main, chat, outbox };
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('chat outbox across a restart', () => {
  it('keeps offline sends, then delivers each exactly once after the restart', async () => {
    const threadId = (await chatClientFor(fake, alice).createChatThread({ topic: 'Offline' })).chatThread!.id;
    const directory = tempDir();

    const first = bootApp(directory);
    await first.chat.start();
    await first.chat.openConversation(threadId);
    // The first send reaches the service but the connection is cut before the answer…
    fake.faults.next('drop-after', 1, (method, path) => method === 'POST' && path.endsWith('/messages'));
    await first.chat.send(threadId, 'one');
    await until(() => first.main.services.chat.outbox.view(alice).entries[0]?.maybeSent === true && fake.faults.injected.length === 1);
    // …then the network goes away entirely and two more are written.
    fake.faults.offline = true;
    await first.chat.send(threadId, 'two');
    await first.chat.send(threadId, 'three');
    expect(first.chat.model(threadId).items().filter((i) => !i.confirmed).map((i) => [i.text, i.status])).toEqual([
      ['one', 'pending'],
      ['two', 'pending'],
      ['three', 'pending'],
    ]);
    await first.chat.stop();
    expect(first.main.services.chat.outbox.view(alice).entries.map((e) => e.content)).toEqual(['one', 'two', 'three']);

    // Restart, still offline: the pending messages are shown again from the outbox.
    const second = bootApp(directory);
    const startup = second.chat.start();
    await until(() => second.chat.model(threadId).items().length === 3);
    expect(second.chat.model(threadId).items().map((i) => i.status)).toEqual(['pending', 'pending', 'pending']);
    fake.faults.offline = false;
    second.chat.wake();
    await startup;
    await until(() => second.main.services.chat.outbox.view(alice).entries.length === 0);
    await second.chat.outboxIdle();

    const stored = fake.state.threads.get(threadId)!.messages.filter((m) => m.type === 'text').map((m) => m.message);
    expect(stored).toEqual(['one', 'two', 'three']);
    const view = await second.chat.openConversation(threadId);
    await until(() => view.items().filter((i) => i.confirmed && i.kind === 'text').length === 3);
    expect(view.items().filter((i) => i.kind === 'text').map((i) => [i.text, i.status])).toEqual([
      ['one', 'sent'],
      ['two', 'sent'],
      ['three', 'sent'],
    ]);
    await second.chat.stop();
  });

  it("never sends one user's unsent messages as the next user to sign in; keeps them for the writer", async () => {
    const threadId = (await chatClientFor(fake, alice).createChatThread({ topic: 'Shared desk' }, { participants: [{ id: { communicationUserId: bob } }] })).chatThread!.id;
    const directory = tempDir();
    const aliceSession = bootApp(directory, alice);
    await aliceSession.chat.start();
    fake.faults.offline = true;
    await aliceSession.chat.send(threadId, 'from alice, unsent');
    await aliceSession.chat.stop();
    fake.faults.offline = false;

    // Alice signs out; Bob signs in on the same machine, online.
    const bobSession = bootApp(directory, bob);
    await bobSession.chat.start();
    await bobSession.chat.openConversation(threadId);
    await bobSession.chat.send(threadId, 'from bob');
    await bobSession.chat.outboxIdle();
    await bobSession.chat.pollNow();
    expect(bobSession.chat.model(threadId).items().filter((i) => i.kind === 'text').map((i) => i.text)).toEqual(['from bob']);
    expect(bobSession.main.services.chat.outbox.view(alice).entries.map((e) => e.content)).toEqual(['from alice, unsent']);
    await bobSession.chat.stop();

    // Alice again: her message goes out, once, as her.
    const again = bootApp(directory, alice);
    await again.chat.start();
    await until(() => again.main.services.chat.outbox.view(alice).entries.length === 0);
    const stored = fake.state.threads.get(threadId)!.messages.filter((m) => m.type === 'text').map((m) => [m.senderId, m.message]);
    expect(stored).toEqual([
      [bob, 'from bob'],
      [alice, 'from alice, unsent'],
    ]);
    await again.chat.stop();
  });

  it("hands main's refusals on as the bridge's BridgeError, with main's reason", async () => {
    const { main, outbox } = bootApp(tempDir(), alice);
    const entry = { clientMessageId: '0b7c2f8e-5d1a-4c3e-9f7a-1234567890ab', ownerId: bob, threadId: '19:abc@thread.v2', content: 'not hers', createdAt: new Date().toISOString(), attempts: 0, state: 'pending' as const, maybeSent: false };
    const refused = await outbox.put(entry).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BridgeError);
    expect((refused as BridgeError).error).toEqual({ code: 'failed', messageKey: 'chat:errors.notYourOutbox' });
    main.services.settings.set({ allowChat: false });
    await expect(outbox.list()).rejects.toMatchObject({ name: 'BridgeError', error: { messageKey: 'chat:errors.disabledByPolicy' } });
  });

  it('marks a message that keeps failing as failed, and sends it once when the user retries', async () => {
    const threadId = (await chatClientFor(fake, alice).createChatThread({ topic: 'Reject' })).chatThread!.id;
    const app = bootApp(tempDir());
    fake.faults.next('unavailable', 1000, (method, path) => method === 'POST' && path.endsWith('/messages'));
    const limited = new ChatService({
      sdk,
      endpoint: fake.endpoint,
      credential: credentialFor(alice),
      userId: alice,
      displayName: 'Alice',
      outbox: app.outbox,
      clientOptions: fakeClientOptions(fake),
      timing: { sendBackoff: { baseMs: 5, maxMs: 10 }, maxSendAttempts: 3 },
      realtime: false,
    });
    await limited.start();
    const limitedView = await limited.openConversation(threadId);
    const id = await limited.send(threadId, 'stubborn');
    await until(() => limitedView.find(id)?.status === 'failed');
    expect(app.main.services.chat.outbox.view(alice).entries).toMatchObject([{ clientMessageId: id, state: 'failed', attempts: 3 }]);
    fake.faults.clear();
    await limited.retrySend(id);
    await until(() => app.main.services.chat.outbox.view(alice).entries.length === 0);
    await limited.outboxIdle();
    await until(() => limitedView.find(id)?.confirmed === true);
    expect(fake.state.threads.get(threadId)!.messages.filter((m) => m.message === 'stubborn')).toHaveLength(1);
    await limited.stop();
  });
});
