/**
 * Svelte state over the ChatService: the conversation list with previews and unread counts,
 * the connection state, and one ConversationState per open conversation. Also reports the
 * unread total to main (tray badge) whenever it changes, and reading a conversation to the
 * notifications (its toast closes).
 */
import type { SoftphoneApi } from '../../contract/index.js';
import type { OutboxRecoveryNotice } from '../../contract/channels-chat.js';
import type { ChatItem } from './core/chat-item.js';
import type { ChatConnectionState } from './core/connection-state.js';
import type { ChatService, ConversationSummary } from './core/chat-service.js';
import type { ConversationModel, Typer } from './core/conversation-model.js';
import { conversationTitle } from './core/conversation-title.js';
import type { ChatNotifications } from './chat-notifications.js';

export interface ConversationRow extends ConversationSummary {
  /** False until the newest messages are listed: no preview or unread count yet. */
  loaded: boolean;
  title: string | null;
  preview: ChatItem | null;
  unread: number;
}

export class ChatStore {
  conversations = $state.raw<ConversationRow[]>([]);
  connection = $state<ChatConnectionState>('connecting');
  loaded = $state(false);
  outboxRecovery = $state<OutboxRecoveryNotice | null>(null);
  /**
   * Unread messages in all conversations (the Chat section's badge), as last reported to main
   * for the tray badge; null until the first count, so that one is always reported.
   */
  unreadTotal = $state<number | null>(null);
  private scheduled = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    readonly service: ChatService,
    private readonly chatApi: SoftphoneApi['chat'] | null,
    private readonly notifications: ChatNotifications | null = null,
  ) {}

  get selfId(): string {
    return this.service.userId;
  }

  async start(): Promise<void> {
    this.unsubscribe = this.service.subscribe(() => this.scheduleRefresh());
    this.refresh();
    await this.service.start();
    this.loaded = true;
    this.refresh();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.notifications?.closeAll();
    // Signed out: nothing unread any more, as far as the tray badge is concerned.
    if (this.unreadTotal !== 0) void this.chatApi?.unreadChanged({ total: 0 }).catch(() => undefined);
    this.unreadTotal = 0;
    await this.service.stop();
  }

  /** Many model changes arrive together (a page of messages): refresh once per microtask. */
  private scheduleRefresh(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.refresh();
    });
  }

  refresh(): void {
    this.connection = this.service.connectionState;
    this.conversations = this.service.conversations().map((summary) => {
      const model = this.service.model(summary.threadId);
      return {
        ...summary,
        loaded: this.service.isLoaded(summary.threadId),
        title: conversationTitle(summary.topic, summary.participants, this.selfId),
        preview: newestVisible(model),
        unread: model.unreadCount(),
      };
    });
    const total = this.conversations.reduce((sum, c) => sum + c.unread, 0);
    if (total !== this.unreadTotal) {
      this.unreadTotal = total;
      void this.chatApi?.unreadChanged({ total }).catch(() => undefined);
    }
  }

  /** What a notification calls the conversation: its topic (a named group), else nothing — the sender's name says it. */
  topicOf(threadId: string): string | null {
    return this.service.summary(threadId)?.topic.trim() || null;
  }

  /** The user has seen the newest messages: read receipt, and the conversation's toast closes. */
  markRead(threadId: string): Promise<void> {
    this.notifications?.read(threadId);
    return this.service.markRead(threadId);
  }

  dismissOutboxRecovery(): void {
    this.outboxRecovery = null;
  }
}

function newestVisible(model: ConversationModel): ChatItem | null {
  const items = model.items();
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item.kind === 'text' || item.kind === 'html') return item;
  }
  return items.at(-1) ?? null;
}

/** One open conversation, as Svelte state. */
export class ConversationState {
  items = $state.raw<readonly ChatItem[]>([]);
  typing = $state.raw<Typer[]>([]);
  seenUpTo = $state<number | null>(null);
  hasMoreHistory = $state(true);
  loadingOlder = $state(false);
  /** Older history could not be loaded (offline): shown with a retry. */
  olderFailed = $state(false);
  private readonly stopModel: () => void;
  private readonly typingTimer: ReturnType<typeof setInterval>;

  constructor(
    readonly service: ChatService,
    readonly model: ConversationModel,
  ) {
    const update = () => {
      this.items = model.items();
      this.typing = model.typing();
      this.seenUpTo = model.seenUpTo();
      this.hasMoreHistory = service.hasMoreHistory(model.threadId);
    };
    update();
    this.stopModel = model.subscribe(update);
    // Typing indicators expire on their own; look again every second.
    this.typingTimer = setInterval(() => {
      const now = model.typing();
      if (now.length !== this.typing.length) this.typing = now;
    }, 1000);
  }

  /** Pages older history in; a failure is shown (with a retry), never thrown at the scroll handler. */
  async loadOlder(): Promise<void> {
    if (this.loadingOlder || !this.hasMoreHistory) return;
    this.loadingOlder = true;
    this.olderFailed = false;
    try {
      await this.service.loadOlder(this.model.threadId);
    } catch {
      this.olderFailed = true;
    } finally {
      this.loadingOlder = false;
      this.hasMoreHistory = this.service.hasMoreHistory(this.model.threadId);
    }
  }

  dispose(): void {
    this.stopModel();
    clearInterval(this.typingTimer);
    this.service.closeConversation(this.model.threadId);
  }
}
