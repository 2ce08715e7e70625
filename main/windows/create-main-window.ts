/** Electron adapter: the main window, guarded, shown once its first paint is ready. */
import { BrowserWindow } from 'electron';
import { mainWindowOptions } from './main-window-options.js';

export function createMainWindow(options: { preloadPath: string; rendererUrl: string; title: string; startHidden?: boolean; devTools?: boolean }): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(options.preloadPath, options.title, { devTools: options.devTools ?? false }));
  // Started at login: the window loads (so the CallAgent connects) but stays in the tray.
  if (!options.startHidden) window.once('ready-to-show', () => window.show());
  void window.loadURL(options.rendererUrl);
  return window;
}
