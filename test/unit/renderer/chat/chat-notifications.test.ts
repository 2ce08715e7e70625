/** Chat's side of OS notifications: what goes to main for a new message, and when a stale toast is closed. */
import { describe, expect, it } from 'vitest';
import { ChatNotifications } from '../../../../renderer/chat/chat-notifications.js';
import type { ChatItem } from '../../../../renderer/chat/core/chat-item.js';
import { chatItem } from '../../../fixtures/chat-item.js';
import type { ChatMessageNotification } from '../../../../contract/channels-tray.js';

/** A message from Bob. */
const item = (extra: Partial<ChatItem> = {}): ChatItem => chatItem({ senderId: '8:acs:bob', senderName: 'Bob', ...extra });

function fakeApi(shown = true) {
  const messages: ChatMessageNotification[] = [];
  const read: string[] = [];
  return {
    messages,
    read,
    api: {
      chatMessage: async (m: ChatMessageNotification) => {
        messages.push(m);
        return { ok: true as const, value: { shown } };
      },
      chatRead: async ({ threadId }: { threadId: string }) => {
        read.push(threadId);
        return { ok: true as const, value: undefined };
      },
    },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('ChatNotifications', () => {
  it('tells main about a message with its sender, a short plain-text preview and the group topic', async () => {
    const { api, messages } = fakeApi();
    const notes = new ChatNotifications(api);
    notes.incoming('19:t@thread.v2', item({ kind: 'html', text: '<p>Hi <b>team</b></p>\n\n<p>' + 'x'.repeat(2000) + '</p>' }), 'Launch');
    // A sender ACS gave no name (the item falls back to the raw id): main is sent no name, only the id to look up.
    notes.incoming('19:u@thread.v2', item({ senderName: '8:acs:bob', text: 'one\n  two' }), null);
    expect(messages[0]).toMatchObject({ threadId: '19:t@thread.v2', messageId: '1001', senderName: 'Bob', senderId: '8:acs:bob', threadTitle: 'Launch' });
    expect(messages[0]!.preview.startsWith('Hi team x')).toBe(true);
    expect(messages[0]!.preview.length).toBe(1000);
    expect(messages[1]).toEqual({ threadId: '19:u@thread.v2', messageId: '1001', senderName: '', senderId: '8:acs:bob', preview: 'one two' });
  });

  it('closes the toast of a conversation the user read, and asks main nothing otherwise', async () => {
    const { api, read } = fakeApi();
    const notes = new ChatNotifications(api);
    notes.read('19:t@thread.v2');
    expect(read).toEqual([]);
    notes.incoming('19:t@thread.v2', item(), null);
    await flush();
    notes.read('19:t@thread.v2');
    notes.read('19:t@thread.v2');
    expect(read).toEqual(['19:t@thread.v2']);
  });

  it('has nothing to close when main did not show the notification (window in front, Do not disturb)', async () => {
    const { api, read } = fakeApi(false);
    const notes = new ChatNotifications(api);
    notes.incoming('19:t@thread.v2', item(), null);
    await flush();
    notes.read('19:t@thread.v2');
    expect(read).toEqual([]);
  });
});

describe('ChatNotifications when chat stops', () => {
  it('closes the notifications it raised (sign-out, chat turned off)', async () => {
    const { api, read } = fakeApi();
    const notes = new ChatNotifications(api);
    notes.incoming('19:a@thread.v2', item(), null);
    notes.incoming('19:b@thread.v2', item(), null);
    await flush();
    notes.read('19:a@thread.v2');
    notes.closeAll();
    expect(read).toEqual(['19:a@thread.v2', '19:b@thread.v2']);
  });
});
