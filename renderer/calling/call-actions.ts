/**
 * What the user chose outside the window for calls — a toast's Answer / Answer with video /
 * Decline, a missed-call notice's Call back, the tray's Missed calls — carried out by the
 * calling feature (the shell has already brought the Calls view forward where that fits).
 *
 * An answer can arrive before the agent is connected (the click started or reloaded the app):
 * it waits a little for that call to ring here. An answer for a call that no longer rings gets
 * a notice saying so, rather than nothing. Call back only fills the dial box: the user places
 * the call.
 */
import type { CallingService } from './calling-service.svelte.js';
import { notificationActions, type ActionOf, type NotificationActions } from '../shell/notification-actions.svelte.js';
import { pendingDial } from '../shell/pending-dial.svelte.js';

export const callActionKinds = ['answer', 'answerVideo', 'decline', 'showCall', 'callBack', 'showMissedCalls'] as const;
type CallAction = ActionOf<(typeof callActionKinds)[number]>;
type RingAction = ActionOf<'answer' | 'answerVideo' | 'decline'>;

/** How long an action waits for its call to ring while calling is still connecting. */
export const ringWaitMs = 15_000;

export interface CallActionTarget {
  service: CallingService;
  /** Brings the call history into view (the tray's "Missed calls"). */
  showHistory(): void;
}

/** What goes in the dial box for a call back: a phone number as the user would type it. */
export function dialTextFor(rawId: string): string {
  return rawId.startsWith('4:') ? rawId.slice(2) : rawId;
}

export function handleCallActions(target: CallActionTarget, hub: NotificationActions = notificationActions): () => void {
  const { service } = target;
  const waiting = new Set<() => void>();

  const perform = (action: RingAction) => {
    if (action.action === 'decline') void service.decline(action.callId);
    else void service.answer(action.callId, { video: action.action === 'answerVideo' });
  };

  const stale = (action: RingAction) => {
    // Declining a call that already stopped ringing needs no words; answering one does.
    if (action.action !== 'decline') service.notice = { key: 'calls:actions.noLongerRinging', severity: 'info' };
  };

  const whenRinging = (action: RingAction) => {
    if (service.ringing(action.callId)) return perform(action);
    if (service.phase === 'ready') return stale(action);
    // Calling is (re)connecting: the call may ring here in a moment.
    const stop = () => {
      unsubscribe();
      clearTimeout(timer);
      waiting.delete(stop);
    };
    const unsubscribe = service.onRing((ring) => {
      if (ring.id !== action.callId) return;
      stop();
      perform(action);
    });
    const timer = setTimeout(() => {
      stop();
      stale(action);
    }, ringWaitMs);
    waiting.add(stop);
  };

  const unregister = hub.handle(callActionKinds, (action: CallAction) => {
    switch (action.action) {
      case 'answer':
      case 'answerVideo':
      case 'decline':
        return whenRinging(action);
      case 'callBack':
        return pendingDial.setText(dialTextFor(action.callerId));
      case 'showMissedCalls':
        return target.showHistory();
      case 'showCall':
        // The shell shows Calls, where the ringing panel is.
        return;
    }
  });
  return () => {
    unregister();
    for (const stop of [...waiting]) stop();
  };
}
