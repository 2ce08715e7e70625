/**
 * Tells main about ringing calls, so the desktop follows them: main shows the OS notification
 * (or not: Do not disturb, the window in front), counts missed calls for the tray badge, and
 * answers how the app should present the call — 'ring', 'callWaiting' or 'suppressed'. When
 * the ringing stops, main hears why, which closes the notification and, for 'missed', raises
 * the missed-call notice.
 */
import type { IncomingCallPresentation } from '../../contract/channels-tray.js';
import type { SoftphoneApi } from '../../contract/index.js';
import { limits } from '../../contract/limits.js';
import { call } from '../lib/bridge.js';
import type { IncomingRing, RingReporter } from './ringing.js';

export function createCallNotifications(api: Pick<SoftphoneApi, 'notifications'>): RingReporter {
  return {
    /** Rejects when main cannot be asked (or refuses an ID it cannot put in a URL): the service then rings. */
    async started(ring: IncomingRing): Promise<IncomingCallPresentation> {
      const { presentation } = await call(
        api.notifications.incomingCall({
          callId: ring.id,
          callerName: ring.callerName.slice(0, limits.shortText),
          callerId: ring.rawId.slice(0, limits.shortText),
          // ACS does not say whether the caller has video: the toast offers the audio answer,
          // the in-app panel both.
          withVideo: false,
        }),
      );
      return presentation;
    },
    ended(ring, reason) {
      void call(api.notifications.callEnded({ callId: ring.id, reason })).catch(() => {});
    },
  };
}
