/**
 * What happens when the window's renderer dies or hangs. A crash reloads it (the CallAgent
 * reconnects, so calls can ring again); a renderer that crashes `maxCrashes` times within
 * `windowMs` is not reloaded again — a crash loop would burn CPU and hide the problem — and
 * the user is asked instead (Try again or Quit). A hang is only logged: Chromium's own
 * "responsive" follows if it recovers, and a hang during a call usually does.
 */
import type { Logger } from '../app/logger.js';

/** Electron's RenderProcessGoneDetails, the part used here. */
export interface RenderProcessGone {
  reason: string;
  exitCode: number;
}

export interface RendererRecoveryDeps {
  reload(): void;
  /** Shown after repeated crashes; resolves with the user's choice. */
  askAfterRepeatedCrashes(): Promise<'retry' | 'quit'>;
  quit(): void;
  log: Logger;
  now?: () => number;
  maxCrashes?: number;
  windowMs?: number;
}

export class RendererRecovery {
  private crashes: number[] = [];
  private asking = false;
  private readonly now: () => number;
  private readonly maxCrashes: number;
  private readonly windowMs: number;

  constructor(private readonly deps: RendererRecoveryDeps) {
    this.now = deps.now ?? Date.now;
    this.maxCrashes = deps.maxCrashes ?? 3;
    this.windowMs = deps.windowMs ?? 60_000;
  }

  processGone(details: RenderProcessGone): void {
    // 'clean-exit' is the renderer closing normally (the window is going away): nothing to recover.
    if (details.reason === 'clean-exit') return;
    this.deps.log.error('renderer: process gone', { reason: details.reason, exitCode: details.exitCode });
    if (this.asking) return;
    const now = this.now();
    this.crashes = [...this.crashes.filter((at) => now - at < this.windowMs), now];
    if (this.crashes.length < this.maxCrashes) {
      this.deps.reload();
      return;
    }
    this.deps.log.error('renderer: crashed repeatedly, not reloading', { crashes: this.crashes.length, withinMs: this.windowMs });
    this.asking = true;
    void this.deps
      .askAfterRepeatedCrashes()
      .catch(() => 'quit' as const)
      .then((choice) => {
        this.asking = false;
        if (choice === 'retry') {
          this.crashes = [];
          this.deps.reload();
        } else {
          this.deps.quit();
        }
      });
  }

  unresponsive(): void {
    this.deps.log.warn('renderer: unresponsive');
  }

  responsive(): void {
    this.deps.log.info('renderer: responsive again');
  }
}

/** The events of a BrowserWindow and its webContents the recovery listens to. */
export interface WatchableWindow {
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  webContents: { on(event: 'render-process-gone', listener: (event: unknown, details: RenderProcessGone) => void): unknown };
}

export function watchRenderer(window: WatchableWindow, recovery: RendererRecovery): void {
  window.webContents.on('render-process-gone', (_event, details) => recovery.processGone(details));
  window.on('unresponsive', () => recovery.unresponsive());
  window.on('responsive', () => recovery.responsive());
}

/** The translated question asked after repeated crashes; button 0 is Try again, 1 is Quit. */
export function repeatedCrashDialog(t: (key: string, params?: Record<string, string>) => string, logPath: string) {
  return {
    title: t('errors:renderer.title'),
    message: t('errors:renderer.message'),
    detail: t('errors:renderer.detail', { path: logPath }),
    buttons: [t('errors:renderer.retry'), t('errors:renderer.quit')],
  };
}
