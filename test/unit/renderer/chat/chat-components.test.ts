/** Chat components in jsdom: untrusted text stays text, keyboard sending, own-message actions, the list. */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import MessageText from '../../../../renderer/chat/MessageText.svelte';
import Composer from '../../../../renderer/chat/Composer.svelte';
import MessageRow from '../../../../renderer/chat/MessageRow.svelte';
import ConversationList from '../../../../renderer/chat/ConversationList.svelte';
import NewConversation from '../../../../renderer/chat/NewConversation.svelte';
import ChatView from '../../../../renderer/chat/ChatView.svelte';
import { i18n } from '../../../../renderer/i18n/i18n.svelte.js';
import type { ChatItem } from '../../../../renderer/chat/core/chat-item.js';
import { chatItem as item, rowProps } from '../../../fixtures/chat-item.js';
import type { ConversationRow } from '../../../../renderer/chat/chat-store.svelte.js';
import { plainTextOfHtml } from '../../../../renderer/chat/core/linkify.js';

beforeEach(async () => {
  await i18n.setLocale('en');
});

describe('MessageText', () => {
  it('renders markup as text and only https/mailto as links, opened through the callback', async () => {
    const onopen = vi.fn(async () => true);
    const { container } = render(MessageText, { text: '<img src=x onerror=alert(1)> go https://example.com/x. or javascript:alert(2)', onopen });
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
    const links = screen.getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/x']);
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    links[0]!.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(onopen).toHaveBeenCalledWith('https://example.com/x');
  });

  it('says so when main refuses to open a link', async () => {
    render(MessageText, { text: 'https://example.com', onopen: async () => false });
    await fireEvent.click(screen.getByRole('link'));
    expect(await screen.findByRole('alert')).toHaveTextContent("This link can't be opened.");
  });

  it('shows the text of html messages, never their markup', () => {
    expect(plainTextOfHtml('<p>Hi <b>there</b></p><p>two<br>lines<script>x()</script></p>')).toBe('Hi there\ntwo\nlinesx()');
    const { container } = render(MessageText, { text: '<p>Hi <b onclick="x()">there</b></p>', html: true, onopen: async () => true });
    expect(container.querySelector('b, p')).toBeNull();
    expect(container.textContent).toContain('Hi there');
  });
});

describe('Composer', () => {
  it('sends with Enter, keeps Shift+Enter for a new line, and refuses an over-long message', async () => {
    const onsend = vi.fn(async () => undefined);
    const ontyping = vi.fn();
    render(Composer, { onsend, ontyping });
    const box = screen.getByLabelText('Message');
    await fireEvent.input(box, { target: { value: 'line one' } });
    expect(ontyping).toHaveBeenCalled();
    await fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(onsend).not.toHaveBeenCalled();
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(onsend).toHaveBeenCalledWith('line one');
    expect(box).toHaveValue('');
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(onsend).toHaveBeenCalledTimes(1);

    await fireEvent.input(box, { target: { value: 'x'.repeat(28_001) } });
    expect(screen.getByRole('alert')).toHaveTextContent('This message is too long (28001 of 28000 characters).');
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(onsend).toHaveBeenCalledTimes(1);
  });
});

describe('MessageRow', () => {
  it('edits an own message with Enter and cancels with Escape', async () => {
    const props = rowProps();
    render(MessageRow, props);
    await fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const editor = screen.getByLabelText('Edit message');
    await fireEvent.input(editor, { target: { value: 'hello again' } });
    await fireEvent.keyDown(editor, { key: 'Enter' });
    expect(props.onedit).toHaveBeenCalledWith(props.item, 'hello again');
    await fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    await fireEvent.keyDown(screen.getByLabelText('Edit message'), { key: 'Escape' });
    expect(screen.queryByLabelText('Edit message')).toBeNull();
  });

  it('asks before deleting', async () => {
    const props = rowProps();
    render(MessageRow, props);
    await fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(screen.getByText('Delete this message for everyone?')).toBeInTheDocument();
    expect(props.ondelete).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(props.ondelete).toHaveBeenCalledWith(props.item);
  });

  it('offers no edit or delete on other people\'s, deleted or pending messages', () => {
    render(MessageRow, rowProps({ own: false, item: item({ senderId: '8:acs:bob', senderName: 'Bob' }) }));
    render(MessageRow, rowProps({ item: item({ key: 'k2', deletedOn: 1, text: '' }) }));
    render(MessageRow, rowProps({ item: item({ key: 'k3', confirmed: false, id: null, status: 'pending' }) }));
    expect(screen.queryAllByRole('button', { name: 'Edit' })).toEqual([]);
    expect(screen.getByText('This message was deleted.')).toBeInTheDocument();
    expect(screen.getByText('Sending…')).toBeInTheDocument();
  });

  it('offers retry and discard for a failed send, and shows "Seen"', async () => {
    const failed = rowProps({ item: item({ key: 'k4', confirmed: false, id: null, status: 'failed', clientMessageId: 'c-1' }) });
    render(MessageRow, failed);
    expect(screen.getByRole('alert')).toHaveTextContent('Not sent.');
    await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(failed.onretry).toHaveBeenCalled();
    expect(failed.ondiscard).toHaveBeenCalled();
    render(MessageRow, rowProps({ item: item({ key: 'k5' }), seen: true }));
    expect(screen.getByText('Seen')).toBeInTheDocument();
  });

  it('words system messages', () => {
    render(MessageRow, rowProps({ item: item({ kind: 'participantAdded', initiatorId: '8:acs:bob', participants: [{ id: '8:acs:carol', displayName: 'Carol' }] }) }));
    render(MessageRow, rowProps({ item: item({ key: 's2', kind: 'topicUpdated', initiatorId: '8:acs:bob', topic: '<b>New</b>' }) }));
    render(MessageRow, rowProps({ item: item({ key: 's3', kind: 'participantRemoved', initiatorId: '8:acs:carol', participants: [{ id: '8:acs:carol', displayName: 'Carol' }] }) }));
    expect(screen.getByText('Bob added Carol.')).toBeInTheDocument();
    expect(screen.getByText('Bob changed the topic to “<b>New</b>”.')).toBeInTheDocument();
    expect(screen.getByText('Carol left.')).toBeInTheDocument();
  });
});

