/** electron-updater behind the small Updater interface (the only file that imports it). */
import electronUpdater, { type AppUpdater } from 'electron-updater';
import type { Logger } from '../app/logger.js';
import type { Updater } from './updater.js';

export interface ElectronUpdaterOptions {
  /** electron-updater's autoUpdater in the app; tests pass a real updater with a fake app. */
  autoUpdater?: AppUpdater;
  platform?: NodeJS.Platform;
}

export function createElectronUpdater(log: Logger, options: ElectronUpdaterOptions = {}): Updater {
  const autoUpdater = options.autoUpdater ?? electronUpdater.autoUpdater;
  const platform = options.platform ?? process.platform;
  autoUpdater.autoDownload = true;
  // Off until the update service says updates are allowed (setInstallOnQuit).
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.logger = null;
  return {
    setFeedUrl(url) {
      if (url) {
        autoUpdater.setFeedURL({ provider: 'generic', url });
        return;
      }
      // Back to the feed built into the release: resetting the config path makes
      // electron-updater drop the feed set above and read app-update.yml again at the next check.
      autoUpdater.updateConfigPath = null;
    },
    setInstallOnQuit(allowed) {
      // Windows/Linux: read when the app quits, so turning updates off after a download keeps
      // the old version. macOS: with this on, Squirrel.Mac is handed the update as soon as it is
      // downloaded and installs it at quit whatever is decided later; with it off, the update is
      // handed over only when the user clicks "Restart to update" (quitAndInstall does that).
      autoUpdater.autoInstallOnAppQuit = allowed && platform !== 'darwin';
    },
    async check() {
      const result = await autoUpdater.checkForUpdates();
      // With autoDownload the download runs on after the check resolves; electron-updater
      // rejects this promise when it fails and also emits 'error' (reported below), so the
      // rejection is handled here only to keep it from being an unhandled one.
      result?.downloadPromise?.catch(() => {});
    },
    quitAndInstall() {
      // Silent: the one-click NSIS installer shows no wizard; then start the new version.
      autoUpdater.quitAndInstall(true, true);
    },
    listen(listener) {
      autoUpdater.on('checking-for-update', () => listener.checking());
      autoUpdater.on('update-available', (info) => listener.available(info.version));
      autoUpdater.on('update-not-available', () => listener.notAvailable());
      autoUpdater.on('download-progress', (progress) => listener.progress(progress.percent));
      autoUpdater.on('update-downloaded', (info) => listener.downloaded(info.version));
      autoUpdater.on('error', (error) => {
        log.warn('updates: electron-updater error', { name: error.name });
        listener.error();
      });
    },
  };
}
