/**
 * Electron adapter: NotificationPlatform over Electron's Notification. Every shown notification
 * stays in `live` until it closes or fails, so it is not garbage-collected with its handlers
 * while it is still on screen (a known cause of "clicking the notification does nothing").
 */
import { Notification } from 'electron';
import type { NotificationPlatform, NotificationStyle } from './notification-platform.js';

export function electronNotificationPlatform(platform: NodeJS.Platform): NotificationPlatform {
  const style: NotificationStyle = platform === 'win32' ? 'windows-toast' : platform === 'darwin' ? 'mac-actions' : 'basic';
  const live = new Set<Notification>();
  return {
    style,
    isSupported: () => Notification.isSupported(),
    show(spec, handlers) {
      const notification = new Notification({
        title: spec.title,
        body: spec.body,
        silent: spec.silent ?? false,
        ...(spec.toastXml ? { toastXml: spec.toastXml } : {}),
        ...(spec.actions ? { actions: spec.actions.map((text) => ({ type: 'button' as const, text })) } : {}),
        ...(spec.hasReply ? { hasReply: true, replyPlaceholder: spec.replyPlaceholder ?? '' } : {}),
        ...(spec.persistent ? { timeoutType: 'never' as const, urgency: 'critical' as const } : {}),
      });
      live.add(notification);
      notification.on('click', () => handlers.click());
      notification.on('action', (details) => handlers.action(details.actionIndex));
      notification.on('reply', (details) => handlers.reply(details.reply));
      notification.on('failed', () => {
        live.delete(notification);
        handlers.failed();
      });
      notification.on('close', () => live.delete(notification));
      notification.show();
      return {
        close() {
          live.delete(notification);
          notification.close();
        },
      };
    },
  };
}
