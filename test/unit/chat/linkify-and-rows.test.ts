/** Message text helpers: which text becomes a link, and how messages group into rows. */
import { describe, expect, it } from 'vitest';
import { linkify } from '../../../renderer/chat/core/linkify.js';
import { buildRows } from '../../../renderer/chat/core/message-rows.js';
import { conversationTitle } from '../../../renderer/chat/core/conversation-title.js';
import type { ChatItem } from '../../../renderer/chat/core/chat-item.js';

describe('linkify', () => {
  it('links https and mailto only, trimming sentence punctuation', () => {
    expect(linkify('see https://example.com/a?b=1, then mail mailto:x@example.com.')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ', then mail ' },
      { kind: 'link', text: 'mailto:x@example.com', href: 'mailto:x@example.com' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('leaves other schemes and markup as text', () => {
    for (const text of ['javascript:alert(1)', 'http://example.com', 'file:///etc/passwd', 'data:text/html,<script>', 'https://', 'mailto:']) {
      const parts = linkify(text);
      expect(parts.filter((p) => p.kind === 'link')).toEqual([]);
      expect(parts.map((p) => p.text).join('')).toBe(text);
    }
    // Markup stays text around it; the URL inside it is only a URL.
    const parts = linkify('<a href="https://x.example/">x</a>');
    expect(parts.map((p) => p.text).join('')).toBe('<a href="https://x.example/">x</a>');
    expect(parts.filter((p) => p.kind === 'link').map((p) => p.kind === 'link' && p.href)).toEqual(['https://x.example/']);
  });

  it('keeps balanced parentheses in a URL', () => {
    expect(linkify('(https://en.wikipedia.org/wiki/Foo_(bar))')).toEqual([
      { kind: 'text', text: '(' },
      { kind: 'link', text: 'https://en.wikipedia.org/wiki/Foo_(bar)', href: 'https://en.wikipedia.org/wiki/Foo_(bar)' },
      { kind: 'text', text: ')' },
    ]);
  });
});

const item = (n: number, senderId: string, minutes: number, extra: Partial<ChatItem> = {}): ChatItem => ({
  key: `k${n}`,
  id: String(n),
  clientMessageId: null,
  kind: 'text',
  senderId,
  senderName: senderId,
  text: `t${n}`,
  createdOn: new Date(2026, 0, 1, 9, 0).getTime() + minutes * 60_000,
  confirmed: true,
  sequenceId: n,
  version: n,
  editedOn: null,
  deletedOn: null,
  status: 'sent',
  ...extra,
});

describe('buildRows', () => {
  it('adds day separators and starts a group on a new sender, a new day, or a long pause', () => {
    const rows = buildRows([item(1, 'a', 0), item(2, 'a', 1), item(3, 'b', 2), item(4, 'b', 10), item(5, 'b', 24 * 60), item(6, 'me', 24 * 60 + 1)], 'me');
    expect(rows.map((r) => (r.type === 'day' ? 'day' : `${r.item.text}${r.groupStart ? '*' : ''}${r.own ? '(own)' : ''}`))).toEqual([
      'day',
      't1*',
      't2',
      't3*',
      't4*',
      'day',
      't5*',
      't6*(own)',
    ]);
  });
});

describe('conversation titles and ids', () => {
  it('uses the topic, else the other people', () => {
    const people = [
      { id: 'me', displayName: 'Me' },
      { id: 'b', displayName: 'Bob' },
    ];
    expect(conversationTitle(' Launch ', people, 'me')).toBe('Launch');
    expect(conversationTitle('', people, 'me')).toBe('Bob');
    expect(conversationTitle('', [people[0]!], 'me')).toBeNull();
  });
});
