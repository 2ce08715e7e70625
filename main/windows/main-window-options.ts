import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's options. Every security-relevant webPreference is spelled out, even where
 * it is Electron's default, so a reader (and a test) can see them all in one place.
 */
export function mainWindowOptions(preloadPath: string, title: string, options: { devTools?: boolean } = {}): BrowserWindowConstructorOptions {
  return {
    title,
    width: 1024,
    height: 720,
    minWidth: 360,
    minHeight: 480,
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      // Developer tools only in development: a packaged app has no menu item or shortcut for
      // them, and this keeps them closed to anything else too.
      devTools: options.devTools ?? false,
      // The window may sit hidden in the tray: the renderer keeps the CallAgent connected so
      // calls still ring, which throttled timers would break.
      backgroundThrottling: false,
    },
  };
}
