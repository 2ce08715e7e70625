/**
 * Electron entry point: wires Electron's objects into the plain services of main-services.ts.
 * Kept short on purpose — logic belongs in the services, where tests can reach it.
 */
import { app, BrowserWindow, nativeTheme, session, shell } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { appIdentity } from './app/identity.js';
import { createAppLogger } from './app/logger.js';
import { RotatingLogFile } from './app/log-file.js';
import { guardStartup, logUnhandledRejections } from './app/startup-guard.js';
import { askChoice, showErrorBox } from './app/electron-dialogs.js';
import { devServerUrlFrom } from './security/dev-server-url.js';
import { appMenuTemplate } from './windows/app-menu.js';
import { setApplicationMenu } from './windows/electron-menu.js';
import { RendererRecovery, repeatedCrashDialog, watchRenderer } from './windows/renderer-recovery.js';
import { systemLocaleFrom } from './i18n/resolve-locale.js';
import { createMainServices } from './app/main-services.js';
import { bringToFront, claimSingleInstance } from './app/single-instance.js';
import { connectRouterToIpcMain, windowEventSink } from './ipc/electron-ipc.js';
import { electronStoreFactory } from './settings/electron-store-factory.js';
import { secureSession } from './security/electron-session.js';
import { guardEveryWebContents } from './security/web-contents-guards.js';
import { createMainWindow } from './windows/create-main-window.js';
import { listenForOpenUrl, registerProtocolClients } from './deeplinks/electron-protocols.js';
import { electronDesktop } from './tray/electron-desktop.js';
import { startedHidden } from './tray/login-item.js';
import type { MainServices } from './app/main-services.js';
import { electronSafeStorage } from './auth/electron-safe-storage.js';
import { electronNetFetch } from './auth/electron-net-fetch.js';
import { electronWakeEvents } from './auth/electron-wake-events.js';
import { quitAfterRevocation } from './auth/quit-guard.js';
import { ManagedPolicy } from './policy/managed-policy.js';
import { policySourcesFor } from './policy/policy-sources.js';
import { currentUserName, readFileIfPresent, readTextFileIfPresent, runCommand } from './policy/node-policy-adapters.js';
import { loadNativeRegistry } from './policy/native-registry-loader.js';
import { detectInstallKind } from './updates/install-kind.js';
import { createElectronUpdater } from './updates/electron-updater-adapter.js';
import { electronDisplaySleepBlocker } from './calls/electron-power-save.js';
import { installDisplayMediaHandler } from './calls/electron-display-media.js';

const here = dirname(fileURLToPath(import.meta.url));
// The support log, <userData>/logs/main.log, size-capped (app/log-file.ts); also on stderr.
const logFile = new RotatingLogFile({ directory: join(app.getPath('userData'), 'logs') });
const log = createAppLogger(logFile);
logUnhandledRejections(process, log);
// Development only, and only a loopback http URL: it becomes the trusted origin.
const devServerUrl = devServerUrlFrom(process.env.ACS_SOFTPHONE_DEV_SERVER_URL, { isPackaged: app.isPackaged, log });
const rendererUrl = devServerUrl ?? pathToFileURL(join(here, '../renderer/index.html')).href;

// Windows keys notifications and taskbar grouping on this; it must be set before anything else.
app.setAppUserModelId(appIdentity.appId);
// Toasts left in the Action Center activate the app through this COM class; keep it fixed.
if (process.platform === 'win32') app.setToastActivatorCLSID(appIdentity.toastActivatorClsid);

let mainWindow: BrowserWindow | null = null;
let services: MainServices | null = null;
// Links and second starts that arrive before the services exist (macOS opens the app with a URL).
const early: { argv?: string[]; url?: string }[] = [];

const onSecondInstance = (argv: string[]) => {
  if (services) services.desktop.secondInstance(argv);
  else early.push({ argv });
};

