/**
 * A notification per chat message that arrives while the window is not in front (and presence
 * allows it). One notification per conversation: a newer message replaces the older one rather
 * than piling up. macOS and Windows get an inline reply field; a click opens the conversation.
 */
import type { ChatMessageNotification, NotificationAction } from '../../contract/channels-tray.js';
import { limits } from '../../contract/limits.js';
import type { Translate } from '../i18n/translator.js';
import type { PresenceTracker } from '../presence/presence-tracker.js';
import { chatPresentation } from '../presence/notification-policy.js';
import type { LiveNotification, NotificationPlatform, WindowAttention } from './notification-platform.js';
import { cleanUntrustedText } from './untrusted-text.js';

export interface ChatNotifierDeps {
  platform: NotificationPlatform;
  window: WindowAttention;
  presence: PresenceTracker;
  t: Translate;
  onAction: (action: NotificationAction) => void;
}

const maxThreads = 32;

export class ChatNotifier {
  private readonly live = new Map<string, LiveNotification>();

  constructor(private readonly deps: ChatNotifierDeps) {}

  /** Returns whether a notification was shown. */
  message(message: ChatMessageNotification): boolean {
    const { presence, window, platform, t } = this.deps;
    const presentation = chatPresentation(presence.view(), presence.isInCall, window.isFocused());
    if (presentation === 'suppress' || !platform.isSupported()) return false;
    const sender = cleanUntrustedText(message.senderName, 64) || t('tray:notifications.unknownSender');
    const topic = message.threadTitle ? cleanUntrustedText(message.threadTitle, 64) : '';
    const title = topic ? t('tray:notifications.chatTitleInTopic', { name: sender, topic }) : sender;
    const body = cleanUntrustedText(message.preview, 160);
    const threadId = message.threadId;
    this.live.get(threadId)?.close();
    this.live.delete(threadId);
    while (this.live.size >= maxThreads) {
      const [oldest, notification] = this.live.entries().next().value as [string, LiveNotification];
      notification.close();
      this.live.delete(oldest);
    }
    const notification = platform.show(
      {
        tag: `chat:${threadId}`,
        title,
        body,
        silent: presentation === 'showSilently',
        // Electron offers inline reply on macOS and Windows (its own toast, not our XML).
        ...(platform.style !== 'basic' ? { hasReply: true, replyPlaceholder: t('tray:notifications.replyPlaceholder') } : {}),
      },
      {
        click: () => this.open(threadId),
        action: () => this.open(threadId),
        reply: (text) => {
          const trimmed = text.slice(0, limits.longText);
          if (trimmed.trim()) this.deps.onAction({ action: 'reply', threadId, text: trimmed });
          this.forget(threadId);
        },
        failed: () => this.forget(threadId),
      },
    );
    this.live.set(threadId, notification);
    return true;
  }

  /** The user opened the conversation in the app: its notification is stale. */
  conversationSeen(threadId: string): void {
    this.live.get(threadId)?.close();
    this.forget(threadId);
  }

  private open(threadId: string): void {
    this.forget(threadId);
    // Delivering the action brings the window up.
    this.deps.onAction({ action: 'openChat', threadId });
  }

  private forget(threadId: string): void {
    this.live.delete(threadId);
  }
}
