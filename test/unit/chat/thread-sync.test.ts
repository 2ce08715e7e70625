/**
 * ThreadSync on its own, over a double of the SDK's ChatThreadClient listing methods (typed
 * by the SDK's own interfaces): the newest page first, history page by page without gaps even
 * when a page fails, catch-up since the newest message seen, and the periodic re-listing
 * that brings edits of recent messages.
 */
import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatMessageReadReceipt, ListMessagesOptions, ListPageSettings } from '@azure/communication-chat';
import { ThreadSync, type ThreadReader } from '../../../renderer/chat/core/thread-sync.js';
import { ConversationModel } from '../../../renderer/chat/core/conversation-model.js';
import { listedMessage } from '../../fixtures/chat-message.js';

const me = '8:acs:sync_me';
const bob = '8:acs:sync_bob';
const t0 = Date.UTC(2026, 0, 1);

const message = (n: number, extra: Partial<ChatMessage> = {}) => listedMessage(n, { id: bob, name: 'Bob' }, extra);

/** The SDK's paged iterator (PagedAsyncIterableIterator), built over a page function. */
function paged<T>(pages: (token: string | undefined) => Promise<{ items: T[]; next: string | undefined }>) {
  async function* byPage(settings: ListPageSettings = {}): AsyncIterableIterator<T[]> {
    do {
      const page = await pages(settings.continuationToken);
      // Like the SDK: the settings object carries the next page's token.
      settings.continuationToken = page.next;
      yield page.items;
    } while (settings.continuationToken);
  }
  async function* all(): AsyncIterableIterator<T> {
    for await (const page of byPage()) yield* page;
  }
  const iterator = all();
  const result = {
    next: () => iterator.next(),
    [Symbol.asyncIterator]: () => result,
    byPage,
  };
  return result;
}

/** A conversation on the "service": messages newest first, as ACS lists them. */
class ThreadDouble implements ThreadReader {
  messages: ChatMessage[] = [];
  receipts: ChatMessageReadReceipt[] = [];
  readonly requests: { startTime?: number; token?: string; maxPageSize?: number }[] = [];
  failNext: Error | null = null;

  listMessages(options: ListMessagesOptions = {}): ReturnType<ThreadReader['listMessages']> {
    const size = options.maxPageSize ?? 100;
    return paged<ChatMessage>(async (token) => {
      this.requests.push({ ...(options.startTime ? { startTime: options.startTime.getTime() } : {}), ...(token ? { token } : {}), maxPageSize: size });
      if (this.failNext) {
        const error = this.failNext;
        this.failNext = null;
        throw error;
      }
      const matching = [...this.messages]
        .filter((m) => !options.startTime || m.createdOn >= options.startTime)
        .sort((a, b) => b.createdOn.getTime() - a.createdOn.getTime());
      const offset = Number(token ?? 0);
      const next = offset + size < matching.length ? String(offset + size) : undefined;
      return { items: matching.slice(offset, offset + size), next };
    });
  }

  listReadReceipts(): ReturnType<ThreadReader['listReadReceipts']> {
    return paged<ChatMessageReadReceipt>(async () => ({ items: this.receipts, next: undefined }));
  }
}

const texts = (model: ConversationModel) => model.items().map((i) => i.text);

describe('ThreadSync', () => {
  it('shows the newest page first, then pages history in without gaps, down to the beginning', async () => {
    const thread = new ThreadDouble();
    thread.messages = Array.from({ length: 7 }, (_, i) => message(i + 1));
    const sync = new ThreadSync(thread, new ConversationModel('t', me), { pageSize: 3 });
    await sync.loadNewest();
    expect(texts(sync.model)).toEqual(['m5', 'm6', 'm7']);
    expect(sync.hasMoreHistory).toBe(true);
    expect(await sync.loadOlder()).toBe(3);
    expect(await sync.loadOlder()).toBe(1);
    expect(texts(sync.model)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
    expect(sync.hasMoreHistory).toBe(false);
    const asked = thread.requests.length;
    expect(await sync.loadOlder()).toBe(0);
    expect(thread.requests.length).toBe(asked);
  });

  it('keeps its place when a history page fails, so trying again brings the same page', async () => {
    const thread = new ThreadDouble();
    thread.messages = Array.from({ length: 6 }, (_, i) => message(i + 1));
    const sync = new ThreadSync(thread, new ConversationModel('t', me), { pageSize: 2 });
    await sync.loadNewest();
    thread.failNext = Object.assign(new Error('offline'), { code: 'ECONNRESET' });
    await expect(sync.loadOlder()).rejects.toThrow('offline');
    expect(sync.hasMoreHistory).toBe(true);
    expect(await sync.loadOlder()).toBe(2);
    expect(texts(sync.model)).toEqual(['m3', 'm4', 'm5', 'm6']);
  });

  it('loads the newest page first when history is asked for before anything was shown', async () => {
    const thread = new ThreadDouble();
    thread.messages = [message(1), message(2)];
    const sync = new ThreadSync(thread, new ConversationModel('t', me));
    expect(sync.initialised).toBe(false);
    expect(await sync.loadOlder()).toBe(2);
    expect(sync.initialised).toBe(true);
  });

  it('catches up since the newest message seen (with an overlap), and reads the receipts', async () => {
    const thread = new ThreadDouble();
    thread.messages = [message(1), message(2)];
    const sync = new ThreadSync(thread, new ConversationModel('t', me), { pageSize: 50, overlapMs: 30_000 });
    await sync.loadNewest();
    thread.messages.push(message(3), message(4));
    thread.receipts = [{ sender: { kind: 'communicationUser', communicationUserId: me }, chatMessageId: '1003', readOn: new Date(t0 + 5000) }];
    await sync.catchUp();
    expect(thread.requests.at(-1)).toMatchObject({ startTime: t0 + 2000 - 30_000 });
    expect(texts(sync.model)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(sync.model.unreadCount()).toBe(1);
  });

  it('re-lists the newest page every fifth catch-up, for edits of messages older than the window', async () => {
    const thread = new ThreadDouble();
    thread.messages = [message(1), message(2)];
    const sync = new ThreadSync(thread, new ConversationModel('t', me), { pageSize: 50, overlapMs: 0 });
    await sync.loadNewest();
    thread.messages[0] = message(1, { content: { message: 'm1 (edited)' }, version: '9000', editedOn: new Date(t0 + 60_000) });
    for (let i = 0; i < 4; i++) await sync.catchUp();
    expect(texts(sync.model)[0]).toBe('m1');
    await sync.catchUp();
    expect(texts(sync.model)[0]).toBe('m1 (edited)');
  });

  it('starts over with the newest page when a catch-up comes before anything was listed', async () => {
    const thread = new ThreadDouble();
    thread.messages = [message(1)];
    const sync = new ThreadSync(thread, new ConversationModel('t', me));
    await sync.catchUp();
    expect(texts(sync.model)).toEqual(['m1']);
    expect(thread.requests[0]).not.toHaveProperty('startTime');
  });
});
