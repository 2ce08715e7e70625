/** What the tray logic needs from the OS; electron-tray.ts implements it, tests record it. */
import type { PresenceStatus } from '../../contract/channels-tray.js';
import type { IconPair, TrayTheme } from './status-icons.js';

export type TrayMenuItem =
  | { kind: 'item'; id: string; label: string; enabled: boolean }
  | { kind: 'radio'; id: string; label: string; checked: boolean }
  | { kind: 'separator' };

export interface TrayIcon {
  status: PresenceStatus;
  theme: TrayTheme;
  png: IconPair;
}

export interface TrayView {
  setIcon(icon: TrayIcon): void;
  setToolTip(text: string): void;
  setMenu(items: TrayMenuItem[], onSelect: (id: string) => void): void;
}

export interface BadgeView {
  /**
   * Missed calls plus unread chats. Windows shows `overlay` on the taskbar button (with
   * `description` for screen readers); macOS puts the number on the dock icon. 0 clears it.
   */
  setBadge(count: number, description: string, overlay: IconPair | null): void;
}

export interface WindowControl {
  isVisible(): boolean;
  show(): void;
  hide(): void;
}