describe('ConversationList', () => {
  const row = (threadId: string, title: string | null, preview: Partial<ChatItem> | null, unread: number): ConversationRow => ({
    threadId,
    loaded: true,
    topic: title ?? '',
    lastActivity: Date.now(),
    participants: [],
    title,
    preview: preview ? item(preview) : null,
    unread,
  });

  it('shows titles, previews and unread counts, and moves with the arrow keys', async () => {
    const onselect = vi.fn();
    render(ConversationList, {
      conversations: [row('a', 'Launch', { text: 'ship it', senderId: '8:acs:me' }, 0), row('b', null, { senderId: '8:acs:bob', text: 'hi\nthere' }, 3), row('c', 'Quiet', null, 0)],
      selected: 'a',
      selfId: '8:acs:me',
      loaded: true,
      onselect,
      onnew: vi.fn(),
    });
    const buttons = screen.getAllByRole('button').filter((b) => b.classList.contains('conversation'));
    expect(buttons.map((b) => b.textContent?.replace(/\s+/g, ' ').trim().replace(/\d\d:\d\d( [AP]M)?/, 'TIME'))).toEqual([
      'Launch TIME You: ship it',
      'Untitled conversation TIME hi there 3',
      'Quiet TIME No messages yet',
    ]);
    expect(buttons[0]).toHaveAttribute('aria-current', 'true');
    expect(screen.getByLabelText('3 unread messages')).toBeInTheDocument();
    buttons[0]!.focus();
    await fireEvent.keyDown(buttons[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(buttons[1]);
    await fireEvent.click(buttons[1]!);
    expect(onselect).toHaveBeenCalledWith('b');
  });
});

describe('NewConversation', () => {
  it('checks the people and the topic before creating (raw IDs typed into the people box)', async () => {
    const oncreate = vi.fn(async () => undefined);
    render(NewConversation, { oncreate, oncancel: vi.fn() });
    const people = screen.getByLabelText('People');
    await fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Add at least one person.');
    await fireEvent.input(people, { target: { value: '8:acs:bob, bob@example.com' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    expect(screen.getByRole('alert')).toHaveTextContent('“bob@example.com” is not an ACS user ID');
    await fireEvent.input(people, { target: { value: '8:acs:bob, 8:acs:carol' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    expect(screen.getByRole('alert')).toHaveTextContent('A group chat needs a topic.');
    // The IDs became chips; the box is free for the next one.
    expect(people).toHaveValue('');
    expect(screen.getByRole('button', { name: 'Remove 8:acs:carol' })).toBeInTheDocument();
    await fireEvent.input(screen.getByLabelText('Topic'), { target: { value: 'Offsite' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    expect(oncreate).toHaveBeenCalledWith('Offsite', [{ id: '8:acs:bob' }, { id: '8:acs:carol' }]);
    // One person needs no topic.
    await fireEvent.click(screen.getByRole('button', { name: 'Remove 8:acs:carol' }));
    await fireEvent.input(screen.getByLabelText('Topic'), { target: { value: '' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    expect(oncreate).toHaveBeenLastCalledWith('', [{ id: '8:acs:bob' }]);
  });
});

describe('ChatView', () => {
  it('asks to sign in when chat is not running, in English and (formal) Spanish', async () => {
    render(ChatView, { runtime: null, api: null });
    expect(screen.getByText('Sign in to see your conversations.')).toBeInTheDocument();
    await i18n.setLocale('es');
    expect(await screen.findByText('Inicie sesión para ver sus conversaciones.')).toBeInTheDocument();
  });
});
