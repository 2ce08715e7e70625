/** electron-updater behind the small Updater interface (the only file that imports it). */
import electronUpdater from 'electron-updater';
import type { Logger } from '../app/logger.js';
import type { Updater } from './updater.js';

export function createElectronUpdater(log: Logger): Updater {
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = true;
  // If the user quits instead of restarting, the update installs then (never mid-call: the
  // user chose to quit).
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.logger = null;
  return {
    setFeedUrl(url) {
      if (url) autoUpdater.setFeedURL({ provider: 'generic', url });
    },
    async check() {
      await autoUpdater.checkForUpdates();
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
