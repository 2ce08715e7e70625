/**
 * Turns the OS's idle time into "idle" / "back" for the presence tracker. Electron has no idle
 * event, only `powerMonitor.getSystemIdleTime()`, so this polls it; the poll is cheap (one
 * system call) and runs every 15 s, which is fine for a threshold counted in minutes.
 */
export interface IdleClock {
  /** Seconds since the last keyboard or mouse input anywhere on the machine. */
  idleSeconds(): number;
  every(ms: number, tick: () => void): () => void;
}

export const idlePollMs = 15_000;

export class IdleWatcher {
  private stopTimer: (() => void) | null = null;
  private idle = false;

  constructor(
    private readonly clock: IdleClock,
    /** Minutes without input before Away; 0 turns automatic Away off. */
    private readonly awayAfterMinutes: () => number,
    private readonly onIdleChange: (idle: boolean) => void,
  ) {}

  start(): void {
    this.stopTimer ??= this.clock.every(idlePollMs, () => this.check());
  }

  stop(): void {
    this.stopTimer?.();
    this.stopTimer = null;
  }

  /** Reads the idle time now (also called when the setting changes). */
  check(): void {
    const minutes = this.awayAfterMinutes();
    const idle = minutes > 0 && this.clock.idleSeconds() >= minutes * 60;
    if (idle !== this.idle) {
      this.idle = idle;
      this.onIdleChange(idle);
    }
  }
}
