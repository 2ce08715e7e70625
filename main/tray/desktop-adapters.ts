/**
 * Everything "living in the tray" needs from the OS, in one object: electron-desktop.ts builds
 * it from Electron in the app; tests and the e2e harness pass recorders; `headlessDesktop`
 * stands in where nothing of it matters (no tray, notifications unavailable).
 */
import type { IdleClock } from '../presence/idle-watcher.js';
import type { NotificationPlatform, WindowAttention } from '../notifications/notification-platform.js';
import type { LoginItemSettings } from './login-item.js';
import type { TrayTheme } from './status-icons.js';
import type { BadgeView, TrayView, WindowControl } from './tray-view.js';

export interface DesktopAdapters {
  notifications: NotificationPlatform;
  window: WindowControl & WindowAttention;
  tray: TrayView;
  badge: BadgeView;
  idleClock: IdleClock;
  /** The taskbar / menu bar's appearance, for the icon's outline. */
  trayTheme(): TrayTheme;
  onTrayThemeChange(listener: () => void): void;
  onScreenLockChange(listener: (locked: boolean) => void): void;
  setLoginItem(settings: LoginItemSettings): void;
  quit(): void;
}

export function headlessDesktop(): DesktopAdapters {
  return {
    notifications: { style: 'basic', isSupported: () => false, show: () => ({ close: () => {} }) },
    window: { isVisible: () => true, isFocused: () => true, show: () => {}, hide: () => {}, requestAttention: () => {} },
    tray: { setIcon: () => {}, setToolTip: () => {}, setMenu: () => {} },
    badge: { setBadge: () => {} },
    idleClock: { idleSeconds: () => 0, every: () => () => {} },
    trayTheme: () => 'light',
    onTrayThemeChange: () => {},
    onScreenLockChange: () => {},
    setLoginItem: () => {},
    quit: () => {},
  };
}
