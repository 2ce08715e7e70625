/**
 * Electron entry point: wires Electron's objects into the plain services of main-services.ts.
 * Kept short on purpose — logic belongs in the services, where tests can reach it.
 */
import { app, BrowserWindow, nativeTheme, session, shell } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { appIdentity } from './app/identity.js';
import { consoleLogger } from './app/logger.js';
import { createMainServices } from './app/main-services.js';
import { bringToFront, claimSingleInstance } from './app/single-instance.js';
import { connectRouterToIpcMain, windowEventSink } from './ipc/electron-ipc.js';
import { electronStoreFactory } from './settings/electron-store-factory.js';
import { secureSession } from './security/electron-session.js';
import { guardWebContents } from './security/web-contents-guards.js';
import { createMainWindow } from './windows/create-main-window.js';
import { electronDisplaySleepBlocker } from './calls/electron-power-save.js';
import { installDisplayMediaHandler } from './calls/electron-display-media.js';

const here = dirname(fileURLToPath(import.meta.url));
const devServerUrl = process.env.ACS_SOFTPHONE_DEV_SERVER_URL;
const rendererUrl = devServerUrl ?? pathToFileURL(join(here, '../renderer/index.html')).href;

// Windows keys notifications and taskbar grouping on this; it must be set before anything else.
app.setAppUserModelId(appIdentity.appId);

let mainWindow: BrowserWindow | null = null;

if (claimSingleInstance(app, () => bringToFront(mainWindow))) {
  void app.whenReady().then(() => {
    const services = createMainServices({
      appInfo: {
        name: appIdentity.productName,
        version: app.getVersion(),
        platform: process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux',
        electron: process.versions.electron ?? '',
        chrome: process.versions.chrome ?? '',
      },
      rendererUrl,
      settingsDirectory: app.getPath('userData'),
      storeFactory: electronStoreFactory,
      preferredLanguages: () => app.getPreferredSystemLanguages(),
      openInOs: (url) => shell.openExternal(url),
      events: windowEventSink(() => BrowserWindow.getAllWindows()),
      log: consoleLogger,
      displaySleepBlocker: electronDisplaySleepBlocker,
    });
    const applyTheme = () => {
      nativeTheme.themeSource = services.settings.get('theme');
    };
    applyTheme();
    services.settings.onChange(applyTheme);

    app.on('web-contents-created', (_event, contents) => guardWebContents(contents, services.origin, services.links));
    secureSession(session.defaultSession, services.origin, devServerUrl ? new URL(devServerUrl).origin : undefined);
    installDisplayMediaHandler(session.defaultSession, services.origin, services.screenSharePicker);
    connectRouterToIpcMain(services.router);

    mainWindow = createMainWindow({ preloadPath: join(here, '../preload/index.cjs'), rendererUrl, title: appIdentity.productName });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
