/**
 * Whether the user is in a call, as the renderer reports it. While they are, the display is
 * kept awake (a call with video must not fade to a screensaver); presence and the tray
 * subscribe to the changes.
 */
export interface DisplaySleepBlocker {
  /** Starts blocking display sleep; returns an id for stop(). */
  start(): number;
  stop(id: number): void;
}

export class CallActivity {
  private blockerId: number | null = null;
  private readonly listeners = new Set<(inCall: boolean) => void>();

  constructor(private readonly blocker: DisplaySleepBlocker) {}

  get inCall(): boolean {
    return this.blockerId !== null;
  }

  set(inCall: boolean): void {
    if (inCall === this.inCall) return;
    if (inCall) this.blockerId = this.blocker.start();
    else {
      this.blocker.stop(this.blockerId!);
      this.blockerId = null;
    }
    for (const listener of this.listeners) listener(inCall);
  }

  onChange(listener: (inCall: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Where no blocker is given (tests, a platform without one): calls still work. */
export const noDisplaySleepBlocker: DisplaySleepBlocker = { start: () => 0, stop: () => {} };
