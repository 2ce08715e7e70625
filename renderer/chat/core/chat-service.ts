/**
 * The chat feature's one entry to the Chat SDK. It owns the ChatClient of the signed-in user
 * (built on the shared CommunicationTokenCredential), one ConversationModel per conversation,
 * the outbox sender, and the way news arrives: realtime notifications when the SDK can
 * connect, polling with backoff when it cannot or drops, and a catch-up listing on every
 * (re)connect so nothing is missed. Plain TypeScript; the Svelte stores wrap it.
 */
import type { ChatClient, ChatClientOptions, ChatParticipant, ChatThreadClient, ChatThreadItem } from '@azure/communication-chat';
import type { CommunicationTokenCredential } from '@azure/communication-common';
import type { OutboxEntry } from '../../../contract/channels-chat.js';
import { Backoff, type BackoffOptions } from './backoff.js';
import { participantRef, type ParticipantRef } from './chat-item.js';
import { startRealtimeEvents } from './realtime-events.js';
import { sdkThreadSender } from './sdk-thread-sender.js';
import type { ChatConnectionState } from './connection-state.js';
import { ConversationModel } from './conversation-model.js';
import { OutboxSender, type OutboxEvent, type ThreadSender } from './outbox-sender.js';
import type { OutboxPort } from './outbox-port.js';
import { ThreadSync } from './thread-sync.js';

/** The parts of the SDK module the service constructs (the renderer loads it lazily). */
export interface ChatSdk {
  ChatClient: typeof ChatClient;
  ChatThreadClient: typeof ChatThreadClient;
}

export interface ChatServiceTiming {
  /** Poll interval while realtime is unavailable. */
  pollMs: number;
  /** Safety-net poll while realtime is live (realtime can miss events). */
  livePollMs: number;
  pollBackoff: BackoffOptions;
  sendBackoff: BackoffOptions;
  maxSendAttempts: number;
  /** How long to wait for realtime to connect before saying "polling". */
  realtimeGraceMs: number;
  /** Messages per history page (ACS accepts up to 200). */
  historyPageSize: number;
}

export const defaultTiming: ChatServiceTiming = {
  pollMs: 3000,
  livePollMs: 60_000,
  pollBackoff: { baseMs: 2000, maxMs: 60_000 },
  sendBackoff: { baseMs: 1000, maxMs: 30_000 },
  maxSendAttempts: 8,
  realtimeGraceMs: 10_000,
  historyPageSize: 50,
};

export interface ChatServiceOptions {
  sdk: ChatSdk;
  endpoint: string;
  credential: CommunicationTokenCredential;
  /** The signed-in user's communicationUserId. */
  userId: string;
  displayName: string;
  outbox: OutboxPort;
  /** Pipeline options for every SDK client (tests pass an agent trusting the fake's certificate). */
  clientOptions?: ChatClientOptions;
  timing?: Partial<ChatServiceTiming>;
  /** False in Node (no realtime there); default true. */
  realtime?: boolean;
  newId?: () => string;
  now?: () => number;
}

export interface ConversationSummary {
  threadId: string;
  topic: string;
  /** Server time of the newest activity (ms). */
  lastActivity: number;
  participants: ParticipantRef[];
}

export interface NewParticipant {
  id: string;
  displayName?: string;
}

type Listener = () => void;

export class ChatService {
  readonly userId: string;
  readonly client: ChatClient;
  private readonly timing: ChatServiceTiming;
  private readonly models = new Map<string, ConversationModel>();
  private readonly syncs = new Map<string, ThreadSync>();
  private readonly readClients = new Map<string, ChatThreadClient>();
  private readonly sendClients = new Map<string, ChatThreadClient>();
  private readonly summaries = new Map<string, ConversationSummary>();
  private readonly open = new Set<string>();
  private readonly listeners = new Set<Listener>();
  private readonly outboxSender: OutboxSender;
  private readonly pollBackoff: Backoff;
  private state: ChatConnectionState = 'connecting';
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private graceTimer: ReturnType<typeof setTimeout> | null = null;
  private polling: Promise<void> | null = null;
  private threadsWatermark: number | null = null;
  private stopped = false;
  private realtimeLive = false;
  private lastError: unknown = null;

