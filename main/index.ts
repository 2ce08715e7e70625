/**
 * Electron entry point: wires Electron's objects into the plain services of main-services.ts.
 * Kept short on purpose — logic belongs in the services, where tests can reach it.
 */
import { app, BrowserWindow, nativeTheme, session, shell } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { appIdentity } from './app/identity.js';
import { consoleLogger } from './app/logger.js';
import { createMainServices } from './app/main-services.js';
import { bringToFront, claimSingleInstance } from './app/single-instance.js';
import { connectRouterToIpcMain, windowEventSink } from './ipc/electron-ipc.js';
import { electronStoreFactory } from './settings/electron-store-factory.js';
import { secureSession } from './security/electron-session.js';
import { guardWebContents } from './security/web-contents-guards.js';
import { createMainWindow } from './windows/create-main-window.js';
import { electronSafeStorage } from './auth/electron-safe-storage.js';
import { ManagedPolicy } from './policy/managed-policy.js';
import { policySourcesFor } from './policy/policy-sources.js';
import { currentUserName, readFileIfPresent, readTextFileIfPresent, runCommand } from './policy/node-policy-adapters.js';
import { detectInstallKind } from './updates/install-kind.js';
import { createElectronUpdater } from './updates/electron-updater-adapter.js';

const here = dirname(fileURLToPath(import.meta.url));
const devServerUrl = process.env.ACS_SOFTPHONE_DEV_SERVER_URL;
const rendererUrl = devServerUrl ?? pathToFileURL(join(here, '../renderer/index.html')).href;

// Windows keys notifications and taskbar grouping on this; it must be set before anything else.
app.setAppUserModelId(appIdentity.appId);

let mainWindow: BrowserWindow | null = null;

if (claimSingleInstance(app, () => bringToFront(mainWindow))) {
  void app.whenReady().then(async () => {
    // IT's configuration is read before anything uses a setting; a broken policy never stops
    // the app (ManagedPolicy reports problems instead of throwing).
    const policy = await ManagedPolicy.load(
      policySourcesFor({
        platform: process.platform,
        resourcesPath: process.resourcesPath,
        userName: currentUserName(),
        systemRoot: process.env.SystemRoot,
        run: runCommand,
        readFile: readFileIfPresent,
        readTextFile: readTextFileIfPresent,
      }),
      consoleLogger,
    );
    const installKind = detectInstallKind({
      platform: process.platform,
      isPackaged: app.isPackaged,
      exePath: app.getPath('exe'),
      env: process.env,
      fileExists: existsSync,
    });
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
      auth: { cipher: electronSafeStorage },
      policy,
      updates: { updater: createElectronUpdater(consoleLogger), installKind },
    });
    const applyTheme = () => {
      nativeTheme.themeSource = services.settings.get('theme');
    };
    applyTheme();
    services.settings.onChange(applyTheme);

    app.on('web-contents-created', (_event, contents) => guardWebContents(contents, services.origin, services.links));
    secureSession(session.defaultSession, services.origin, devServerUrl ? new URL(devServerUrl).origin : undefined);
    connectRouterToIpcMain(services.router);
    app.on('before-quit', () => services.auth.cache.dispose());

    mainWindow = createMainWindow({ preloadPath: join(here, '../preload/index.cjs'), rendererUrl, title: appIdentity.productName });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
