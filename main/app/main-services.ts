/**
 * The composition root of main's plain-TypeScript services. main/index.ts calls it with
 * Electron's adapters; the e2e test bridge calls it with recorders, so both run the same code.
 */
import type { AppInfo, LocaleInfo } from '../../contract/channels-app.js';
import { IpcRouter } from '../ipc/ipc-router.js';
import { IpcEvents, type EventSink } from '../ipc/event-emitter.js';
import { SettingsStore, type ManagedSettings, type StoreFactory } from '../settings/settings-store.js';
import { resolveLocale } from '../i18n/resolve-locale.js';
import { AppOrigin } from '../security/app-origin.js';
import { ExternalLinkOpener } from '../security/external-links.js';
import { UserFacingError } from '../ipc/user-facing-error.js';
import type { Logger } from './logger.js';
import { createAuthServices, defaultAuthAdapters, registerAuthHandlers, type AuthAdapters } from '../auth/auth-services.js';
import type { ManagedPolicy } from '../policy/managed-policy.js';
import { PolicyRefresh } from '../policy/policy-refresh.js';
import { UpdateService } from '../updates/update-service.js';
import type { Updater } from '../updates/updater.js';
import type { InstallKind } from '../updates/install-kind.js';
import { createDesktopIntegration } from '../tray/desktop-integration.js';
import { headlessDesktop, type DesktopAdapters } from '../tray/desktop-adapters.js';
import { createChatServices } from '../chat/chat-handlers.js';
import { CallActivity, noDisplaySleepBlocker, type DisplaySleepBlocker } from '../calls/call-activity.js';
import { createCallServices } from '../calls/call-services.js';
import { createPeopleServices, type PeopleAdapters, type PeopleServices } from '../people/people-services.js';
import { systemClock, systemTimers } from '../auth/clock.js';

export interface MainServiceDeps {
  appInfo: AppInfo;
  rendererUrl: string;
  settingsDirectory: string;
  storeFactory: StoreFactory;
  preferredLanguages: () => readonly string[];
  openInOs: (url: string) => Promise<void>;
  events: EventSink;
  log: Logger;
  managedSettings?: ManagedSettings;
  /** HTTP, OS encryption, browser and time for sign-in; real ones (memory-only storage) by default. */
  auth?: Partial<AuthAdapters>;
  /** IT's managed configuration with its report (main/policy); wins over managedSettings. */
  policy?: ManagedPolicy;
  /** Self-update; absent in development and in tests that do not need it. */
  updates?: { updater: Updater; installKind: InstallKind };
  /** True while a call is active, so an update never restarts the app mid-call. */
  isCallActive?: () => boolean;
  /** Tray, notifications, idle/lock, login item (Electron in the app; recorders in tests). */
  desktop?: DesktopAdapters;
  /** Keeps the display awake during calls (Electron's powerSaveBlocker in the app). */
  displaySleepBlocker?: DisplaySleepBlocker;
  /** Reads IT's policy sources again (ManagedPolicy.load); with `policy`, a later change asks for a restart. */
  reloadPolicy?: () => Promise<ManagedPolicy>;
  /** Quits and starts the app again (Electron's app.relaunch and quit); absent in tests that do not need it. */
  relaunch?: () => void;
  /**
   * HTTP, time and jitter of the people capability (the live channel, directory, presence). By
   * default auth's HTTP (the same proxy and certificates) and the system's clock and timers —
   * not auth's, so a test that drives auth's time drives only auth.
   */
  people?: Partial<PeopleAdapters>;
  /** Milliseconds since the app was launched; by default main's clock, which starts with its process. */
  sinceLaunchMs?: () => number;
}

