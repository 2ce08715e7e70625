/**
 * OS notifications for calls: ringing (with Answer / Answer with video / Decline), call waiting,
 * and missed calls (click → call back). Presence decides whether and how a call is presented
 * (notification-policy.ts). Live notifications are kept referenced until the call ends, both so
 * their events fire (an unreferenced Electron Notification can be collected with its handlers)
 * and so they can be closed when the call is answered, declined or the caller hangs up.
 */
import type { CallEndReason, IncomingCall, IncomingCallPresentation, NotificationAction } from '../../contract/channels-tray.js';
import type { Logger } from '../app/logger.js';
import type { Translate } from '../i18n/translator.js';
import type { PresenceTracker } from '../presence/presence-tracker.js';
import { incomingCallPresentation, showsMissedCallNotification } from '../presence/notification-policy.js';
import type { MissedCalls } from './missed-calls.js';
import type { LiveNotification, NotificationPlatform, NotificationSpec, WindowAttention } from './notification-platform.js';
import { incomingCallToastXml, missedCallToastXml } from './toast-xml.js';
import { cleanUntrustedText } from './untrusted-text.js';

export interface CallNotifierDeps {
  platform: NotificationPlatform;
  window: WindowAttention;
  presence: PresenceTracker;
  missedCalls: MissedCalls;
  t: Translate;
  log: Logger;
  /** Where the user's choice goes (the renderer, through `notifications:action`). */
  onAction: (action: NotificationAction) => void;
}

interface KnownCall {
  call: IncomingCall;
  notification: LiveNotification | null;
  /** Kept quiet by Do not disturb and counted as missed when it rang. */
  suppressed: boolean;
  /** It stopped ringing unanswered: a call back to it is legitimate. */
  missed: boolean;
}

/** Calls remembered for a missed-call notice; older ones are forgotten first. */
const maxKnownCalls = 32;
const rawIdForCallBack = /^[A-Za-z0-9:+._@-]{1,256}$/;

export class IncomingCallNotifier {
  private readonly calls = new Map<string, KnownCall>();
  private readonly missedNotices = new Map<string, LiveNotification>();

  constructor(private readonly deps: CallNotifierDeps) {
    // The notices follow the one missed-call count: whatever marks the calls seen (the Calls
    // view, clearing the history, another user signing in) closes them too.
    deps.missedCalls.onChange((count) => {
      if (count === 0) this.closeMissedNotices();
    });
  }

  incomingCall(call: IncomingCall): IncomingCallPresentation {
    const { presence, log } = this.deps;
    const presentation = incomingCallPresentation(presence.view(), presence.isInCall);
    // Reported twice (a renderer reload while ringing): one notification, not two.
    this.calls.get(call.callId)?.notification?.close();
    this.calls.delete(call.callId);
    this.forgetOldest();
    const known: KnownCall = { call, notification: null, suppressed: presentation === 'suppressed', missed: false };
    this.calls.set(call.callId, known);
    if (presentation === 'suppressed') {
      log.info('notifications: call sent to missed calls (do not disturb)', { callId: call.callId });
      this.deps.missedCalls.add(call.callId);
      return presentation;
    }
    // The window in front already shows the ringing panel; a toast on top would be noise.
    if (this.deps.window.isFocused()) return presentation;
    known.notification = this.notify(this.ringingSpec(call, presentation === 'callWaiting'), {
      click: () => this.act({ action: 'showCall', callId: call.callId }),
      action: (index) => {
        const choices = call.withVideo ? (['answer', 'answerVideo', 'decline'] as const) : (['answer', 'decline'] as const);
        const choice = choices[index];
        if (choice) this.act({ action: choice, callId: call.callId });
      },
    });
    return presentation;
  }

  callEnded(callId: string, reason: CallEndReason): void {
    const known = this.calls.get(callId);
    known?.notification?.close();
    if (known) known.notification = null;
    if (known?.suppressed) {
      // Counted as missed when it rang quietly; if the user took it after all, it was not.
      if (reason === 'answered' || reason === 'answeredElsewhere' || reason === 'declined') this.deps.missedCalls.remove(callId);
      else known.missed = true;
      return;
    }
    if (reason !== 'missed') return;
    if (known) known.missed = true;
    this.deps.missedCalls.add(callId);
    if (!known || !showsMissedCallNotification(this.deps.presence.view())) return;
    this.missedNotices.get(callId)?.close();
    const notice = this.notify(this.missedSpec(known.call), {
      click: () => this.act(this.callBackAction(callId)),
      action: () => this.act(this.callBackAction(callId)),
    });
    if (notice) this.missedNotices.set(callId, notice);
  }

