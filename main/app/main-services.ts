/**
 * The composition root of main's plain-TypeScript services. main/index.ts calls it with
 * Electron's adapters; the e2e test bridge calls it with recorders, so both run the same code.
 */
import type { AppInfo } from '../../contract/channels-app.js';
import { IpcRouter } from '../ipc/ipc-router.js';
import { IpcEvents, type EventSink } from '../ipc/event-emitter.js';
import { SettingsStore, type ManagedSettings, type StoreFactory } from '../settings/settings-store.js';
import { resolveLocale } from '../i18n/resolve-locale.js';
import { AppOrigin } from '../security/app-origin.js';
import { ExternalLinkOpener } from '../security/external-links.js';
import { UserFacingError } from '../ipc/user-facing-error.js';
import type { Logger } from './logger.js';
import { CallHistoryStore } from '../calls/call-history-store.js';
import { CallActivity, noDisplaySleepBlocker, type DisplaySleepBlocker } from '../calls/call-activity.js';
import { ScreenSharePicker } from '../calls/screen-share-picker.js';

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
  /** Keeps the display awake during calls (Electron's powerSaveBlocker in the app). */
  displaySleepBlocker?: DisplaySleepBlocker;
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
    ...(deps.managedSettings ? { managed: deps.managedSettings } : {}),
  });
  if (settings.recoveryNotice) {
    deps.log.warn('settings: file repaired at start-up', { reason: settings.recoveryNotice.reason, resetKeys: settings.recoveryNotice.resetKeys });
  }
  const currentLocale = () => resolveLocale(settings.get('language'), deps.preferredLanguages());

  router.handle('app:getInfo', () => deps.appInfo);
  router.handle('app:getStartupNotices', () => ({ settingsRecovery: settings.recoveryNotice }));
  router.handle('app:openExternal', async ({ url }) => {
    if (!(await links.open(url))) throw new UserFacingError('errors:links.refused');
  });
  router.handle('settings:get', () => settings.view());
  router.handle('settings:set', (patch) => settings.set(patch));
  router.handle('locale:get', () => currentLocale());

  let lastLocale = currentLocale().locale;
  settings.onChange((view) => {
    events.emit('settings:changed', view);
    const locale = currentLocale();
    if (locale.locale !== lastLocale) {
      lastLocale = locale.locale;
      events.emit('locale:changed', locale);
    }
  });

  const callHistory = new CallHistoryStore({ directory: deps.settingsDirectory, factory: deps.storeFactory, projectVersion: deps.appInfo.version });
  if (callHistory.recoveryNotice) deps.log.warn('calls: history file repaired at start-up');
  const callActivity = new CallActivity(deps.displaySleepBlocker ?? noDisplaySleepBlocker);
  router.handle('calls:historyList', () => callHistory.view());
  router.handle('calls:historyAdd', (entry) => callHistory.add(entry));
  router.handle('calls:historyMarkSeen', () => callHistory.markSeen());
  router.handle('calls:historyClear', () => callHistory.clear());
  router.handle('calls:historyRecoveryNotice', () => callHistory.recoveryNotice);
  router.handle('calls:activityChanged', ({ inCall }) => callActivity.set(inCall));
  callHistory.onChange((view) => events.emit('calls:historyChanged', view));
  const screenSharePicker = new ScreenSharePicker({ ask: (request) => events.emit('calls:screenShareRequest', request) });
  router.handle('calls:screenShareChoose', ({ requestId, sourceId }) => screenSharePicker.choose(requestId, sourceId));

  return { origin, router, events, links, settings, currentLocale, callHistory, callActivity, screenSharePicker };
}

export type MainServices = ReturnType<typeof createMainServices>;