export function createMainServices(deps: MainServiceDeps) {
  const origin = new AppOrigin(deps.rendererUrl);
  const router = new IpcRouter(origin.isTrustedSender, deps.log);
  const events = new IpcEvents(deps.events);
  const links = new ExternalLinkOpener(deps.openInOs);
  const settings = new SettingsStore({
    directory: deps.settingsDirectory,
    factory: deps.storeFactory,
    projectVersion: deps.appInfo.version,
    ...(deps.policy || deps.managedSettings ? { managed: deps.policy ?? deps.managedSettings } : {}),
  });
  if (settings.recoveryNotice) {
    deps.log.warn('settings: file repaired at start-up', { reason: settings.recoveryNotice.reason, resetKeys: settings.recoveryNotice.resetKeys });
  }
  settings.onRecovered((notice) => {
    deps.log.warn('settings: repaired a file changed outside the app', { reason: notice.reason });
    events.emit('settings:recovered', notice);
  });
  const currentLocale = () => resolveLocale(settings.get('language'), deps.preferredLanguages());

  router.handle('app:getInfo', () => deps.appInfo);
  router.handle('app:getStartupNotices', () => ({ settingsRecovery: settings.recoveryNotice }));
  const sinceLaunch = deps.sinceLaunchMs ?? (() => performance.now());
  router.handle('app:reportStartup', ({ sinceNavigationMs }) => {
    deps.log.info('startup: shell interactive', { sinceNavigationMs: Math.round(sinceNavigationMs), sinceLaunchMs: Math.round(sinceLaunch()) });
  });
  router.handle('app:openExternal', async ({ url }) => {
    if (!(await links.open(url))) throw new UserFacingError('errors:links.refused');
  });
  router.handle('settings:get', () => settings.view());
  router.handle('settings:set', (patch) => settings.set(patch));
  router.handle('locale:get', () => currentLocale());
  router.handle('policy:getReport', () => deps.policy?.report() ?? { applied: [], problems: [] });

  const callActivity = new CallActivity(deps.displaySleepBlocker ?? noDisplaySleepBlocker);
  const isCallActive = deps.isCallActive ?? (() => callActivity.inCall);
  const updates = new UpdateService({
    updater: deps.updates?.updater ?? null,
    installKind: deps.updates?.installKind ?? 'unsupported',
    settings,
    isCallActive,
    // Restart to update must close the window, not hide it to the tray (desktop is made below).
    prepareToQuit: () => desktop.closeToTray.quitRequested(),
    emit: (state) => events.emit('updates:stateChanged', state),
    log: deps.log,
  });
  updates.start();
  router.handle('updates:getState', () => updates.state());
  router.handle('updates:check', () => updates.check());
  router.handle('updates:restartToUpdate', () => updates.restartToUpdate());

  // IT's settings read again while the app runs: a change asks the user to restart.
  const policyRefresh =
    deps.policy && deps.reloadPolicy
      ? new PolicyRefresh({ initial: deps.policy.values(), reload: deps.reloadPolicy, onChange: () => events.emit('policy:changed', { restartNeeded: true }), log: deps.log })
      : null;
  policyRefresh?.start();
  router.handle('policy:getChangeState', () => ({ restartNeeded: policyRefresh?.restartNeeded ?? false }));
  router.handle('policy:restartToApply', () => {
    if (!policyRefresh?.restartNeeded || !deps.relaunch) return;
    // Restarting would drop the call; the banner stays, and the user restarts after it.
    if (isCallActive()) throw new UserFacingError('policy:changed.inCall');
    deps.log.info('policy: restarting to apply managed settings');
    deps.relaunch();
  });

  const authAdapters: AuthAdapters = { ...defaultAuthAdapters(deps.openInOs), ...deps.auth };
  const auth = createAuthServices({
    directory: deps.settingsDirectory,
    settings,
    log: deps.log,
    locale: () => currentLocale().locale,
    adapters: authAdapters,
  });
  registerAuthHandlers(router, events, auth);
  const chat = createChatServices(router, {
    directory: deps.settingsDirectory,
    factory: deps.storeFactory,
    projectVersion: deps.appInfo.version,
    log: deps.log,
    settings,
    signedInUser: () => auth.service.signedInUserId(),
  });

  settings.onChange((view) => events.emit('settings:changed', view));

  // Made below (it needs the desktop's presence); until then a caller has no directory name.
  let people: PeopleServices | null = null;
  const desktop = createDesktopIntegration({
    desktop: deps.desktop ?? headlessDesktop(),
    callerName: (rawId) => people?.names.nameFor(rawId) ?? Promise.resolve(null),
    router,
    events,
    settings,
    locale: currentLocale().locale,
    settingsDirectory: deps.settingsDirectory,
    storeFactory: deps.storeFactory,
    projectVersion: deps.appInfo.version,
    log: deps.log,
  });

  // The one check for a change of language (the setting, or the system's when it follows the
  // system). Main's translator (the tray's, desktop.translator) switches first, so the renderer
  // and main's own listeners (the app menu) all see the new language.
  const localeListeners = new Set<(locale: LocaleInfo) => void>();
  let lastLocale = currentLocale().locale;
  settings.onChange(() => {
    const locale = currentLocale();
    if (locale.locale === lastLocale) return;
    lastLocale = locale.locale;
    desktop.languageChanged(locale.locale);
    events.emit('locale:changed', locale);
    for (const listener of localeListeners) listener(locale);
  });
  const onLocaleChanged = (listener: (locale: LocaleInfo) => void): (() => void) => {
    localeListeners.add(listener);
    return () => localeListeners.delete(listener);
  };

  // Unread chats join missed calls on the tray badge.
  chat.unread.onChange((total) => desktop.tray.setUnreadChats(total));

  // Call history, "in a call" and screen sharing (main/calls); missed calls are the tray's count.
  const { callHistory, screenSharePicker } = createCallServices({
    router,
    events,
    directory: deps.settingsDirectory,
    factory: deps.storeFactory,
    projectVersion: deps.appInfo.version,
    log: deps.log,
    missedCalls: desktop.missedCalls,
    callActivity,
  });
  // Call history belongs to the person signed in: it goes at sign-out and when someone else signs in.
  auth.service.onUserChanged(() => callHistory.clear());

  // The organisation's people: directory, everyone's presence, favourites, the live channel.
  people = createPeopleServices({
    router,
    events,
    auth,
    adapters: { fetch: authAdapters.fetch, clock: systemClock, timers: systemTimers, random: Math.random, ...deps.people },
    presence: desktop.presence,
    directory: deps.settingsDirectory,
    factory: deps.storeFactory,
    projectVersion: deps.appInfo.version,
    log: deps.log,
  });

  // A call sets presence to In a call and holds back any update restart until it ends.
  callActivity.onChange((inCall) => {
    desktop.setInCall(inCall);
    updates.callActivityChanged(inCall);
  });

  /**
   * The renderer is reloading or crashed and took its calls with it: links wait until it is
   * back, its ringing notifications close, and the user is no longer counted as in a call
   * (display kept awake, presence "In a call", updates held back).
   */
  const rendererGone = (): void => {
    desktop.rendererGone();
    callActivity.set(false);
  };

  return { origin, router, events, links, settings, currentLocale, onLocaleChanged, auth, updates, policyRefresh, desktop, chat, callHistory, callActivity, screenSharePicker, people, rendererGone };
}

export type MainServices = ReturnType<typeof createMainServices>;
