/**
 * What the user did outside the window (toast buttons, tray menu, protocol links), for the
 * features that act on it: calling answers / declines / calls back, chat opens a conversation
 * or sends a reply. Each feature registers for the kinds it handles —
 * `notificationActions.handle(['reply', 'openChat'], handler)` — and receives only those, so
 * one feature can never swallow another's actions. An action that arrives before a handler for
 * its kind (the window was still loading, the feature starts later) waits in a short backlog
 * until one registers; whether it is still relevant then (is that call still ringing?) is for
 * the handler to decide and to tell the user.
 */
import type { NotificationAction } from '../../contract/channels-tray.js';

export type ActionKind = NotificationAction['action'];
export type ActionOf<K extends ActionKind> = Extract<NotificationAction, { action: K }>;
type Handler = (action: NotificationAction) => void;

/** A burst while the window loads is plausible; more than this is not worth keeping. */
const maxBacklog = 16;

export class NotificationActions {
  /** The most recent action (for the shell's announcements and tests). */
  last = $state<NotificationAction | null>(null);
  private readonly handlers = new Map<ActionKind, Handler>();
  private backlog: NotificationAction[] = [];

  push(action: NotificationAction): void {
    this.last = action;
    const handler = this.handlers.get(action.action);
    if (handler) handler(action);
    else this.backlog = [...this.backlog.slice(-(maxBacklog - 1)), action];
  }

  /**
   * Registers `handler` for `kinds` (replacing an earlier handler of the same kind) and hands it
   * the waiting actions of those kinds, oldest first. Returns the function that unregisters it.
   */
  handle<K extends ActionKind>(kinds: readonly K[], handler: (action: ActionOf<K>) => void): () => void {
    const claimed = new Set<ActionKind>(kinds);
    const wrapped = handler as Handler;
    for (const kind of claimed) this.handlers.set(kind, wrapped);
    const waiting = this.backlog.filter((a) => claimed.has(a.action));
    this.backlog = this.backlog.filter((a) => !claimed.has(a.action));
    for (const action of waiting) wrapped(action);
    return () => {
      for (const kind of claimed) if (this.handlers.get(kind) === wrapped) this.handlers.delete(kind);
    };
  }

  /** How many actions wait for a handler (for tests and diagnostics). */
  get waiting(): number {
    return this.backlog.length;
  }
}

export const notificationActions = new NotificationActions();
