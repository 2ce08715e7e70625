/**
 * Start at login, hidden in the tray. Windows and Linux get a `--hidden` argument on the login
 * item; macOS reports `wasOpenedAsHidden`. Either way the window is created but not shown, and
 * the CallAgent in it connects so calls ring.
 */
export const hiddenFlag = '--hidden';

export interface LoginItemSettings {
  openAtLogin: boolean;
  /** macOS (deprecated there since 13, where the login item always opens normally). */
  openAsHidden: boolean;
  /** Windows: arguments for the login item. */
  args: string[];
}

export function loginItemSettings(startAtLogin: boolean): LoginItemSettings {
  return { openAtLogin: startAtLogin, openAsHidden: startAtLogin, args: startAtLogin ? [hiddenFlag] : [] };
}

export function startedHidden(argv: readonly string[], wasOpenedAsHidden: boolean): boolean {
  return wasOpenedAsHidden || argv.includes(hiddenFlag);
}
