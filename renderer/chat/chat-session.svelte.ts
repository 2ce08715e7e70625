/**
 * Chat as the rest of the app sees it. Sign-in (renderer/shell/signed-in-features) begins a
 * ChatRuntime for the signed-in user and ends it at sign-out; the Chat section shows the
 * current one. Other features use this object only: calling asks to open a 1:1 with the other
 * party of a call and says how to call a person; the shell says how to bring Chat forward;
 * notification actions (open a conversation, an inline reply) come here from the action hub
 * and wait, if chat is still starting, for its runtime.
 */
import type { ActionOf } from '../shell/notification-actions.svelte.js';
// Types only: the runtime (and the chat code behind it) loads when chat starts, not with the app's first bundle.
import type { ChatAction, ChatRequest, ChatRuntime, ChatRuntimeOptions, ChatSessionInput } from './chat-runtime.svelte.js';

export type { ChatRequest, ChatSessionInput };

/** Calls a person; resolves with an i18n key when the call could not be placed. */
export type CallPerson = (userId: string, displayName: string) => Promise<string | null>;

/** The longest a new chat waits for the previous one to stop. */
const stopWaitMs = 30_000;

/** Actions that came before chat started; a handful at most (the window was loading). */
const maxPending = 16;

/** The part of the action hub chat needs (renderer/shell/notification-actions). */
export interface ActionHub {
  handle(kinds: readonly ('reply' | 'openChat')[], handler: (action: ActionOf<'reply' | 'openChat'>) => void): () => void;
}

class ChatSession {
  /** The running chat, or null (signed out, still starting, or turned off by IT). */
  runtime = $state.raw<ChatRuntime | null>(null);
  /** Set by the calling feature: how to call a person from a one-to-one chat. */
  callPerson = $state.raw<CallPerson | null>(null);
  /** Set by the shell: brings the Chat section forward. */
  showChat: (() => void) | null = null;
  private pendingActions: ChatAction[] = [];
  private pendingRequest: ChatRequest | null = null;
  /**
   * Whether an action may wait for a runtime: yes while the app starts (sign-in not known
   * yet) and while a signed-in user's chat starts; no once nobody is signed in (or IT turned
   * chat off), so a reply meant for one user is never sent as the next.
   */
  private accepting = true;
  private stopping: Promise<void> = Promise.resolve();
  private unlisten: (() => void) | null = null;

  /** Chat handles 'reply' and 'openChat' for the whole life of the app. */
  listen(hub: ActionHub): () => void {
    this.unlisten?.();
    const stop = hub.handle(['reply', 'openChat'], (action) => this.act(action));
    this.unlisten = stop;
    return () => {
      stop();
      if (this.unlisten === stop) this.unlisten = null;
    };
  }

  private act(action: ChatAction): void {
    if (this.runtime) void this.runtime.act(action);
    else if (this.accepting) this.pendingActions = [...this.pendingActions.slice(-(maxPending - 1)), action];
  }

  /** Nobody is signed in, or chat is off: nothing may wait for a chat that will not come. */
  unavailable(): void {
    this.accepting = false;
    this.pendingActions = [];
    this.pendingRequest = null;
  }

  /** Opens (or starts) the 1:1 with this person and shows Chat. */
  openConversationWith(request: ChatRequest): void {
    this.showChat?.();
    if (this.runtime) void this.runtime.openWith(request);
    else this.pendingRequest = request;
  }

  /**
   * Starts chat for a signed-in user, once the previous session has fully stopped (so a send
   * still in flight is never sent again by the new one). Returns the function that ends it.
   */
  begin(input: ChatSessionInput, options: Omit<ChatRuntimeOptions, 'input'>): () => Promise<void> {
    let runtime: ChatRuntime | null = null;
    let ended = false;
    this.accepting = true;
    const starting = Promise.all([this.stopping, import('./chat-runtime.svelte.js')]).then(([, { ChatRuntime }]) => {
      if (ended) return;
      const started = new ChatRuntime({ ...options, input });
      runtime = started;
      this.runtime = started;
      for (const action of this.pendingActions) void started.act(action);
      this.pendingActions = [];
      if (this.pendingRequest) void started.openWith(this.pendingRequest);
      this.pendingRequest = null;
      void started.start();
    });
    // A chunk that failed to load leaves chat stopped; the Chat section says it is unavailable.
    starting.catch(() => undefined);
    return () => {
      if (ended) return this.stopping;
      ended = true;
      if (runtime && this.runtime === runtime) this.runtime = null;
      // What was meant for this user must not reach the next one.
      this.unavailable();
      // Wait for a send in flight to end, but not for ever: a request that hangs must not keep
      // the next sign-in's chat from starting.
      this.stopping = starting.then(() => Promise.race([runtime?.stop(), new Promise((r) => setTimeout(r, stopWaitMs))])).then(() => undefined, () => undefined);
      return this.stopping;
    };
  }
}

export const chatSession = new ChatSession();
