/**
 * "Living in the tray", composed: presence, call and chat notifications, deep links, the tray
 * and its badge, close-to-tray and start-at-login, with their IPC handlers. Plain TypeScript:
 * the OS comes in as DesktopAdapters. main-services.ts calls this once.
 */
import type { NotificationAction, WindowState } from '../../contract/channels-tray.js';
import type { Locale } from '../../contract/settings.js';
import type { Logger } from '../app/logger.js';
import type { IpcEvents } from '../ipc/event-emitter.js';
import type { IpcRouter } from '../ipc/ipc-router.js';
import type { SettingsStore, StoreFactory } from '../settings/settings-store.js';
import { Translator } from '../i18n/translator.js';
import { DeepLinkInbox } from '../deeplinks/deep-link-inbox.js';
import { findLinkInArgv, type DeepLink, type LinkRefusal } from '../deeplinks/parse-link.js';
import { ChatNotifier } from '../notifications/chat-notifier.js';
import { IncomingCallNotifier } from '../notifications/incoming-call-notifier.js';
import { MissedCalls } from '../notifications/missed-calls.js';
import { IdleWatcher } from '../presence/idle-watcher.js';
import { PresenceTracker } from '../presence/presence-tracker.js';
import { CloseToTray } from './close-to-tray.js';
import type { DesktopAdapters } from './desktop-adapters.js';
import { hiddenFlag, loginItemSettings } from './login-item.js';
import { TrayController } from './tray-controller.js';
import { TrayStateStore } from './tray-state-store.js';

export interface DesktopIntegrationDeps {
  desktop: DesktopAdapters;
  router: IpcRouter;
  events: IpcEvents;
  settings: SettingsStore;
  /** The language at start-up; later changes come through languageChanged(). */
  locale: Locale;
  settingsDirectory: string;
  storeFactory: StoreFactory;
  projectVersion: string;
  log: Logger;
  /**
   * The directory's name for a caller's raw id (8:acs:…), or null: a colleague's toast shows the
   * organisation's name for them, not the one their client sent. Without it, today's behaviour.
   */
  callerName?: (rawId: string) => Promise<string | null>;
}

/** Actions the user takes without wanting the window in front. */
const quietActions: ReadonlySet<NotificationAction['action']> = new Set(['decline', 'reply']);

