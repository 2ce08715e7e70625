/** Only one copy of the app runs; starting it again hands its arguments to the first copy. */
export interface SingleInstanceHost {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
}

/** Returns false (and quits) when another copy already runs. */
export function claimSingleInstance(host: SingleInstanceHost, onSecondInstance: (argv: string[]) => void): boolean {
  if (!host.requestSingleInstanceLock()) {
    host.quit();
    return false;
  }
  host.on('second-instance', (_event, argv) => onSecondInstance(argv));
  return true;
}

export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

export function bringToFront(window: FocusableWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
