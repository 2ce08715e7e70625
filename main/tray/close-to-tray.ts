/**
 * Closing the window hides it to the tray (calls must still ring); only Quit quits. The first
 * time, a notification tells the user where the app went, so closing does not look like a
 * failure to quit. Whether that notice was shown is kept with the tray's state.
 */
import type { Translate } from '../i18n/translator.js';
import type { NotificationPlatform } from '../notifications/notification-platform.js';

export interface CloseToTrayState {
  noticeShown(): boolean;
  markNoticeShown(): void;
}

export class CloseToTray {
  private quitting = false;

  constructor(
    private readonly deps: {
      state: CloseToTrayState;
      notifications: NotificationPlatform;
      t: Translate;
      hideWindow: () => void;
      showWindow: () => void;
    },
  ) {}

  /** Quit was chosen (tray menu, app menu, OS shutdown): closing must close now. */
  quitRequested(): void {
    this.quitting = true;
  }

  get isQuitting(): boolean {
    return this.quitting;
  }

  /** Called from the window's 'close' event; returns whether to prevent the close. */
  windowClosing(): boolean {
    if (this.quitting) return false;
    this.deps.hideWindow();
    if (!this.deps.state.noticeShown()) {
      this.deps.state.markNoticeShown();
      const { t, notifications } = this.deps;
      if (notifications.isSupported()) {
        notifications.show(
          { tag: 'app:closedToTray', title: t('tray:closedToTray.title'), body: t('tray:closedToTray.body', { app: t('shell:appName') }) },
          { click: () => this.deps.showWindow(), action: () => {}, reply: () => {}, failed: () => {} },
        );
      }
    }
    return true;
  }
}
