/**
 * What the user did outside the window (toast buttons, tray menu, protocol links), for the
 * features that act on it: the calling feature answers / declines / calls back, chat opens a
 * conversation or sends a reply. A feature registers with `handle`; actions that arrive before
 * any handler (the window was still loading) wait in a short backlog and go to the first one.
 */
import type { NotificationAction } from '../../contract/channels-tray.js';

type Handler = (action: NotificationAction) => void;
const maxBacklog = 16;

class NotificationActions {
  /** The most recent action (for the shell's announcements and tests). */
  last = $state<NotificationAction | null>(null);
  private readonly handlers = new Set<Handler>();
  private backlog: NotificationAction[] = [];

  push(action: NotificationAction): void {
    this.last = action;
    if (this.handlers.size === 0) {
      this.backlog = [...this.backlog.slice(-(maxBacklog - 1)), action];
      return;
    }
    for (const handler of this.handlers) handler(action);
  }

  handle(handler: Handler): () => void {
    this.handlers.add(handler);
    const waiting = this.backlog;
    this.backlog = [];
    for (const action of waiting) handler(action);
    return () => this.handlers.delete(handler);
  }
}

export const notificationActions = new NotificationActions();
