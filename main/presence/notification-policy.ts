/**
 * What presence means for notifications. Do not disturb silences everything: an incoming call
 * does not ring and goes straight to missed calls (logged), chat stays quiet. While the user is
 * in a call, a new call is presented as "call waiting" (no loud ring over the current call).
 * Appear offline only hides the user from others: they still get their calls.
 */
import type { IncomingCallPresentation, PresenceView } from '../../contract/channels-tray.js';

export type ChatPresentation = 'show' | 'showSilently' | 'suppress';

export function incomingCallPresentation(presence: PresenceView, inCall: boolean): IncomingCallPresentation {
  if (presence.status === 'doNotDisturb') return 'suppressed';
  if (inCall) return 'callWaiting';
  return 'ring';
}

export function chatPresentation(presence: PresenceView, inCall: boolean, windowFocused: boolean): ChatPresentation {
  if (presence.status === 'doNotDisturb' || windowFocused) return 'suppress';
  return inCall ? 'showSilently' : 'show';
}

/** Missed-call notifications are a courtesy; Do not disturb keeps them for the badge and list. */
export function showsMissedCallNotification(presence: PresenceView): boolean {
  return presence.status !== 'doNotDisturb';
}
