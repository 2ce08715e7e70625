/**
 * Start at login, hidden in the tray. Windows gets a `--hidden` argument on its login item;
 * macOS login items take no arguments, so there the app asks whether it was opened at login.
 * Either way the window is created but not shown, and the CallAgent in it connects so calls ring.
 */
export const hiddenFlag = '--hidden';

export interface LoginItemSettings {
  openAtLogin: boolean;
  /** Windows: arguments for the login item. */
  args: string[];
}

export function loginItemSettings(startAtLogin: boolean): LoginItemSettings {
  return { openAtLogin: startAtLogin, args: startAtLogin ? [hiddenFlag] : [] };
}

export function startedHidden(argv: readonly string[], wasOpenedAtLogin: boolean): boolean {
  return wasOpenedAtLogin || argv.includes(hiddenFlag);
}
