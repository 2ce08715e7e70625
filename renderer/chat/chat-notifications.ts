/**
 * Chat's side of OS notifications: tells main about a new message from someone else (main
 * decides whether to show it — window focus, presence — and replaces an older one of the same
 * conversation), and that a conversation was read in the app, so its stale notification closes.
 * Message text goes to main only as the notification's preview; it is never logged here.
 */
import type { SoftphoneApi } from '../../contract/index.js';
import { limits } from '../../contract/limits.js';
import type { ChatItem } from './core/chat-item.js';
import { plainTextOfHtml } from './core/linkify.js';

export class ChatNotifications {
  /** Conversations with a notification that may still be on screen. */
  private readonly shown = new Set<string>();

  constructor(private readonly api: Pick<SoftphoneApi['notifications'], 'chatMessage' | 'chatRead'> | null) {}

  /** A new message from someone else; `threadTitle` for a named group conversation. */
  incoming(threadId: string, item: ChatItem, threadTitle: string | null): void {
    if (!this.api || !item.id) return;
    const text = item.kind === 'html' ? plainTextOfHtml(item.text) : item.text;
    this.shown.add(threadId);
    void this.api
      .chatMessage({
        threadId,
        messageId: item.id,
        // Main names the sender from the directory when it can; the name ACS gave is the fallback.
        // A sender without a name is shown as "someone" by main, never as their raw id.
        senderName: (item.senderName === item.senderId ? '' : item.senderName).slice(0, limits.shortText),
        ...(item.senderId ? { senderId: item.senderId.slice(0, limits.shortText) } : {}),
        // Main shortens the preview further; this only bounds what crosses the bridge.
        preview: text.replace(/\s+/g, ' ').trim().slice(0, limits.preview),
        ...(threadTitle ? { threadTitle: threadTitle.slice(0, limits.shortText) } : {}),
      })
      .then((result) => {
        if (result.ok && !result.value.shown) this.shown.delete(threadId);
      })
      .catch(() => undefined);
  }

  /** Chat stops (sign-out, chat turned off): the notifications it raised are closed with it. */
  closeAll(): void {
    for (const threadId of [...this.shown]) this.read(threadId);
  }

  /** The user has read the conversation in the app. */
  read(threadId: string): void {
    if (!this.api || !this.shown.delete(threadId)) return;
    void this.api.chatRead({ threadId }).catch(() => undefined);
  }
}