  constructor(private readonly options: ChatServiceOptions) {
    this.userId = options.userId;
    this.timing = { ...defaultTiming, ...options.timing };
    this.client = new options.sdk.ChatClient(options.endpoint, options.credential, options.clientOptions);
    this.pollBackoff = new Backoff(this.timing.pollBackoff);
    this.outboxSender = new OutboxSender({
      outbox: options.outbox,
      senderFor: (threadId) => this.threadSender(threadId),
      onEvent: (event) => this.onOutboxEvent(event),
      maxAttempts: this.timing.maxSendAttempts,
      backoff: this.timing.sendBackoff,
    });
  }

  // ---- state -------------------------------------------------------------------------------

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }

  get connectionState(): ChatConnectionState {
    return this.state;
  }

  private setState(state: ChatConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.notify();
  }

  /** Conversations, newest activity first. */
  conversations(): ConversationSummary[] {
    return [...this.summaries.values()].sort((a, b) => b.lastActivity - a.lastActivity);
  }

  summary(threadId: string): ConversationSummary | undefined {
    return this.summaries.get(threadId);
  }

  model(threadId: string): ConversationModel {
    let model = this.models.get(threadId);
    if (!model) {
      model = new ConversationModel(threadId, this.userId, this.options.now);
      model.subscribe(() => this.notify());
      this.models.set(threadId, model);
    }
    return model;
  }

  totalUnread(): number {
    let total = 0;
    for (const threadId of this.summaries.keys()) total += this.models.get(threadId)?.unreadCount() ?? 0;
    return total;
  }

  outbox(): OutboxEntry[] {
    return this.outboxSender.list();
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  async start(): Promise<void> {
    const pending = await this.outboxSender.start().catch(() => [] as OutboxEntry[]);
    for (const entry of pending) this.model(entry.threadId).addPending(entry, this.options.displayName);
    if (this.options.realtime !== false) void this.startRealtime();
    else this.setState('polling');
    await this.pollNow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.outboxSender.stop();
    if (this.options.realtime !== false) await this.client.stopRealtimeNotifications().catch(() => undefined);
    await this.polling?.catch(() => undefined);
  }

  /** The network came back (or the user asked): poll and send now rather than at the next tick. */
  wake(): void {
    this.pollBackoff.reset();
    void this.pollNow();
    this.outboxSender.kick(true);
  }

  private async startRealtime(): Promise<void> {
    // Started is not connected: if no connection comes within the grace time, say "polling".
    this.graceTimer = setTimeout(() => {
      if (!this.realtimeLive && this.state === 'connecting') this.setState('polling');
    }, this.timing.realtimeGraceMs);
    try {
      await startRealtimeEvents(this.client, {
        connected: () => {
          this.realtimeLive = true;
          this.setState('live');
          // Whatever happened while we were not connected arrives by listing.
          void this.pollNow();
        },
        disconnected: () => {
          this.realtimeLive = false;
          this.setState('polling');
          void this.pollNow();
        },
        received: (e) => {
          const model = this.knownModel(e.threadId, new Date(e.createdOn).getTime());
          if (model) model.applyReceived(e);
          else this.scheduleSoon(); // a conversation we do not know yet: list it
        },
        edited: (e) => this.knownModel(e.threadId)?.applyEdited(e),
        deleted: (e) => this.knownModel(e.threadId)?.applyDeleted(e),
        readReceipt: (e) => this.knownModel(e.threadId)?.applyReadReceipt(e),
        typing: (e) => this.knownModel(e.threadId)?.applyTyping(e),
        conversationsChanged: () => this.scheduleSoon(),
      });
    } catch {
      // Realtime needs the browser build and a reachable ACS; polling carries on without it.
      if (this.graceTimer) clearTimeout(this.graceTimer);
      this.setState(this.lastError ? 'retrying' : 'polling');
    }
  }

  private knownModel(threadId: string, activity?: number): ConversationModel | undefined {
    const summary = this.summaries.get(threadId);
    if (summary && activity !== undefined) summary.lastActivity = Math.max(summary.lastActivity, activity);
    return this.models.get(threadId);
  }

  private scheduleSoon(): void {
    this.schedule(200);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => void this.pollNow(), ms);
  }

  /** One poll: the conversation list, and a catch-up of every conversation that moved or is open. */
  pollNow(): Promise<void> {
    if (this.polling) return this.polling;
    this.polling = this.poll().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  private async poll(): Promise<void> {
    try {
      const moved = await this.refreshConversationList();
      const toSync = [...new Set([...moved, ...this.open])];
      // A few conversations at a time: the first poll loads every conversation's newest page.
      await inParallel(toSync, 4, async (threadId) => {
        if (this.stopped) return;
        try {
          await this.syncFor(threadId).catchUp();
          await this.refreshParticipantsIfNeeded(threadId);
        } catch (error) {
          // Removed from it by someone else, or it was deleted: it leaves the list, and one
          // lost conversation does not stop the others from updating.
          const status = (error as { statusCode?: unknown } | null)?.statusCode;
          if (status === 403 || status === 404) this.forget(threadId);
          else throw error;
        }
      });
      this.lastError = null;
      this.pollBackoff.reset();
      if (!this.realtimeLive && (this.state === 'retrying' || this.options.realtime === false)) this.setState('polling');
      if (this.realtimeLive) this.setState('live');
      this.notify();
      this.schedule(this.realtimeLive ? this.timing.livePollMs : this.timing.pollMs);
    } catch (error) {
      this.lastError = error;
      if (!this.realtimeLive) this.setState('retrying');
      this.schedule(this.pollBackoff.fail());
    }
  }

  /** Lists conversations changed since the last look; returns the ids whose activity moved. */
  private async refreshConversationList(): Promise<string[]> {
    const since = this.threadsWatermark === null ? undefined : new Date(this.threadsWatermark - 30_000);
    const items: ChatThreadItem[] = [];
    for await (const item of this.client.listChatThreads(since ? { startTime: since, maxPageSize: 100 } : { maxPageSize: 100 })) items.push(item);
    const moved: string[] = [];
    for (const item of items) {
      const activity = item.lastMessageReceivedOn?.getTime() ?? 0;
      if (this.threadsWatermark === null || activity > this.threadsWatermark) this.threadsWatermark = activity;
      const known = this.summaries.get(item.id);
      if (item.deletedOn) {
        this.summaries.delete(item.id);
        continue;
      }
      if (!known || known.lastActivity < activity || known.topic !== item.topic || !this.syncs.get(item.id)?.initialised) moved.push(item.id);
      this.summaries.set(item.id, { threadId: item.id, topic: item.topic, lastActivity: Math.max(activity, known?.lastActivity ?? 0), participants: known?.participants ?? [] });
    }
    return moved;
  }

  private participantsFetched = new Map<string, number>();

  private async refreshParticipantsIfNeeded(threadId: string): Promise<void> {
    const model = this.models.get(threadId);
    const membershipChanges = model ? model.items().filter((i) => i.kind === 'participantAdded' || i.kind === 'participantRemoved').length : 0;
    if (this.participantsFetched.get(threadId) === membershipChanges) return;
    const participants = await this.listParticipants(threadId);
    this.participantsFetched.set(threadId, membershipChanges);
    const summary = this.summaries.get(threadId);
    if (summary) summary.participants = participants;
  }

  async listParticipants(threadId: string): Promise<ParticipantRef[]> {
    const out: ChatParticipant[] = [];
    for await (const p of this.readClient(threadId).listParticipants()) out.push(p);
    return out.map(participantRef);
  }

  // ---- conversations -----------------------------------------------------------------------

  private readClient(threadId: string): ChatThreadClient {
    let c = this.readClients.get(threadId);
    if (!c) {
      c = this.client.getChatThreadClient(threadId);
      this.readClients.set(threadId, c);
    }
    return c;
  }

  /**
   * Sends go through their own client with the SDK's retries off: a send retried blindly
   * after a cut connection could post twice; the outbox retries with a lookup first.
   * Typing notifications use it too, so the SDK's typing throttle (reset by a send) holds.
   */
  private sendClient(threadId: string): ChatThreadClient {
    let c = this.sendClients.get(threadId);
    if (!c) {
      c = new this.options.sdk.ChatThreadClient(this.options.endpoint, threadId, this.options.credential, {
        ...this.options.clientOptions,
        retryOptions: { maxRetries: 0 },
      });
      this.sendClients.set(threadId, c);
    }
    return c;
  }

  private syncFor(threadId: string): ThreadSync {
    let sync = this.syncs.get(threadId);
    if (!sync) {
      sync = new ThreadSync(this.readClient(threadId), this.model(threadId), { pageSize: this.timing.historyPageSize });
      this.syncs.set(threadId, sync);
    }
    return sync;
  }

  /** The user opened a conversation: keep it caught up on every poll. */
  async openConversation(threadId: string): Promise<ConversationModel> {
    this.open.add(threadId);
    const sync = this.syncFor(threadId);
    if (!sync.initialised) await sync.loadNewest();
    // Names for the header and the system messages; a failure here only delays them to the next poll.
    await this.refreshParticipantsIfNeeded(threadId).catch(() => undefined);
    this.notify();
    return sync.model;
  }

  closeConversation(threadId: string): void {
    this.open.delete(threadId);
  }

  loadOlder(threadId: string): Promise<number> {
    return this.syncFor(threadId).loadOlder();
  }

  /** True once the conversation's newest page has been listed (its preview and unread count are real). */
  isLoaded(threadId: string): boolean {
    return this.syncs.get(threadId)?.initialised ?? false;
  }

  hasMoreHistory(threadId: string): boolean {
    return this.syncFor(threadId).hasMoreHistory;
  }

  async createConversation(topic: string, participants: NewParticipant[]): Promise<string> {
    const result = await this.client.createChatThread(
      { topic },
      {
        participants: participants.map((p) => ({ id: { communicationUserId: p.id }, ...(p.displayName ? { displayName: p.displayName } : {}) })),
        idempotencyToken: this.newId(),
      },
    );
    const thread = result.chatThread;
    if (!thread) throw new Error('createChatThread returned no thread');
    this.summaries.set(thread.id, { threadId: thread.id, topic: thread.topic, lastActivity: thread.createdOn.getTime(), participants: [] });
    await this.pollNow();
    return thread.id;
  }

  /**
   * The one-to-one conversation with `userId` (from a call, "chat with this person"): an
   * existing one when the user already has it, else a new one without a topic.
   */
  async openOneToOne(userId: string, displayName?: string): Promise<string> {
    const existing = this.conversations().find(
      (c) => !c.topic.trim() && c.participants.length === 2 && c.participants.some((p) => p.id === userId) && c.participants.some((p) => p.id === this.userId),
    );
    if (existing) return existing.threadId;
    return this.createConversation('', [{ id: userId, ...(displayName ? { displayName } : {}) }]);
  }

  async rename(threadId: string, topic: string): Promise<void> {
    await this.readClient(threadId).updateTopic(topic);
    const summary = this.summaries.get(threadId);
    if (summary) summary.topic = topic;
    this.scheduleSoon();
  }

  async addParticipants(threadId: string, participants: NewParticipant[]): Promise<void> {
    const result = await this.readClient(threadId).addParticipants({
      participants: participants.map((p) => ({ id: { communicationUserId: p.id }, ...(p.displayName ? { displayName: p.displayName } : {}) })),
    });
    if (result.invalidParticipants?.length) throw Object.assign(new Error('invalid participants'), { statusCode: 400 });
    this.scheduleSoon();
  }

  async removeParticipant(threadId: string, participantId: string): Promise<void> {
    await this.readClient(threadId).removeParticipant({ communicationUserId: participantId });
    this.scheduleSoon();
  }

  async leave(threadId: string): Promise<void> {
    await this.readClient(threadId).removeParticipant({ communicationUserId: this.userId });
    this.forget(threadId);
  }

  private forget(threadId: string): void {
    this.open.delete(threadId);
    this.summaries.delete(threadId);
    this.models.delete(threadId);
    this.syncs.delete(threadId);
    this.notify();
  }

  // ---- messages ----------------------------------------------------------------------------

  private newId(): string {
    return this.options.newId?.() ?? crypto.randomUUID();
  }

  /** Queues a message: it shows at once as pending and is sent by the outbox. */
  async send(threadId: string, content: string): Promise<string> {
    const entry: OutboxEntry = {
      clientMessageId: this.newId(),
      threadId,
      content,
      senderDisplayName: this.options.displayName,
      createdAt: new Date(this.options.now?.() ?? Date.now()).toISOString(),
      attempts: 0,
      state: 'pending',
      maybeSent: false,
    };
    this.model(threadId).addPending(entry, this.options.displayName);
    await this.outboxSender.enqueue(entry);
    return entry.clientMessageId;
  }

  retrySend(clientMessageId: string): Promise<void> {
    return this.outboxSender.retry(clientMessageId);
  }

  discardSend(clientMessageId: string): Promise<void> {
    return this.outboxSender.discard(clientMessageId);
  }

  /** Resolves once the outbox has nothing it can send right now. */
  outboxIdle(): Promise<void> {
    return this.outboxSender.idle();
  }

  async edit(threadId: string, messageId: string, content: string): Promise<void> {
    await this.readClient(threadId).updateMessage(messageId, { content });
    const message = await this.readClient(threadId).getMessage(messageId);
    this.model(threadId).mergeListed([message]);
  }

  async delete(threadId: string, messageId: string): Promise<void> {
    await this.readClient(threadId).deleteMessage(messageId);
    this.model(threadId).applyDeleted({ threadId, id: messageId, deletedOn: new Date() });
  }

  /** Tells others the user is typing; the SDK sends at most one per 8 s per conversation. */
  async typing(threadId: string): Promise<void> {
    await this.sendClient(threadId)
      .sendTypingNotification({ senderDisplayName: this.options.displayName })
      .catch(() => false);
  }

  /** Marks the conversation read up to its newest message from someone else. */
  async markRead(threadId: string): Promise<void> {
    const model = this.models.get(threadId);
    if (!model) return;
    const items = model.items();
    let newest;
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i]!;
      if (item.confirmed && item.id && item.senderId !== this.userId) {
        newest = item;
        break;
      }
    }
    if (!newest?.id) return;
    const readUpTo = model.ownReadUpTo();
    if (readUpTo !== null && readUpTo >= newest.createdOn) return;
    model.markReadLocally(newest.id);
    await this.readClient(threadId)
      .sendReadReceipt({ chatMessageId: newest.id })
      .catch(() => undefined);
  }

  private threadSender(threadId: string): ThreadSender {
    return sdkThreadSender(this.sendClient(threadId), this.readClient(threadId), this.userId);
  }

  private onOutboxEvent(event: OutboxEvent): void {
    const model = this.model(event.entry.threadId);
    if (event.type === 'sent') model.markSent(event.entry.clientMessageId, event.id);
    else if (event.type === 'failed') model.markFailed(event.entry.clientMessageId, true);
    else if (event.type === 'queued') model.addPending(event.entry, this.options.displayName);
    else model.discardPending(event.entry.clientMessageId);
    if (event.type === 'sent') this.scheduleSoon();
    this.notify();
  }
}

/** Runs `task` over `items`, at most `limit` at once; rejects with the first failure. */
async function inParallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
