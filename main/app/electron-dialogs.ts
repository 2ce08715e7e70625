/** Electron adapter: the native dialogs main shows when the window cannot (start-up, crashes). */
import { dialog, type BrowserWindow } from 'electron';

/** A blocking error box; safe before `ready` (which start-up failures may be). */
export function showErrorBox(title: string, content: string): void {
  dialog.showErrorBox(title, content);
}

/** A message box with choices; resolves with the index of the button pressed. */
export async function askChoice(window: BrowserWindow | null, options: { title: string; message: string; detail: string; buttons: string[] }): Promise<number> {
  const box = { type: 'error' as const, title: options.title, message: options.message, detail: options.detail, buttons: options.buttons, defaultId: 0, cancelId: options.buttons.length - 1, noLink: true };
  const { response } = window && !window.isDestroyed() ? await dialog.showMessageBox(window, box) : await dialog.showMessageBox(box);
  return response;
}
