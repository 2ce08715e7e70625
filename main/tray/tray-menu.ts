/** The tray menu, as plain data: status choices, show/hide, missed calls, quit. */
import { userStatuses, type PresenceView } from '../../contract/channels-tray.js';
import type { Translate } from '../i18n/translator.js';
import type { TrayMenuItem } from './tray-view.js';

export interface TrayMenuState {
  presence: PresenceView;
  windowVisible: boolean;
  missedCalls: number;
}

export const menuIds = {
  status: (s: string) => `status:${s}`,
  toggleWindow: 'window:toggle',
  missedCalls: 'calls:missed',
  quit: 'app:quit',
} as const;

export function trayMenu(state: TrayMenuState, t: Translate): TrayMenuItem[] {
  return [
    { kind: 'item', id: 'header', label: trayTitle(state.presence, t), enabled: false },
    { kind: 'separator' },
    ...userStatuses.map((status): TrayMenuItem => ({ kind: 'radio', id: menuIds.status(status), label: t(`tray:status.${status}`), checked: state.presence.chosen === status })),
    { kind: 'separator' },
    { kind: 'item', id: menuIds.toggleWindow, label: t(state.windowVisible ? 'tray:menu.hideWindow' : 'tray:menu.showWindow'), enabled: true },
    {
      kind: 'item',
      id: menuIds.missedCalls,
      label: state.missedCalls > 0 ? t('tray:menu.missedCallsCount', { count: state.missedCalls }) : t('tray:menu.missedCalls'),
      enabled: true,
    },
    { kind: 'separator' },
    { kind: 'item', id: menuIds.quit, label: t('tray:menu.quit'), enabled: true },
  ];
}

/** "ACS Softphone — In a call"; also the tooltip's first line. */
export function trayTitle(presence: PresenceView, t: Translate): string {
  return t('tray:tooltip.title', { app: t('shell:appName'), status: t(`tray:status.${presence.status}`) });
}

export function trayToolTip(presence: PresenceView, missedCalls: number, unreadChats: number, t: Translate): string {
  const lines = [trayTitle(presence, t)];
  if (presence.reason === 'idle' || presence.reason === 'locked') lines.push(t(`tray:tooltip.reason.${presence.reason}`));
  if (missedCalls > 0) lines.push(t('tray:tooltip.missedCalls', { count: missedCalls }));
  if (unreadChats > 0) lines.push(t('tray:tooltip.unreadChats', { count: unreadChats }));
  return lines.join('\n');
}