export function createDesktopIntegration(deps: DesktopIntegrationDeps) {
  const { desktop, router, events, settings, log } = deps;
  const translator = new Translator(deps.locale);
  const t = translator.t;
  const state = new TrayStateStore({ directory: deps.settingsDirectory, factory: deps.storeFactory, projectVersion: deps.projectVersion, log });
  const presence = new PresenceTracker(state);
  const missedCalls = new MissedCalls();

  // What the renderer counts as "seen" follows the window; so does the tray menu's Show/Hide.
  const windowState = (): WindowState => ({ visible: desktop.window.isVisible(), focused: desktop.window.isFocused() });
  let lastWindowState = windowState();
  const windowChanged = () => {
    const now = windowState();
    if (now.visible === lastWindowState.visible && now.focused === lastWindowState.focused) return;
    // The tray (its Show/Hide item) depends only on visibility; focus moves often and changes nothing there.
    const visibilityChanged = now.visible !== lastWindowState.visible;
    lastWindowState = now;
    if (visibilityChanged) tray.refresh();
    events.emit('tray:windowStateChanged', now);
  };
  const showWindow = () => {
    desktop.window.show();
    windowChanged();
  };

  const refuse = (reason: LinkRefusal) => {
    showWindow();
    events.emit('deeplinks:refused', { messageKey: `tray:links.refused.${reason}` });
  };

  const inbox: DeepLinkInbox = new DeepLinkInbox(
    {
      deliver(link) {
        if (link.kind === 'dial') {
          showWindow();
          events.emit('deeplinks:dial', link.dial);
          return;
        }
        // A call back goes only to a missed call this app remembers, and only to its caller: never
        // to a number from the link (the notifier decides, as for its own notices).
        const action = link.action.action === 'callBack' ? callNotifier.callBackAction(link.action.callId) : link.action;
        callNotifier.actionArrived(action);
        if (!quietActions.has(action.action)) showWindow();
        events.emit('notifications:action', action);
      },
      refuse,
    },
    log,
  );
  const post = (action: NotificationAction) => inbox.post({ kind: 'action', action } satisfies DeepLink);
  const callNotifier = new IncomingCallNotifier({ platform: desktop.notifications, window: desktop.window, presence, missedCalls, t, log, onAction: post });
  const chatNotifier = new ChatNotifier({ platform: desktop.notifications, window: desktop.window, presence, t, onAction: post });
  const closeToTray = new CloseToTray({ state, notifications: desktop.notifications, t, hideWindow: () => desktop.window.hide(), showWindow: () => desktop.window.show() });
  const tray = new TrayController({
    tray: desktop.tray,
    badge: desktop.badge,
    window: desktop.window,
    presence,
    missedCalls,
    theme: () => desktop.trayTheme(),
    t,
    onAction: post,
    quit: () => {
      closeToTray.quitRequested();
      desktop.quit();
    },
  });
  const idle = new IdleWatcher(desktop.idleClock, () => settings.get('awayAfterMinutes'), (isIdle) => presence.setIdle(isIdle));

  presence.onChange((view) => events.emit('presence:changed', view));
  desktop.onScreenLockChange((locked) => presence.setLocked(locked));
  desktop.onTrayThemeChange(() => tray.refresh());

  let startAtLogin = settings.get('startAtLogin');
  desktop.setLoginItem(loginItemSettings(startAtLogin));
  settings.onChange((view) => {
    if (view.values.startAtLogin !== startAtLogin) {
      startAtLogin = view.values.startAtLogin;
      desktop.setLoginItem(loginItemSettings(startAtLogin));
    }
    // Presence redraws the tray itself if the new idle limit changes it; a new language
    // comes through languageChanged(), after main's translator has switched.
    idle.check();
  });

  router.handle('presence:get', () => presence.view());
  router.handle('presence:set', ({ status }) => presence.choose(status));
  router.handle('notifications:incomingCall', async (call) => {
    const directoryName = deps.callerName ? await deps.callerName(call.callerId).catch(() => null) : null;
    return { presentation: callNotifier.incomingCall(directoryName ? { ...call, callerName: directoryName } : call) };
  });
  router.handle('notifications:callEnded', ({ callId, reason }) => callNotifier.callEnded(callId, reason));
  router.handle('notifications:chatMessage', async ({ senderId, ...message }) => {
    // The directory's name for the sender, as for an incoming call; the name ACS gave otherwise.
    const directoryName = senderId && deps.callerName ? await deps.callerName(senderId).catch(() => null) : null;
    return { shown: chatNotifier.message(directoryName ? { ...message, senderName: directoryName } : message) };
  });
  router.handle('notifications:chatRead', ({ threadId }) => chatNotifier.conversationSeen(threadId));
  // The missed-call notices close with the count (IncomingCallNotifier follows it).
  router.handle('notifications:missedCallsSeen', () => missedCalls.markSeen());
  router.handle('deeplinks:ready', () => inbox.markReady());
  router.handle('tray:windowState', () => windowState());

  tray.refresh();
  idle.start();

  return {
    presence,
    missedCalls,
    callNotifier,
    chatNotifier,
    inbox,
    tray,
    closeToTray,
    translator,
    /** Windows/Linux: a second start of the app, maybe with a clicked link in its arguments. */
    secondInstance(argv: readonly string[]): void {
      // A start at login (--hidden) that found the app already running, e.g. both the MSI's
      // machine-wide Run entry and the user's own login item: it must not show the window.
      if (!this.openLinkFromArgv(argv) && !argv.includes(hiddenFlag)) showWindow();
    },
    /** The window was shown, hidden, focused or blurred (main/index.ts forwards Electron's events). */
    windowChanged,
    /**
     * The renderer is reloading or crashed: links wait until it is back, and the notifications
     * of its ringing calls close (the new renderer reports calls still ringing again).
     */
    rendererGone(): void {
      inbox.markNotReady();
      callNotifier.closeRinging();
    },
    /** A link among command-line arguments (also the first start's own); false when none. */
    openLinkFromArgv(argv: readonly string[]): boolean {
      const link = findLinkInArgv(argv);
      if (link) inbox.receive(link, 'argv');
      return link !== null;
    },
    /** macOS: a link the OS opened with the app. */
    openUrl(url: string): void {
      inbox.receive(url, 'open-url');
    },
    /**
     * The language changed (main-services notices it, once, for all of main): main's translator
     * speaks it from now on, and the tray redraws in it. Notifications take it when next shown.
     */
    languageChanged(locale: Locale): void {
      translator.setLocale(locale);
      tray.refresh();
    },
    /** The calling feature's in-call state (calls:activityChanged) drives "In a call". */
    setInCall(inCall: boolean): void {
      presence.setInCall(inCall);
    },
    dispose(): void {
      idle.stop();
    },
  };
}

export type DesktopIntegration = ReturnType<typeof createDesktopIntegration>;
