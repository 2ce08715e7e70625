/** ConversationModel: one row per message whatever the mix of listings, realtime events and pending sends. */
import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatMessageReceivedEvent } from '@azure/communication-chat';
import { ConversationModel } from '../../../renderer/chat/core/conversation-model.js';
import { listedMessage } from '../../fixtures/chat-message.js';

const me = '8:acs:me';
const you = '8:acs:you';
const thread = '19:t@thread.v2';

const listed = (n: number, extra: Partial<ChatMessage> = {}) => listedMessage(n, { id: you, name: 'You' }, extra);

function received(n: number, extra: Partial<ChatMessageReceivedEvent> = {}): ChatMessageReceivedEvent {
  return {
    threadId: thread,
    id: String(1000 + n),
    createdOn: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
    version: String(1000 + n),
    type: 'Text',
    message: `m${n}`,
    metadata: {},
    sender: { kind: 'communicationUser', communicationUserId: you },
    senderDisplayName: 'You',
    recipient: { kind: 'communicationUser', communicationUserId: me },
    ...extra,
  };
}

const texts = (m: ConversationModel) => m.items().map((i) => i.text);

describe('ConversationModel', () => {
  it('orders listed pages oldest first and drops duplicates from overlapping polls and realtime', () => {
    const model = new ConversationModel(thread, me);
    model.mergeListed([listed(3), listed(2)]);
    model.applyReceived(received(4));
    model.mergeListed([listed(4), listed(3), listed(1)]);
    model.applyReceived(received(4));
    expect(texts(model)).toEqual(['m1', 'm2', 'm3', 'm4']);
    // The listing's sequence id is kept when a realtime copy of the same message came first.
    expect(model.find('1004')?.sequenceId).toBe(4);
  });

  it('ignores events of other conversations', () => {
    const model = new ConversationModel(thread, me);
    model.applyReceived(received(1, { threadId: 'other' }));
    expect(model.size).toBe(0);
  });

  it('turns a pending send into the listed message without a second row (matched by client message id)', () => {
    let now = Date.UTC(2026, 0, 1, 0, 0, 30);
    const model = new ConversationModel(thread, me, () => now);
    model.mergeListed([listed(1)]);
    model.addPending({ clientMessageId: 'client-abc-123', content: 'mine', createdAt: new Date(now).toISOString(), state: 'pending' }, 'Me');
    model.mergeListed([listed(2)]);
    // Pending rows stay last until the service has placed them.
    expect(texts(model)).toEqual(['m1', 'm2', 'mine']);
    expect(model.items().at(-1)).toMatchObject({ status: 'pending', confirmed: false, key: 'client-abc-123' });

    model.markSent('client-abc-123', '2000');
    expect(model.items().at(-1)).toMatchObject({ status: 'sent', id: '2000', confirmed: false });
    now += 1000;
    model.mergeListed([listed(3, { id: '2000', content: { message: 'mine' }, sender: { kind: 'communicationUser', communicationUserId: me }, metadata: { clientMessageId: 'client-abc-123' } })]);
    expect(model.items()).toHaveLength(3);
    expect(model.items().at(-1)).toMatchObject({ key: 'client-abc-123', id: '2000', confirmed: true, status: 'sent', sequenceId: 3 });
    // A listed copy arriving before markSent (the answer was lost) also merges into the pending row.
    model.addPending({ clientMessageId: 'client-def-456', content: 'again', createdAt: new Date(now).toISOString(), state: 'pending' }, 'Me');
    model.mergeListed([listed(4, { id: '2001', content: { message: 'again' }, sender: { kind: 'communicationUser', communicationUserId: me }, metadata: { clientMessageId: 'client-def-456' } })]);
    expect(texts(model)).toEqual(['m1', 'm2', 'mine', 'again']);
    model.markSent('client-def-456', '2001');
    expect(model.items()).toHaveLength(4);
  });

  it('shows a failed send, and forgets it when discarded', () => {
    const model = new ConversationModel(thread, me);
    model.addPending({ clientMessageId: 'client-fail-1', content: 'x', createdAt: new Date().toISOString(), state: 'pending' }, 'Me');
    model.markFailed('client-fail-1', true);
    expect(model.items()[0]?.status).toBe('failed');
    model.discardPending('client-fail-1');
    expect(model.size).toBe(0);
  });

  it('applies edits only when newer, and deletions for good', () => {
    const model = new ConversationModel(thread, me);
    model.mergeListed([listed(1)]);
    model.applyEdited({ ...received(1, { message: 'edited', version: '5000' }), editedOn: new Date() });
    expect(model.find('1001')).toMatchObject({ text: 'edited', version: 5000 });
    expect(model.find('1001')?.editedOn).not.toBeNull();
    // An older listing (a poll that started before the edit) does not undo it.
    model.mergeListed([listed(1)]);
    expect(model.find('1001')?.text).toBe('edited');
    model.applyDeleted({ threadId: thread, id: '1001', deletedOn: new Date() });
    expect(model.find('1001')).toMatchObject({ text: '', deletedOn: expect.any(Number) });
    model.mergeListed([listed(1, { version: '9999' })]);
    expect(model.find('1001')?.text).toBe('');
  });

  it('counts unread messages from others after the own read receipt, and knows what others have seen', () => {
    const model = new ConversationModel(thread, me);
    model.mergeListed([listed(1), listed(2), listed(3, { sender: { kind: 'communicationUser', communicationUserId: me } }), listed(4)]);
    expect(model.unreadCount()).toBe(3);
    model.setReceipts([{ sender: { kind: 'communicationUser', communicationUserId: me }, chatMessageId: '1002', readOn: new Date() }]);
    expect(model.unreadCount()).toBe(1);
    model.markReadLocally('1004');
    expect(model.unreadCount()).toBe(0);
    expect(model.seenUpTo()).toBeNull();
    model.applyReadReceipt({ threadId: thread, sender: { kind: 'communicationUser', communicationUserId: you }, senderDisplayName: 'You', recipient: { kind: 'communicationUser', communicationUserId: me }, chatMessageId: '1003', readOn: new Date() });
    expect(model.seenUpTo()).toBe(Date.UTC(2026, 0, 1, 0, 0, 3));
  });

  it('shows typing for a while, and stops when that person sends a message', () => {
    let now = 0;
    const model = new ConversationModel(thread, me, () => now);
    const typing = { threadId: thread, sender: { kind: 'communicationUser' as const, communicationUserId: you }, senderDisplayName: 'You', recipient: { kind: 'communicationUser' as const, communicationUserId: me }, version: '1', receivedOn: new Date() };
    model.applyTyping(typing);
    model.applyTyping({ ...typing, sender: { kind: 'communicationUser', communicationUserId: me } });
    expect(model.typing().map((t) => t.name)).toEqual(['You']);
    now = 11_000;
    expect(model.typing()).toEqual([]);
    model.applyTyping(typing);
    model.applyReceived(received(1));
    expect(model.typing()).toEqual([]);
  });

  it("never lets someone's metadata replace another person's message (Eve reuses Bob's client message id)", () => {
    const bob = '8:acs:bob';
    const eve = '8:acs:eve';
    const model = new ConversationModel(thread, me);
    model.mergeListed([listed(1, { sender: { kind: 'communicationUser', communicationUserId: bob }, senderDisplayName: 'Bob', content: { message: 'from Bob' }, metadata: { clientMessageId: 'bob-client-0001' } })]);
    // Eve copies Bob's client message id into her own message, by listing and by realtime.
    model.mergeListed([listed(2, { sender: { kind: 'communicationUser', communicationUserId: eve }, senderDisplayName: 'Eve', content: { message: 'hidden?' }, metadata: { clientMessageId: 'bob-client-0001' } })]);
    model.applyReceived(received(3, { sender: { kind: 'communicationUser', communicationUserId: eve }, senderDisplayName: 'Eve', message: 'again', metadata: { clientMessageId: 'bob-client-0001' } }));
    expect(model.items().map((i) => [i.senderName, i.text])).toEqual([
      ['Bob', 'from Bob'],
      ['Eve', 'hidden?'],
      ['Eve', 'again'],
    ]);
    expect(model.items().every((i) => i.clientMessageId === null)).toBe(true);

    // Nor can she take over the user's own pending send by naming its client message id.
    model.addPending({ clientMessageId: 'my-client-0001', content: 'mine', createdAt: new Date(Date.UTC(2026, 0, 1, 0, 1)).toISOString(), state: 'pending' }, 'Me');
    model.mergeListed([listed(4, { sender: { kind: 'communicationUser', communicationUserId: eve }, senderDisplayName: 'Eve', content: { message: 'not yours' }, metadata: { clientMessageId: 'my-client-0001' } })]);
    model.applyReceived(received(5, { sender: { kind: 'communicationUser', communicationUserId: eve }, message: 'nor this', metadata: { clientMessageId: 'my-client-0001' } }));
    expect(model.find('my-client-0001')).toMatchObject({ text: 'mine', senderId: me, status: 'pending', confirmed: false });
    model.markSent('my-client-0001', '7000');
    expect(model.find('7000')).toMatchObject({ text: 'mine', senderId: me });
    expect(texts(model)).toEqual(['from Bob', 'hidden?', 'again', 'not yours', 'nor this', 'mine']);
  });

  it('keeps two of the user\'s own messages that carry the same client message id as two rows', () => {
    const model = new ConversationModel(thread, me);
    const mine = { kind: 'communicationUser' as const, communicationUserId: me };
    model.mergeListed([listed(1, { sender: mine, content: { message: 'first' }, metadata: { clientMessageId: 'dup-client-01' } })]);
    model.mergeListed([listed(2, { sender: mine, content: { message: 'second' }, metadata: { clientMessageId: 'dup-client-01' } })]);
    expect(texts(model)).toEqual(['first', 'second']);
  });

  it('does not re-sort the messages for a typing indicator or a read receipt', () => {
    const model = new ConversationModel(thread, me);
    model.mergeListed([listed(1), listed(2)]);
    const sorted = model.items();
    let calls = 0;
    model.subscribe(() => calls++);
    model.applyTyping({ threadId: thread, sender: { kind: 'communicationUser', communicationUserId: you }, senderDisplayName: 'You', recipient: { kind: 'communicationUser', communicationUserId: me }, version: '1', receivedOn: new Date() });
    model.applyReadReceipt({ threadId: thread, sender: { kind: 'communicationUser', communicationUserId: you }, senderDisplayName: 'You', recipient: { kind: 'communicationUser', communicationUserId: me }, chatMessageId: '1002', readOn: new Date() });
    expect(calls).toBe(2);
    expect(model.items()).toBe(sorted);
    model.applyEdited({ ...received(1, { message: 'edited', version: '5000' }), editedOn: new Date() });
    expect(model.items()).not.toBe(sorted);
    expect(texts(model)).toEqual(['edited', 'm2']);
  });

  it('reports new arrivals, but not history paged in or a message it already had', () => {
    const model = new ConversationModel(thread, me);
    const arrived: string[][] = [];
    model.onArrival((items) => arrived.push(items.map((i) => i.text)));
    model.mergeListed([listed(5), listed(4)]);
    model.mergeListed([listed(2), listed(1)]);
    model.applyReceived(received(6));
    model.applyReceived(received(6));
    model.mergeListed([listed(6), listed(8), listed(7)]);
    expect(arrived).toEqual([['m5', 'm4'], ['m6'], ['m8', 'm7']]);
  });

  it('tells listeners once per batch, and keeps the same array until something changes', () => {
    const model = new ConversationModel(thread, me);
    let calls = 0;
    model.subscribe(() => calls++);
    model.mergeListed([listed(1), listed(2), listed(3)]);
    expect(calls).toBe(1);
    expect(model.items()).toBe(model.items());
  });
});
