/**
 * Keeps one conversation's model in step with the service by listing: the newest page first,
 * older pages on demand (scrolling up), and catch-up polls that list everything since the
 * newest message seen (minus an overlap, because a message may be committed with a time a
 * little before one already listed). The model drops what it already has, so overlaps cost
 * bandwidth, never duplicates.
 */
import type { ChatMessage, ChatThreadClient, ListPageSettings } from '@azure/communication-chat';
import type { ConversationModel } from './conversation-model.js';

/** The part of the SDK's ChatThreadClient a sync reads with (tests pass a double of it). */
export type ThreadReader = Pick<ChatThreadClient, 'listMessages' | 'listReadReceipts'>;

export interface ThreadSyncOptions {
  pageSize?: number;
  overlapMs?: number;
}

export class ThreadSync {
  private olderToken: string | undefined;
  private loadedNewest = false;
  private noMoreHistory = false;
  private watermark: number | null = null;
  private readonly pageSize: number;
  private readonly overlapMs: number;
  private catchUps = 0;
  /** Every this many catch-ups, the newest page is listed again for edits and deletions of recent messages. */
  private readonly refreshEvery = 5;

  constructor(
    private readonly client: ThreadReader,
    readonly model: ConversationModel,
    options: ThreadSyncOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 50;
    this.overlapMs = options.overlapMs ?? 30_000;
  }

  get initialised(): boolean {
    return this.loadedNewest;
  }

  get hasMoreHistory(): boolean {
    return !this.noMoreHistory;
  }

  private noteWatermark(messages: readonly ChatMessage[]): void {
    for (const m of messages) {
      const t = m.createdOn.getTime();
      if (this.watermark === null || t > this.watermark) this.watermark = t;
    }
  }

  /** The newest page and the read receipts: enough to show the conversation and its unread count. */
  async loadNewest(): Promise<void> {
    const settings: ListPageSettings = {};
    const pages = this.client.listMessages({ maxPageSize: this.pageSize }).byPage(settings);
    const first = await pages.next();
    const messages: ChatMessage[] = first.done ? [] : first.value;
    this.olderToken = settings.continuationToken;
    this.noMoreHistory = !this.olderToken;
    this.model.mergeListed(messages);
    this.noteWatermark(messages);
    this.loadedNewest = true;
    await this.loadReceipts();
  }

  /** One more page of history, older than anything shown. Returns how many messages came. */
  async loadOlder(): Promise<number> {
    if (!this.loadedNewest) {
      await this.loadNewest();
      return this.model.size;
    }
    if (this.noMoreHistory || !this.olderToken) return 0;
    const settings: ListPageSettings = { continuationToken: this.olderToken };
    const pages = this.client.listMessages({ maxPageSize: this.pageSize }).byPage(settings);
    const next = await pages.next();
    const messages: ChatMessage[] = next.done ? [] : next.value;
    this.olderToken = settings.continuationToken;
    this.noMoreHistory = !this.olderToken;
    this.model.mergeListed(messages);
    return messages.length;
  }

  /** Everything since the newest message seen: the polling fallback and the catch-up after a reconnect. */
  async catchUp(): Promise<void> {
    if (!this.loadedNewest || this.watermark === null) return this.loadNewest();
    const startTime = new Date(this.watermark - this.overlapMs);
    const listed: ChatMessage[] = [];
    for await (const page of this.client.listMessages({ startTime, maxPageSize: 200 }).byPage()) listed.push(...page);
    // Listing by startTime only returns messages created since; edits and deletions of older
    // ones come by realtime, or here, when the newest page is listed again now and then.
    if (++this.catchUps % this.refreshEvery === 0) {
      const newest = await this.client.listMessages({ maxPageSize: this.pageSize }).byPage().next();
      if (!newest.done) listed.push(...newest.value);
    }
    this.model.mergeListed(listed);
    this.noteWatermark(listed);
    await this.loadReceipts();
  }

  private async loadReceipts(): Promise<void> {
    const receipts = [];
    for await (const receipt of this.client.listReadReceipts()) receipts.push(receipt);
    this.model.setReceipts(receipts);
  }
}
