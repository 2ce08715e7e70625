/**
 * Connects the shell to what main reports from the desktop: a clicked tel: link fills the dial
 * pad (and opens Calls), a notification action goes to the feature that registered for its
 * kind (and opens its view), a refused link becomes a translated notice. Subscribes first, then
 * tells main it is ready, so links queued while the window loaded are not lost.
 */
import type { NotificationAction, DialRequest } from '../../contract/channels-tray.js';
import type { SoftphoneApi } from '../../contract/index.js';
import { notificationActions } from './notification-actions.svelte.js';
import { pendingDial } from './pending-dial.svelte.js';
import type { View } from './views.js';

export function viewForAction(action: NotificationAction): View | null {
  switch (action.action) {
    case 'answer':
    case 'answerVideo':
    case 'showCall':
    case 'callBack':
    case 'showMissedCalls':
      return 'calls';
    case 'openChat':
      return 'chat';
    // Decline and an inline reply happen without bringing the app forward.
    case 'decline':
    case 'reply':
      return null;
  }
}

export class DesktopEvents {
  /** i18n key of a refused link, until dismissed. */
  refusedLink = $state<string | null>(null);
  /** The last number a link put on the dial pad, for the screen-reader announcement. */
  dialReady = $state<DialRequest | null>(null);

  constructor(
    private readonly api: Pick<SoftphoneApi, 'deeplinks' | 'notifications'>,
    private readonly navigate: (view: View) => void,
  ) {}

  start(): () => void {
    const stops = [
      this.api.deeplinks.onDial((request) => {
        pendingDial.setLink(request);
        this.dialReady = request;
        this.navigate('calls');
      }),
      this.api.deeplinks.onRefused(({ messageKey }) => (this.refusedLink = messageKey)),
      this.api.notifications.onAction((action) => {
        const view = viewForAction(action);
        if (view) this.navigate(view);
        notificationActions.push(action);
      }),
    ];
    void this.api.deeplinks.ready().catch(() => {});
    return () => stops.forEach((stop) => stop());
  }

  dismissRefusedLink(): void {
    this.refusedLink = null;
  }
}
