/**
 * Chat as it runs for the whole session, in jsdom: the session routes toast actions to the
 * running chat (and never to the next user), the workspace shows and dismisses its notices,
 * failures are told in the user's words (main's own reason when it refused), older history
 * that fails to load says so with a retry, and nothing the user typed is thrown away.
 */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as sdk from '@azure/communication-chat';
import { AzureCommunicationTokenCredential } from '@azure/communication-common';
import ChatWorkspace from '../../../../renderer/chat/ChatWorkspace.svelte';
import MessageList from '../../../../renderer/chat/MessageList.svelte';
import MessageRow from '../../../../renderer/chat/MessageRow.svelte';
import Composer from '../../../../renderer/chat/Composer.svelte';
import { ChatRuntime } from '../../../../renderer/chat/chat-runtime.svelte.js';
import { chatSession } from '../../../../renderer/chat/chat-session.svelte.js';
import { ChatStore, ConversationState } from '../../../../renderer/chat/chat-store.svelte.js';
import { ChatService } from '../../../../renderer/chat/core/chat-service.js';
import { ConversationModel } from '../../../../renderer/chat/core/conversation-model.js';
import { MemoryOutbox } from '../../../../renderer/chat/core/outbox-port.js';
import { chatErrorMessage } from '../../../../renderer/chat/format.js';
import { BridgeError } from '../../../../renderer/lib/bridge.js';
import { i18n } from '../../../../renderer/i18n/i18n.svelte.js';
import { NotificationActions } from '../../../../renderer/shell/notification-actions.svelte.js';
import { chatItem as item, rowProps } from '../../../fixtures/chat-item.js';
import { fakeAcsToken } from '../../../fixtures/fake-acs-chat/tokens.js';

beforeEach(async () => {
  await i18n.setLocale('en');
});

// jsdom has no layout: the virtual list only needs the observer to exist.
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
} as unknown as typeof ResizeObserver;
Element.prototype.scrollTo ??= function scrollTo() {};

const input = { credential: new AzureCommunicationTokenCredential(fakeAcsToken('8:acs:me')), endpoint: 'https://chat.example.test/', userId: '8:acs:me', displayName: 'Me' };

/** A runtime whose SDK never arrives (nothing reaches a network); tests set its store. */
const idleRuntime = () => new ChatRuntime({ input, api: null, loadSdk: () => new Promise(() => undefined) });

/** A store over a real ChatService that is never started. */
function idleStore(): ChatStore {
  const service = new ChatService({ sdk, endpoint: input.endpoint, credential: input.credential, userId: input.userId, displayName: 'Me', outbox: new MemoryOutbox(), realtime: false });
  return new ChatStore(service, null);
}

describe('chatSession', () => {
  it('keeps an action that came while chat was starting for the chat that starts', async () => {
    const hub = new NotificationActions();
    const stop = chatSession.listen(hub);
    hub.push({ action: 'openChat', threadId: '19:waiting@thread.v2' });
    const end = chatSession.begin(input, { api: null, loadSdk: () => new Promise(() => undefined) });
    await vi.waitFor(() => expect(chatSession.runtime?.selected).toBe('19:waiting@thread.v2'));
    // Running: the next one goes straight to it.
    hub.push({ action: 'openChat', threadId: '19:next@thread.v2' });
    expect(chatSession.runtime?.selected).toBe('19:next@thread.v2');
    await end();
    expect(chatSession.runtime).toBeNull();
    stop();
  });

  it('drops actions that come while nobody is signed in, so they never reach the next user', async () => {
    const hub = new NotificationActions();
    const stop = chatSession.listen(hub);
    const first = chatSession.begin(input, { api: null, loadSdk: () => new Promise(() => undefined) });
    await vi.waitFor(() => expect(chatSession.runtime).not.toBeNull());
    await first();
    // Signed out: a reply or open from the previous user's toast arrives.
    hub.push({ action: 'openChat', threadId: '19:previous-user@thread.v2' });
    const second = chatSession.begin({ ...input, userId: '8:acs:someone-else' }, { api: null, loadSdk: () => new Promise(() => undefined) });
    await vi.waitFor(() => expect(chatSession.runtime?.input.userId).toBe('8:acs:someone-else'));
    expect(chatSession.runtime?.selected).toBeNull();
    await second();
    stop();
  });

  it('brings Chat forward when another feature asks for a conversation', async () => {
    const shown = vi.fn();
    chatSession.showChat = shown;
    chatSession.openConversationWith({ userId: '8:acs:dave', displayName: 'Dave' });
    expect(shown).toHaveBeenCalledTimes(1);
    chatSession.showChat = null;
    chatSession.unavailable();
  });
});