  /**
   * What "call back" on the missed call with this ID does: call its caller, as this notifier
   * recorded them, when the call was missed and its caller ID can be dialled; otherwise show the
   * missed calls. A call-back link names only the call: the number to call comes from here, never
   * from the link (any web page can open an acs-softphone:// URL).
   */
  callBackAction(callId: string): NotificationAction {
    const known = this.calls.get(callId);
    if (!known?.missed) {
      // A toast kept in the Action Center across a restart, or a link from elsewhere.
      this.deps.log.info('deeplinks: call back for a call not remembered; showing missed calls');
      return { action: 'showMissedCalls' };
    }
    const { callerId } = known.call;
    return rawIdForCallBack.test(callerId) ? { action: 'callBack', callId, callerId } : { action: 'showMissedCalls' };
  }

  /**
   * The renderer went away (reload, crash) and took its ringing calls with it: their
   * notifications would answer calls nobody holds. A call still ringing is reported again by the
   * new renderer.
   */
  closeRinging(): void {
    for (const known of this.calls.values()) {
      known.notification?.close();
      known.notification = null;
    }
  }

  /** An action that came back through a protocol link (Windows toasts) closes its toast. */
  actionArrived(action: NotificationAction): void {
    if ((action.action === 'answer' || action.action === 'answerVideo' || action.action === 'decline') && this.calls.has(action.callId)) {
      const known = this.calls.get(action.callId)!;
      known.notification?.close();
      known.notification = null;
    }
  }

  private act(action: NotificationAction): void {
    this.actionArrived(action);
    this.deps.onAction(action);
  }

  private closeMissedNotices(): void {
    for (const notice of this.missedNotices.values()) notice.close();
    this.missedNotices.clear();
  }

  private notify(spec: NotificationSpec, handlers: { click(): void; action(index: number): void }): LiveNotification | null {
    const { platform, window, log } = this.deps;
    if (!platform.isSupported()) {
      log.warn('notifications: not available; asking for attention instead', { tag: spec.tag.split(':')[0] });
      window.requestAttention();
      return null;
    }
    return platform.show(spec, {
      ...handlers,
      reply: () => {},
      failed: () => {
        log.warn('notifications: the OS did not show a notification', { tag: spec.tag.split(':')[0] });
        window.requestAttention();
      },
    });
  }

  private callerLabel(call: IncomingCall): { name: string; detail: string } {
    const name = cleanUntrustedText(call.callerName, 64);
    const id = cleanUntrustedText(call.callerId.replace(/^4:/, ''), 64);
    if (name) return { name, detail: name === id ? '' : id };
    return { name: id || this.deps.t('tray:notifications.unknownCaller'), detail: '' };
  }

  private ringingSpec(call: IncomingCall, waiting: boolean): NotificationSpec {
    const { t, platform } = this.deps;
    const { name, detail } = this.callerLabel(call);
    const title = t(waiting ? 'tray:notifications.callWaitingTitle' : call.withVideo ? 'tray:notifications.incomingVideoTitle' : 'tray:notifications.incomingTitle');
    const body = t(waiting ? 'tray:notifications.callWaitingBody' : 'tray:notifications.incomingBody', { name });
    const labels = { answer: t('tray:notifications.answer'), answerVideo: t('tray:notifications.answerVideo'), decline: t('tray:notifications.decline') };
    const spec: NotificationSpec = { tag: `call:${call.callId}`, title, body, persistent: true, silent: waiting };
    if (platform.style === 'windows-toast') {
      spec.toastXml = incomingCallToastXml({ callId: call.callId, title, lines: [body, ...(detail ? [detail] : [])], withVideo: call.withVideo, waiting, labels });
    } else if (platform.style === 'mac-actions') {
      spec.actions = call.withVideo ? [labels.answer, labels.answerVideo, labels.decline] : [labels.answer, labels.decline];
    }
    return spec;
  }

  private missedSpec(call: IncomingCall): NotificationSpec {
    const { t, platform } = this.deps;
    const { name } = this.callerLabel(call);
    const title = t('tray:notifications.missedTitle');
    const body = t('tray:notifications.missedBody', { name });
    const canCallBack = rawIdForCallBack.test(call.callerId);
    const spec: NotificationSpec = { tag: `missed:${call.callId}`, title, body };
    if (platform.style === 'windows-toast' && canCallBack) {
      spec.toastXml = missedCallToastXml({ callId: call.callId, title, lines: [body], labels: { callBack: t('tray:notifications.callBack') } });
    } else if (platform.style === 'mac-actions' && canCallBack) {
      spec.actions = [t('tray:notifications.callBack')];
    }
    return spec;
  }

  private forgetOldest(): void {
    while (this.calls.size >= maxKnownCalls) {
      const [oldestId, oldest] = this.calls.entries().next().value as [string, KnownCall];
      oldest.notification?.close();
      this.calls.delete(oldestId);
    }
  }
}