if (claimSingleInstance(app, onSecondInstance)) {
  listenForOpenUrl((url) => (services ? services.desktop.openUrl(url) : early.push({ url })));
  let holdQuitForRevocation: (() => boolean) | null = null;
  app.on('before-quit', (event) => {
    services?.desktop.closeToTray.quitRequested();
    services?.auth.cache.dispose();
    // The live channel's stream and timers go with the app (the service notices within a heartbeat).
    services?.people.dispose();
    // Signed out just before quitting: let the revocation reach the service (2 s at most).
    if (holdQuitForRevocation?.()) event.preventDefault();
  });
  // A throw anywhere in start-up logs, tells the user and exits (never a windowless ghost
  // holding the single-instance lock).
  const startupGuard = {
    log,
    logPath: logFile.path,
    locale: () => systemLocaleFrom(app.getPreferredSystemLanguages()),
    showErrorBox,
    exit: (code: number) => app.exit(code),
  };
  void app.whenReady().then(() => guardStartup(async () => {
    // IT's configuration is read before anything uses a setting; a broken policy never stops
    // the app (ManagedPolicy reports problems instead of throwing).
    // Windows policy is read through the registry API; reg.exe only if the addon is missing.
    const nativeRegistry = process.platform === 'win32' ? loadNativeRegistry(app.isPackaged ? process.resourcesPath : null) : null;
    if (process.platform === 'win32' && !nativeRegistry) log.warn('policy: registry addon not loaded, reading policy with reg.exe');
    const policySources = policySourcesFor({
      platform: process.platform,
      nativeRegistry,
      programData: process.env.ProgramData,
      userName: currentUserName(),
      systemRoot: process.env.SystemRoot,
      run: runCommand,
      readFile: readFileIfPresent,
      readTextFile: readTextFileIfPresent,
    });
    const policy = await ManagedPolicy.load(policySources, log);
    const installKind = detectInstallKind({
      platform: process.platform,
      isPackaged: app.isPackaged,
      exePath: app.getPath('exe'),
      env: process.env,
      fileExists: existsSync,
    });
    const started = createMainServices({
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
      log,
      desktop: electronDesktop({ window: () => mainWindow, tooltip: appIdentity.productName }),
      auth: { cipher: electronSafeStorage, fetch: electronNetFetch, wakeEvents: electronWakeEvents },
      policy,
      // Read again quietly: its problems were logged at start-up, and a change is logged by name.
      reloadPolicy: () => ManagedPolicy.load(policySources),
      relaunch: () => {
        app.relaunch();
        app.quit();
      },
      updates: { updater: createElectronUpdater(log), installKind },
      displaySleepBlocker: electronDisplaySleepBlocker,
    });
    services = started;
    holdQuitForRevocation = quitAfterRevocation(started.auth.service, () => app.quit());
    const applyTheme = () => {
      nativeTheme.themeSource = started.settings.get('theme');
    };
    applyTheme();
    started.settings.onChange(applyTheme);
    // A translated menu on macOS, none on Windows; never Electron's default (Reload, DevTools).
    // Main's one translator (the tray's) follows the language; the menu is rebuilt when it changes.
    const { t } = started.desktop.translator;
    const applyMenu = () => setApplicationMenu(appMenuTemplate({ platform: process.platform, isPackaged: app.isPackaged, appName: appIdentity.productName, t }));
    applyMenu();
    started.onLocaleChanged(applyMenu);

    guardEveryWebContents(app, started.origin, started.links);
    // allowVideo / allowScreenShare are enforced here too, not only by the renderer's buttons.
    const mediaAllowance = () => ({ video: started.settings.get('allowVideo'), screenShare: started.settings.get('allowScreenShare') });
    secureSession(session.defaultSession, started.origin, devServerUrl ? new URL(devServerUrl).origin : undefined, mediaAllowance);
    installDisplayMediaHandler(session.defaultSession, started.origin, started.screenSharePicker, () => mediaAllowance().screenShare);
    connectRouterToIpcMain(started.router);
    registerProtocolClients();

    const hidden = startedHidden(process.argv, app.getLoginItemSettings().wasOpenedAtLogin);
    mainWindow = createMainWindow({ preloadPath: join(here, '../preload/index.cjs'), rendererUrl, title: appIdentity.productName, startHidden: hidden, devTools: !app.isPackaged });
    // Closing hides to the tray; only Quit (tray menu, app menu, OS shutdown) closes.
    mainWindow.on('close', (event) => {
      if (started.desktop.closeToTray.windowClosing()) event.preventDefault();
    });
    // Windows sign-out / shutdown does not emit before-quit: let the window close then.
    mainWindow.on('session-end', () => started.desktop.closeToTray.quitRequested());
    // The tray menu and what the renderer counts as "seen" follow the window.
    mainWindow.on('show', () => started.desktop.windowChanged());
    mainWindow.on('hide', () => started.desktop.windowChanged());
    mainWindow.on('focus', () => started.desktop.windowChanged());
    mainWindow.on('blur', () => started.desktop.windowChanged());
    mainWindow.on('minimize', () => started.desktop.windowChanged());
    mainWindow.on('restore', () => started.desktop.windowChanged());
    // A reload or crash takes the renderer's calls with it (main-services.ts says what follows).
    mainWindow.webContents.on('did-start-loading', () => started.rendererGone());
    mainWindow.webContents.on('render-process-gone', () => started.rendererGone());
    // A crashed renderer is reloaded; a crash loop asks the user instead; a hang is logged.
    const window = mainWindow;
    watchRenderer(
      window,
      new RendererRecovery({
        reload: () => {
          if (!window.isDestroyed()) window.webContents.reload();
        },
        askAfterRepeatedCrashes: async () => {
          const dialog = repeatedCrashDialog(t, logFile.path);
          return (await askChoice(window, dialog)) === 0 ? 'retry' : 'quit';
        },
        quit: () => app.quit(),
        log,
      }),
    );

    // The first start's own link (Windows/Linux cold start from a click), then anything early.
    started.desktop.openLinkFromArgv(process.argv);
    for (const item of early.splice(0)) {
      if (item.argv) started.desktop.secondInstance(item.argv);
      if (item.url) started.desktop.openUrl(item.url);
    }
  }, startupGuard));

  // The app lives in the tray: closing every window does not quit.
  app.on('window-all-closed', () => {});
  app.on('activate', () => bringToFront(mainWindow));
}
