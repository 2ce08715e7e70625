/**
 * The user's conversations as the service lists them: topic, newest activity and the people
 * in each. Polls ask only for what changed since the last look (cheap), but a listing by
 * start time never says that a conversation is gone — the user was removed from it, or it
 * was deleted — so every few refreshes the whole list is read and what is missing is dropped.
 * A listing marks only a deleted conversation as gone for sure; one that is merely missing may
 * be a listing that was not yet up to date.
 */
import type { ChatClient, ChatThreadItem } from '@azure/communication-chat';
import type { ParticipantRef } from './chat-item.js';

export interface ConversationSummary {
  threadId: string;
  topic: string;
  /** Server time of the newest activity (ms). */
  lastActivity: number;
  participants: ParticipantRef[];
}

export interface ListingChanges {
  /** Conversations whose activity or topic moved, or that were never loaded. */
  moved: string[];
  /** Conversations the service lists as deleted. */
  deleted: string[];
  /** Conversations a full listing no longer has: most likely the user was removed from them. */
  unlisted: string[];
}

export interface ConversationListOptions {
  /** A full listing every this many refreshes (the first is always full). */
  fullEvery?: number;
  /** Overlap of incremental listings, for activity committed with a slightly earlier time. */
  overlapMs?: number;
}

export class ConversationList {
  private readonly summaries = new Map<string, ConversationSummary>();
  private watermark: number | null = null;
  private refreshes = 0;
  private readonly fullEvery: number;
  private readonly overlapMs: number;

  constructor(options: ConversationListOptions = {}) {
    this.fullEvery = options.fullEvery ?? 10;
    this.overlapMs = options.overlapMs ?? 30_000;
  }

  /** Newest activity first. */
  all(): ConversationSummary[] {
    return [...this.summaries.values()].sort((a, b) => b.lastActivity - a.lastActivity);
  }

  get(threadId: string): ConversationSummary | undefined {
    return this.summaries.get(threadId);
  }

  ids(): IterableIterator<string> {
    return this.summaries.keys();
  }

  has(threadId: string): boolean {
    return this.summaries.has(threadId);
  }

  add(summary: ConversationSummary): void {
    this.summaries.set(summary.threadId, summary);
  }

  remove(threadId: string): void {
    this.summaries.delete(threadId);
  }

  /** A message arrived by realtime: the conversation moves up without waiting for a listing. */
  touch(threadId: string, activity: number): void {
    const summary = this.summaries.get(threadId);
    if (summary) summary.lastActivity = Math.max(summary.lastActivity, activity);
  }

  setTopic(threadId: string, topic: string): void {
    const summary = this.summaries.get(threadId);
    if (summary) summary.topic = topic;
  }

  setParticipants(threadId: string, participants: ParticipantRef[]): void {
    const summary = this.summaries.get(threadId);
    if (summary) summary.participants = participants;
  }

  /** Lists conversations (changed ones, or all every few times); `loaded` says which were ever synced. */
  async refresh(client: Pick<ChatClient, 'listChatThreads'>, loaded: (threadId: string) => boolean): Promise<ListingChanges> {
    const full = this.refreshes++ % this.fullEvery === 0 || this.watermark === null;
    const options = full ? { maxPageSize: 100 } : { startTime: new Date(this.watermark! - this.overlapMs), maxPageSize: 100 };
    const items: ChatThreadItem[] = [];
    for await (const item of client.listChatThreads(options)) items.push(item);
    const moved: string[] = [];
    const deleted: string[] = [];
    const unlisted: string[] = [];
    const listed = new Set<string>();
    for (const item of items) {
      const activity = item.lastMessageReceivedOn?.getTime() ?? 0;
      if (this.watermark === null || activity > this.watermark) this.watermark = activity;
      if (item.deletedOn) {
        if (this.summaries.has(item.id)) deleted.push(item.id);
        continue;
      }
      listed.add(item.id);
      const known = this.summaries.get(item.id);
      if (!known || known.lastActivity < activity || known.topic !== item.topic || !loaded(item.id)) moved.push(item.id);
      this.summaries.set(item.id, { threadId: item.id, topic: item.topic, lastActivity: Math.max(activity, known?.lastActivity ?? 0), participants: known?.participants ?? [] });
    }
    if (full) for (const threadId of this.summaries.keys()) if (!listed.has(threadId) && !deleted.includes(threadId)) unlisted.push(threadId);
    for (const threadId of [...deleted, ...unlisted]) this.summaries.delete(threadId);
    return { moved, deleted, unlisted };
  }
}