describe('ChatWorkspace', () => {
  it('shows the outbox-repaired notice until the user dismisses it', async () => {
    const runtime = idleRuntime();
    runtime.store = idleStore();
    runtime.store.outboxRecovery = { reason: 'unreadable', backupPath: '/tmp/chat-outbox.unreadable-1.json', dropped: 0 };
    render(ChatWorkspace, { runtime, api: null });
    expect(screen.getByRole('alert')).toHaveTextContent('Some unsent chat messages could not be read');
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says when chat could not start, in the user\'s words, and lets them dismiss it', async () => {
    const runtime = new ChatRuntime({ input, api: null, loadSdk: () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')) });
    render(ChatWorkspace, { runtime, api: null });
    await runtime.start();
    expect(await screen.findByRole('alert')).toHaveTextContent("The chat service can't be reached. Try again in a moment.");
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('a conversation that cannot be created', () => {
  it('is told in the one error notice (create does not throw) and dismissed with it', async () => {
    const runtime = idleRuntime();
    runtime.store = idleStore();
    runtime.store.service.createConversation = async () => {
      throw new TypeError('Failed to fetch');
    };
    render(ChatWorkspace, { runtime, api: null });
    await expect(runtime.create('Launch', [{ id: '8:acs:bob' }, { id: '8:acs:carol' }])).resolves.toBeUndefined();
    expect(await screen.findByRole('alert')).toHaveTextContent("The chat service can't be reached. Try again in a moment.");
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(runtime.error).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('the unread total', () => {
  it('goes to main the first time (even 0), then only when it changes, and as 0 when chat stops', async () => {
    const totals: number[] = [];
    const chatApi = { unreadChanged: async ({ total }: { total: number }) => (totals.push(total), { ok: true as const, value: undefined }) };
    const service = idleStore().service;
    const store = new ChatStore(service, chatApi as unknown as ConstructorParameters<typeof ChatStore>[1]);
    expect(store.unreadTotal).toBeNull();
    store.refresh();
    store.refresh();
    expect(totals).toEqual([0]);
    // Two unread messages in one conversation.
    service.conversations = () => [{ threadId: 't1', topic: '', lastActivity: 1, participants: [] }];
    service.model = () => ({ unreadCount: () => 2, items: () => [] }) as unknown as ConversationModel;
    store.refresh();
    store.refresh();
    expect([store.unreadTotal, totals]).toEqual([2, [0, 2]]);
    await store.stop();
    expect([store.unreadTotal, totals]).toEqual([0, [0, 2, 0]]);
  });
});

describe('chatErrorMessage', () => {
  it("uses main's reason when main refused (a full outbox, chat turned off), else the service's", () => {
    // Main's refusals arrive as the bridge's BridgeError (BridgeOutbox goes through call()).
    expect(chatErrorMessage(new BridgeError({ code: 'failed', messageKey: 'chat:errors.outboxFull', params: { max: 1000 } }))).toBe(
      'Too many messages are waiting to be sent (1000). Wait until the connection is back, or discard some.',
    );
    expect(chatErrorMessage(new BridgeError({ code: 'failed', messageKey: 'chat:errors.disabledByPolicy' }))).toBe('Chat has been turned off by your organisation.');
    expect(chatErrorMessage(Object.assign(new Error('forbidden'), { statusCode: 403 }))).toBe('The chat service refused this. You may not be allowed to do it.');
    expect(chatErrorMessage(new TypeError('Failed to fetch'))).toBe("The chat service can't be reached. Try again in a moment.");
    // Only main's own refusals are shown by key: anything else that merely looks like one is not.
    expect(chatErrorMessage({ messageKey: '<img src=x>' })).toBe("The chat service can't be reached. Try again in a moment.");
    expect(chatErrorMessage({ messageKey: 'chat:errors.outboxFull' })).toBe("The chat service can't be reached. Try again in a moment.");
  });
});

describe('older history', () => {
  it('records a failed page instead of throwing, and clears it when a retry works', async () => {
    const model = new ConversationModel('t', '8:acs:me');
    let fail = true;
    const service = {
      hasMoreHistory: () => true,
      loadOlder: async () => {
        if (fail) throw new TypeError('Failed to fetch');
        return 10;
      },
      closeConversation: () => undefined,
    };
    const view = new ConversationState(service as never, model);
    await view.loadOlder();
    expect(view.olderFailed).toBe(true);
    expect(view.loadingOlder).toBe(false);
    fail = false;
    await view.loadOlder();
    expect(view.olderFailed).toBe(false);
    view.dispose();
  });

  it('shows the failure with a retry in the message list', async () => {
    const onloadolder = vi.fn(async () => undefined);
    render(MessageList, {
      items: [item()],
      selfId: '8:acs:me',
      seenUpTo: null,
      hasMoreHistory: true,
      loadingOlder: false,
      olderFailed: true,
      nameOf: (id: string | null | undefined) => id ?? '',
      onloadolder,
      onatbottom: vi.fn(),
      onopen: vi.fn(async () => true),
      onedit: vi.fn(async () => undefined),
      ondelete: vi.fn(async () => undefined),
      onretry: vi.fn(),
      ondiscard: vi.fn(),
    });
    expect(screen.getByRole('alert')).toHaveTextContent('Older messages could not be loaded.');
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onloadolder).toHaveBeenCalled();
  });
});

describe('nothing typed is lost', () => {
  it('keeps the edit open with the draft when saving fails', async () => {
    const onedit = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    render(MessageRow, rowProps({ onedit }));
    await fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const editor = screen.getByLabelText('Edit message');
    await fireEvent.input(editor, { target: { value: 'a careful rewrite' } });
    await fireEvent.keyDown(editor, { key: 'Enter' });
    await vi.waitFor(() => expect(onedit).toHaveBeenCalled());
    await vi.waitFor(() => expect(screen.getByLabelText('Edit message')).not.toBeDisabled());
    expect(screen.getByLabelText('Edit message')).toHaveValue('a careful rewrite');
  });

  it('keeps the edit open when the conversation answers that saving failed', async () => {
    const onedit = vi.fn(async () => false);
    render(MessageRow, rowProps({ onedit }));
    await fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    await fireEvent.input(screen.getByLabelText('Edit message'), { target: { value: 'second thoughts' } });
    await fireEvent.keyDown(screen.getByLabelText('Edit message'), { key: 'Enter' });
    await vi.waitFor(() => expect(screen.getByLabelText('Edit message')).not.toBeDisabled());
    expect(onedit).toHaveBeenCalledOnce();
    expect(screen.getByLabelText('Edit message')).toHaveValue('second thoughts');
  });

  it('gives the text back to the composer when the message could not be queued', async () => {
    const onsend = vi.fn(async () => false);
    render(Composer, { onsend, ontyping: vi.fn() });
    const box = screen.getByLabelText('Message');
    await fireEvent.input(box, { target: { value: 'important words' } });
    await fireEvent.keyDown(box, { key: 'Enter' });
    await vi.waitFor(() => expect(onsend).toHaveBeenCalledWith('important words'));
    await vi.waitFor(() => expect(box).toHaveValue('important words'));
  });
});
