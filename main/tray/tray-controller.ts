/**
 * Keeps the tray in step with the app: icon for the current presence and taskbar theme,
 * tooltip, menu, and the badge (missed calls + unread chats). Menu choices come back here and
 * become presence changes, window toggles, a "show missed calls" action, or quitting.
 */
import type { NotificationAction, UserStatus } from '../../contract/channels-tray.js';
import { userStatuses } from '../../contract/channels-tray.js';
import type { Translate } from '../i18n/translator.js';
import type { PresenceTracker } from '../presence/presence-tracker.js';
import type { MissedCalls } from '../notifications/missed-calls.js';
import { badgePng, statusIconPng, type TrayTheme } from './status-icons.js';
import { menuIds, trayMenu, trayToolTip } from './tray-menu.js';
import type { BadgeView, TrayView, WindowControl } from './tray-view.js';

export interface TrayControllerDeps {
  tray: TrayView;
  badge: BadgeView;
  window: WindowControl;
  presence: PresenceTracker;
  missedCalls: MissedCalls;
  theme: () => TrayTheme;
  t: Translate;
  onAction: (action: NotificationAction) => void;
  quit: () => void;
}

export class TrayController {
  private unreadChats = 0;
  private lastBadge = -1;

  constructor(private readonly deps: TrayControllerDeps) {
    deps.presence.onChange(() => this.refresh());
    deps.missedCalls.onChange(() => this.refresh());
  }

  get badgeCount(): number {
    return this.deps.missedCalls.count + this.unreadChats;
  }

  setUnreadChats(count: number): void {
    if (count === this.unreadChats) return;
    this.unreadChats = count;
    this.refresh();
  }

  /** Redraws everything (also after a language, theme or window-visibility change). */
  refresh(): void {
    const { tray, presence, missedCalls, t, window } = this.deps;
    const view = presence.view();
    const theme = this.deps.theme();
    tray.setIcon({ status: view.status, theme, png: statusIconPng(view.status, theme) });
    tray.setToolTip(trayToolTip(view, missedCalls.count, this.unreadChats, t));
    tray.setMenu(trayMenu({ presence: view, windowVisible: window.isVisible(), missedCalls: missedCalls.count }, t), (id) => this.select(id));
    this.updateBadge();
  }

  select(id: string): void {
    const { presence, window } = this.deps;
    const status = id.startsWith('status:') ? (id.slice('status:'.length) as UserStatus) : null;
    if (status && userStatuses.includes(status)) {
      presence.choose(status);
      return;
    }
    switch (id) {
      case menuIds.toggleWindow:
        if (window.isVisible()) window.hide();
        else window.show();
        this.refresh();
        return;
      case menuIds.missedCalls:
        // Delivering the action brings the window up.
        this.deps.onAction({ action: 'showMissedCalls' });
        return;
      case menuIds.quit:
        this.deps.quit();
        return;
    }
  }

  private updateBadge(): void {
    const count = this.badgeCount;
    if (count === this.lastBadge) return;
    this.lastBadge = count;
    const { t } = this.deps;
    this.deps.badge.setBadge(count, count > 0 ? t('tray:badge.description', { count }) : '', count > 0 ? badgePng(count) : null);
  }
}
