/**
 * Chat for one signed-in user, for as long as they are signed in (and IT allows chat): one
 * ChatService and its ChatStore, started outside any view so messages, the tray badge, the
 * outbox and notifications carry on whichever section is shown or while the window sits in
 * the tray. The Chat section only displays it. Loads the Chat SDK lazily (it is not in the
 * app's first bundle).
 */
import type { CommunicationTokenCredential } from '@azure/communication-common';
import type { SoftphoneApi } from '../../contract/index.js';
import type { NotificationAction } from '../../contract/channels-tray.js';
import { maxMessageLength } from '../../contract/chat-limits.js';
import { loadChatSdk } from '../lib/load-sdks.js';
import { ChatService, type ChatSdk, type ChatServiceTiming, type NewParticipant } from './core/chat-service.js';
import { BridgeOutbox } from './core/bridge-outbox.js';
import { MemoryOutbox, type OutboxPort } from './core/outbox-port.js';
import { ChatStore } from './chat-store.svelte.js';
import { ChatNotifications } from './chat-notifications.js';
import { chatErrorMessage } from './format.js';

/** Sign-in's part: the shared credential (the same one calling uses), the endpoint and the user. */
export interface ChatSessionInput {
  credential: CommunicationTokenCredential;
  endpoint: string;
  userId: string;
  displayName: string;
}

/** Someone to open a one-to-one chat with (e.g. the other party of a call). */
export interface ChatRequest {
  userId: string;
  displayName?: string;
}

export type ChatAction = Extract<NotificationAction, { action: 'reply' | 'openChat' }>;

export interface ChatRuntimeOptions {
  input: ChatSessionInput;
  api: SoftphoneApi | null;
  loadSdk?: () => Promise<ChatSdk>;
  timing?: Partial<ChatServiceTiming>;
  /** Where the 'online' event comes from (the window in the app). */
  network?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
}

export class ChatRuntime {
  store = $state.raw<ChatStore | null>(null);
  /** Chat could not start, or something done from outside the view failed (a toast reply). */
  error = $state<string | null>(null);
  /** The conversation shown in the Chat section. */
  selected = $state<string | null>(null);
  /** The "New chat" form is shown. */
  creating = $state(false);
  readonly input: ChatSessionInput;
  private readonly ready: Promise<void>;
  private markReady!: () => void;
  private stopped = false;

  constructor(private readonly options: ChatRuntimeOptions) {
    this.input = options.input;
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  private readonly wake = () => this.store?.service.wake();

  async start(): Promise<void> {
    try {
      const sdk = await (this.options.loadSdk ?? loadChatSdk)();
      if (this.stopped) return;
      const { api, input } = this.options;
      const outbox: OutboxPort = api ? new BridgeOutbox(api.chat) : new MemoryOutbox();
      const notifications = new ChatNotifications(api?.notifications ?? null);
      const service = new ChatService({
        sdk,
        endpoint: input.endpoint,
        credential: input.credential,
        userId: input.userId,
        displayName: input.displayName,
        outbox,
        ...(this.options.timing ? { timing: this.options.timing } : {}),
        onIncoming: (threadId, item) => notifications.incoming(threadId, item, store.topicOf(threadId)),
      });
      const store = new ChatStore(service, api?.chat ?? null, notifications);
      this.store = store;
      this.network?.addEventListener('online', this.wake);
      await store.start();
      if (outbox instanceof BridgeOutbox) store.outboxRecovery = outbox.recovery;
    } catch (e) {
      if (!this.stopped) this.error = chatErrorMessage(e);
    } finally {
      this.markReady();
    }
  }

  /** Signed out (or chat turned off): stops, and resolves once no send is in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.network?.removeEventListener('online', this.wake);
    await this.store?.stop();
  }

  private get network() {
    return this.options.network ?? (typeof window === 'undefined' ? undefined : window);
  }

  select(threadId: string | null): void {
    this.selected = threadId;
    this.creating = false;
  }

  /** "Chat with this person" (from a call, or New chat with one person): their 1:1, reused when it exists. */
  async openWith(request: ChatRequest): Promise<void> {
    await this.ready;
    const store = this.store;
    if (!store || this.stopped) return;
    this.creating = false;
    try {
      this.select(await store.service.openOneToOne(request.userId, request.displayName));
      store.refresh();
    } catch (e) {
      this.error = chatErrorMessage(e);
    }
  }

  /**
   * Starts a conversation from the New chat form; one person without a topic reuses their 1:1.
   * A failure is shown in `error`, like any other.
   */
  async create(topic: string, participants: NewParticipant[]): Promise<void> {
    const store = this.store;
    if (!store) return;
    this.error = null;
    if (!topic && participants.length === 1) return this.openWith({ userId: participants[0]!.id, ...(participants[0]!.displayName ? { displayName: participants[0]!.displayName } : {}) });
    try {
      this.select(await store.service.createConversation(topic, participants));
      store.refresh();
    } catch (e) {
      this.error = chatErrorMessage(e);
    }
  }

  /** Something the user did on a chat notification. */
  async act(action: ChatAction): Promise<void> {
    if (action.action === 'openChat') {
      this.select(action.threadId);
      return;
    }
    // An inline reply from the toast: sent through the outbox like any message, so nothing is lost.
    const text = action.text.trim();
    if (!text || text.length > maxMessageLength) return;
    await this.ready;
    const store = this.store;
    if (!store || this.stopped) return;
    try {
      await store.service.send(action.threadId, text);
      // Answering is reading: the conversation's unread messages (and its toast) are done.
      await store.markRead(action.threadId);
    } catch (e) {
      this.error = chatErrorMessage(e);
    }
  }
}
