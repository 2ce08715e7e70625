/**
 * The chat feature's one entry to the Chat SDK, one per signed-in user. It owns the ChatClient
 * (built on the shared CommunicationTokenCredential), one ConversationModel per conversation,
 * the outbox sender, and the way news arrives: realtime notifications when the SDK can
 * connect (retried when they could not start), polling with backoff when they cannot or drop,
 * and a catch-up listing on every (re)connect so nothing is missed. Plain TypeScript; the
 * Svelte stores wrap it. The conversation list and the people in each live in their own files.
 */
import type { ChatClient, ChatClientOptions, ChatThreadClient } from '@azure/communication-chat';
import type { CommunicationTokenCredential } from '@azure/communication-common';
import type { OutboxEntry } from '../../../contract/channels-chat.js';
import { Backoff } from './backoff.js';
import { defaultTiming, type ChatServiceTiming } from './chat-timing.js';
import type { ChatItem, ParticipantRef } from './chat-item.js';
import { sdkThreadSender } from './sdk-thread-sender.js';
import type { ChatConnectionState } from './connection-state.js';
import { ConversationList, type ConversationSummary } from './conversation-list.js';
import { ConversationModel } from './conversation-model.js';
import { OutboxSender, type OutboxEvent, type ThreadSender } from './outbox-sender.js';
import type { OutboxPort } from './outbox-port.js';
import { ParticipantDirectory } from './participant-directory.js';
import type { RealtimeHandlers } from './realtime-events.js';
import { RealtimeLink } from './realtime-link.js';
import { ThreadClients } from './thread-clients.js';
import { ThreadSync } from './thread-sync.js';
import { inParallel } from './in-parallel.js';

export type { ConversationSummary, ChatServiceTiming };
export { defaultTiming };

/** The parts of the SDK module the service constructs (the renderer loads it lazily). */
export interface ChatSdk {
  ChatClient: typeof ChatClient;
  ChatThreadClient: typeof ChatThreadClient;
}

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
  /**
   * A new message from someone else, unread, that arrived while the service was running (not
   * history, not what was already there at start): the newest such per conversation and batch.
   */
  onIncoming?: (threadId: string, item: ChatItem) => void;
  newId?: () => string;
  now?: () => number;
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
  private readonly clients: ThreadClients;
  private readonly list = new ConversationList();
  private readonly people: ParticipantDirectory;
  private readonly open = new Set<string>();
  private readonly listeners = new Set<Listener>();
  private readonly outboxSender: OutboxSender;
  private readonly pollBackoff: Backoff;
  private readonly realtime: RealtimeLink | null;
  private state: ChatConnectionState = 'connecting';
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private graceTimer: ReturnType<typeof setTimeout> | null = null;
  private polling: Promise<void> | null = null;
  private stopped = false;
  private realtimeLive = false;
  private lastError: unknown = null;
  /** False until the first poll has loaded what was there at start (that is not "new"). */
  private primed = false;

  constructor(private readonly options: ChatServiceOptions) {
    this.userId = options.userId;
    this.timing = { ...defaultTiming, ...options.timing };
    this.client = this.newClient();
    this.clients = new ThreadClients({ client: this.client, ChatThreadClient: options.sdk.ChatThreadClient, endpoint: options.endpoint, credential: options.credential, clientOptions: options.clientOptions });
    this.people = new ParticipantDirectory((threadId) => this.clients.read(threadId));
    this.pollBackoff = new Backoff(this.timing.pollBackoff);
    this.outboxSender = new OutboxSender({
      outbox: options.outbox,
      senderFor: (threadId) => this.threadSender(threadId),
      onEvent: (event) => this.onOutboxEvent(event),
      maxAttempts: this.timing.maxSendAttempts,
      backoff: this.timing.sendBackoff,
    });
    this.realtime =
      options.realtime === false
        ? null
        : new RealtimeLink({ createClient: () => this.newClient(), handlers: this.realtimeHandlers(), retry: this.timing.realtimeRetry, ...(options.now ? { now: options.now } : {}) });
  }

  private newClient(): ChatClient {
    return new this.options.sdk.ChatClient(this.options.endpoint, this.options.credential, this.options.clientOptions);
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

  /** How many times realtime was asked to start (it is retried after a failed start). */
  get realtimeAttempts(): number {
    return this.realtime?.attempts ?? 0;
  }

  private setState(state: ChatConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.notify();
  }

  /** Conversations, newest activity first. */
  conversations(): ConversationSummary[] {
    return this.list.all();
  }

  summary(threadId: string): ConversationSummary | undefined {
    return this.list.get(threadId);
  }

  model(threadId: string): ConversationModel {
    let model = this.models.get(threadId);
    if (!model) {
      const created = new ConversationModel(threadId, this.userId, this.options.now);
      // The conversation's unsent messages (kept when it went missing from a listing and came back).
      this.showUnsent(created);
      created.subscribe(() => this.notify());
      created.onArrival((items) => this.arrived(created, items));
      this.models.set(threadId, created);
      model = created;
    }
    return model;
  }

  /** Adds the outbox's entries for this model's conversation to it, as pending or failed sends. */
  private showUnsent(model: ConversationModel): void {
    for (const entry of this.outboxSender.list()) if (entry.threadId === model.threadId) model.addPending(entry, this.options.displayName);
  }

  totalUnread(): number {
    let total = 0;
    for (const threadId of this.list.ids()) total += this.models.get(threadId)?.unreadCount() ?? 0;
    return total;
  }

  outbox(): OutboxEntry[] {
    return this.outboxSender.list();
  }

  /** Picks what deserves a notification out of a batch of new messages. */
  private arrived(model: ConversationModel, items: readonly ChatItem[]): void {
    if (!this.primed || !this.options.onIncoming || !this.list.has(model.threadId)) return;
    const readUpTo = model.ownReadUpTo() ?? -Infinity;
    let newest: ChatItem | undefined;
    for (const item of items) {
      if (item.senderId === this.userId || item.deletedOn !== null || (item.kind !== 'text' && item.kind !== 'html') || item.createdOn <= readUpTo) continue;
      if (!newest || item.createdOn > newest.createdOn) newest = item;
    }
    if (newest) this.options.onIncoming(model.threadId, newest);
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  async start(): Promise<void> {
    const pending = await this.outboxSender.start().catch(() => [] as OutboxEntry[]);
    // A conversation opened before the outbox was read shows its unsent messages now; the
    // others with unsent messages get their model, which model() fills as it makes it.
    for (const model of this.models.values()) this.showUnsent(model);
    for (const entry of pending) this.model(entry.threadId);
    if (this.realtime) {
      // Started is not connected: if no connection comes within the grace time, say "polling".
      this.graceTimer = setTimeout(() => {
        if (!this.realtimeLive && this.state === 'connecting') this.setState('polling');
      }, this.timing.realtimeGraceMs);
      void this.startRealtime(true);
    } else this.setState('polling');
    await this.pollNow();
  }

  /** Stops; resolves once a send in flight has ended, so a later session cannot send it again. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    if (this.graceTimer) clearTimeout(this.graceTimer);
    await Promise.all([this.outboxSender.stop(), this.realtime?.stop(), this.polling?.catch(() => undefined)]);
  }

  /** The network came back (or the user asked): poll, send and try realtime now rather than later. */
  wake(): void {
    this.pollBackoff.reset();
    void this.pollNow();
    this.outboxSender.kick(true);
    void this.startRealtime(true);
  }

  private async startRealtime(force = false): Promise<void> {
    if (!this.realtime || this.stopped) return;
    const started = await this.realtime.start(force);
    // Realtime needs the browser build and a reachable ACS; polling carries on without it.
    if (!started && !this.realtimeLive && !this.stopped) {
      if (this.graceTimer) clearTimeout(this.graceTimer);
      this.setState(this.lastError ? 'retrying' : 'polling');
    }
  }

  private realtimeHandlers(): RealtimeHandlers {
    return {
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
        this.list.touch(e.threadId, new Date(e.createdOn).getTime());
        const model = this.models.get(e.threadId);
        if (model) model.applyReceived(e);
        else this.scheduleSoon(); // a conversation we do not know yet: list it
      },
      edited: (e) => this.models.get(e.threadId)?.applyEdited(e),
      deleted: (e) => this.models.get(e.threadId)?.applyDeleted(e),
      readReceipt: (e) => this.models.get(e.threadId)?.applyReadReceipt(e),
      typing: (e) => this.models.get(e.threadId)?.applyTyping(e),
      conversationsChanged: () => this.scheduleSoon(),
      left: (threadId, removed) => {
        if (removed === 'everyone' || removed.includes(this.userId)) this.forget(threadId);
        else this.scheduleSoon();
      },
    };
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
      const { moved, deleted, unlisted } = await this.list.refresh(this.client, (threadId) => this.isLoaded(threadId));
      for (const threadId of deleted) this.forget(threadId);
      // Only missing from a listing: it leaves the list, but its unsent messages stay in the
      // outbox (nothing lost). They are still sent; the service refusing one marks it failed, and
      // the conversation, should it come back, shows them with Retry and Discard.
      for (const threadId of unlisted) this.forget(threadId, { keepUnsent: true });
      const toSync = [...new Set([...moved, ...this.open])];
      // A few conversations at a time: the first poll loads every conversation's newest page.
      await inParallel(toSync, 4, async (threadId) => {
        // Stopped, or the conversation went meanwhile (a realtime "removed"): nothing to bring back.
        if (this.stopped || !this.list.has(threadId)) return;
        try {
          await this.syncFor(threadId).catchUp();
          await this.refreshParticipants(threadId);
        } catch (error) {
          // Removed from it by someone else, or it was deleted: it leaves the list, and one
          // lost conversation does not stop the others from updating.
          const status = (error as { statusCode?: unknown } | null)?.statusCode;
          if (status === 403 || status === 404) this.forget(threadId);
          else throw error;
        }
      });
      this.primed = true;
      this.lastError = null;
      this.pollBackoff.reset();
      if (!this.realtimeLive && (this.state === 'retrying' || !this.realtime)) this.setState('polling');
      if (this.realtimeLive) this.setState('live');
      this.notify();
      this.schedule(this.realtimeLive ? this.timing.livePollMs : this.timing.pollMs);
      // The service is reachable again: if realtime could not start before, try again (with backoff).
      if (this.realtime && !this.realtime.started) void this.startRealtime();
    } catch (error) {
      this.lastError = error;
      if (!this.realtimeLive) this.setState('retrying');
      this.schedule(this.pollBackoff.fail());
    }
  }

  private async refreshParticipants(threadId: string): Promise<void> {
    const participants = await this.people.refreshIfNeeded(threadId, this.models.get(threadId));
    if (participants) this.list.setParticipants(threadId, participants);
  }

  listParticipants(threadId: string): Promise<ParticipantRef[]> {
    return this.people.list(threadId);
  }

  // ---- conversations -----------------------------------------------------------------------

  private syncFor(threadId: string): ThreadSync {
    let sync = this.syncs.get(threadId);
    if (!sync) {
      sync = new ThreadSync(this.clients.read(threadId), this.model(threadId), { pageSize: this.timing.historyPageSize });
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
    await this.refreshParticipants(threadId).catch(() => undefined);
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

  /** Creates a conversation; the user is in it under their display name when one is known. */
  async createConversation(topic: string, participants: NewParticipant[]): Promise<string> {
    const self = this.options.displayName.trim() ? [{ id: this.userId, displayName: this.options.displayName.trim() }] : [];
    const others = participants.filter((p) => p.id !== this.userId);
    const result = await this.client.createChatThread(
      { topic },
      {
        participants: [...self, ...others].map((p) => ({ id: { communicationUserId: p.id }, ...(p.displayName ? { displayName: p.displayName } : {}) })),
        idempotencyToken: this.newId(),
      },
    );
    const thread = result.chatThread;
    if (!thread) throw new Error('createChatThread returned no thread');
    this.list.add({ threadId: thread.id, topic: thread.topic, lastActivity: thread.createdOn.getTime(), participants: [] });
    await this.pollNow();
    return thread.id;
  }

  /**
   * The one-to-one conversation with `userId` (from a call, or "New chat" with one person):
   * an existing one when the user already has it, else a new one without a topic.
   */
  async openOneToOne(userId: string, displayName?: string): Promise<string> {
    const existing = this.conversations().find(
      (c) => !c.topic.trim() && c.participants.length === 2 && c.participants.some((p) => p.id === userId) && c.participants.some((p) => p.id === this.userId),
    );
    if (existing) return existing.threadId;
    return this.createConversation('', [{ id: userId, ...(displayName ? { displayName } : {}) }]);
  }

  async rename(threadId: string, topic: string): Promise<void> {
    await this.clients.read(threadId).updateTopic(topic);
    this.list.setTopic(threadId, topic);
    this.scheduleSoon();
  }

  async addParticipants(threadId: string, participants: NewParticipant[]): Promise<void> {
    const result = await this.clients.read(threadId).addParticipants({
      participants: participants.map((p) => ({ id: { communicationUserId: p.id }, ...(p.displayName ? { displayName: p.displayName } : {}) })),
    });
    if (result.invalidParticipants?.length) throw Object.assign(new Error('invalid participants'), { statusCode: 400 });
    this.scheduleSoon();
  }

  async removeParticipant(threadId: string, participantId: string): Promise<void> {
    await this.clients.read(threadId).removeParticipant({ communicationUserId: participantId });
    this.scheduleSoon();
  }

  async leave(threadId: string): Promise<void> {
    await this.clients.read(threadId).removeParticipant({ communicationUserId: this.userId });
    this.forget(threadId);
  }

  /**
   * The conversation is no longer the user's: it leaves the list and, when that is certain (left,
   * removed, deleted), its unsent messages leave the outbox (they cannot be sent).
   */
  private forget(threadId: string, { keepUnsent = false } = {}): void {
    this.open.delete(threadId);
    this.list.remove(threadId);
    this.models.delete(threadId);
    this.syncs.delete(threadId);
    this.people.forget(threadId);
    if (!keepUnsent) void this.outboxSender.discardThread(threadId).catch(() => undefined);
    this.notify();
  }

  // ---- messages ----------------------------------------------------------------------------

  private newId(): string {
    return this.options.newId?.() ?? crypto.randomUUID();
  }

  /**
   * Queues a message: it shows at once as pending and is sent by the outbox. When the outbox
   * cannot keep it (main refused: full, chat turned off) the row goes and this rejects, so
   * nothing sits at "Sending…" that will never be sent.
   */
  async send(threadId: string, content: string): Promise<string> {
    const entry: OutboxEntry = {
      clientMessageId: this.newId(),
      ownerId: this.userId,
      threadId,
      content,
      ...(this.options.displayName.trim() ? { senderDisplayName: this.options.displayName.trim() } : {}),
      createdAt: new Date(this.options.now?.() ?? Date.now()).toISOString(),
      attempts: 0,
      state: 'pending',
      maybeSent: false,
    };
    const model = this.model(threadId);
    model.addPending(entry, this.options.displayName);
    try {
      await this.outboxSender.enqueue(entry);
    } catch (error) {
      model.discardPending(entry.clientMessageId);
      throw error;
    }
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
    await this.clients.read(threadId).updateMessage(messageId, { content });
    const message = await this.clients.read(threadId).getMessage(messageId);
    this.model(threadId).mergeListed([message]);
  }

  async delete(threadId: string, messageId: string): Promise<void> {
    await this.clients.read(threadId).deleteMessage(messageId);
    this.model(threadId).applyDeleted({ threadId, id: messageId, deletedOn: new Date() });
  }

  /** Tells others the user is typing; the SDK sends at most one per 8 s per conversation. */
  async typing(threadId: string): Promise<void> {
    const name = this.options.displayName.trim();
    await this.clients.send(threadId)
      .sendTypingNotification(name ? { senderDisplayName: name } : {})
      .catch(() => false);
  }

  /** Marks the conversation read up to its newest message from someone else. */
  async markRead(threadId: string): Promise<void> {
    const model = this.models.get(threadId);
    const newest = model?.newestFromOthers();
    if (!model || !newest?.id) return;
    const readUpTo = model.ownReadUpTo();
    if (readUpTo !== null && readUpTo >= newest.createdOn) return;
    model.markReadLocally(newest.id);
    await this.clients
      .read(threadId)
      .sendReadReceipt({ chatMessageId: newest.id })
      .catch(() => undefined);
  }

  private threadSender(threadId: string): ThreadSender {
    return sdkThreadSender(this.clients.send(threadId), this.clients.read(threadId), this.userId);
  }

  private onOutboxEvent(event: OutboxEvent): void {
    // Only a queued send may create a model; the others concern rows that exist (or a conversation already forgotten).
    const model = event.type === 'queued' ? this.model(event.entry.threadId) : this.models.get(event.entry.threadId);
    if (!model) return this.notify();
    if (event.type === 'sent') model.markSent(event.entry.clientMessageId, event.id);
    else if (event.type === 'failed') model.markFailed(event.entry.clientMessageId, true);
    else if (event.type === 'queued') model.addPending(event.entry, this.options.displayName);
    else model.discardPending(event.entry.clientMessageId);
    if (event.type === 'sent') this.scheduleSoon();
    this.notify();
  }
}
