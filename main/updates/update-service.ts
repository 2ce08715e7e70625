/**
 * Keeps the app up to date where it may update itself: checks on start and every few hours,
 * downloads in the background, tells the renderer the progress, and restarts only when the
 * user asks — and never during a call (it waits for the call to end).
 */
import type { UpdateState } from '../../contract/channels-updates.js';
import type { SettingsView } from '../../contract/settings.js';
import type { Logger } from '../app/logger.js';
import type { InstallKind } from './install-kind.js';
import { updateDisabledReason } from './update-eligibility.js';
import type { Updater } from './updater.js';

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface UpdateServiceDeps {
  /** null where there is no updater (development, tests without one): always disabled. */
  updater: Updater | null;
  installKind: InstallKind;
  settings: { view(): SettingsView; onChange(listener: (view: SettingsView) => void): () => void };
  /** True while a call is connected or ringing out; restarting would drop it. */
  isCallActive: () => boolean;
  /**
   * Marks the app as quitting before the updater closes its windows. quitAndInstall closes
   * the windows before 'before-quit' fires, and the close-to-tray handler would otherwise
   * turn that close into a hide, so "Restart to update" would only hide the window.
   */
  prepareToQuit: () => void;
  emit: (state: UpdateState) => void;
  log: Logger;
  timers?: Timers;
  checkEveryMs?: number;
  /** How often to look again whether the call has ended, when a restart is waiting. */
  callPollMs?: number;
}

const fourHours = 4 * 60 * 60 * 1000;

export class UpdateService {
  private current: UpdateState = { status: 'disabled', disabledReason: 'unsupported', version: null, percent: null, restartAfterCall: false };
  private checkTimer: unknown = null;
  private callTimer: unknown = null;
  private feedUrl: string | null = null;
  private readonly timers: Timers;

  constructor(private readonly deps: UpdateServiceDeps) {
    this.timers = deps.timers ?? { setInterval: (fn, ms) => setInterval(fn, ms), clearInterval: (h) => clearInterval(h as NodeJS.Timeout) };
    // A download started before updates were turned off keeps reporting; while disabled
    // those events must not replace 'disabled' (nor offer a restart the user switched off).
    const whileEnabled =
      <A extends unknown[]>(handle: (...args: A) => void) =>
      (...args: A) => {
        if (this.current.status !== 'disabled') handle(...args);
      };
    deps.updater?.listen({
      checking: whileEnabled(() => this.update({ status: 'checking' })),
      available: whileEnabled((version: string) => this.update({ status: 'downloading', version, percent: 0 })),
      notAvailable: whileEnabled(() => this.update({ status: 'up-to-date', version: null, percent: null })),
      progress: whileEnabled((percent: number) => this.update({ status: 'downloading', percent: Math.max(0, Math.min(100, Math.round(percent))) })),
      downloaded: whileEnabled((version: string) => this.update({ status: 'ready', version, percent: 100 })),
      error: whileEnabled(() => {
        deps.log.warn('updates: check or download failed');
        this.update({ status: 'error', percent: null });
      }),
    });
  }

  /** Applies the current settings and policy, then keeps following them. */
  start(): () => void {
    this.apply(this.deps.settings.view());
    const stop = this.deps.settings.onChange((view) => this.apply(view));
    return () => {
      stop();
      this.stopTimers();
    };
  }

  state(): UpdateState {
    return { ...this.current };
  }

  async check(): Promise<UpdateState> {
    if (this.current.status === 'disabled' || !this.deps.updater) return this.state();
    // A downloaded update stays ready; checking again would only download it twice.
    if (this.current.status === 'ready' || this.current.status === 'downloading' || this.current.status === 'checking') return this.state();
    try {
      await this.deps.updater.check();
    } catch {
      this.deps.log.warn('updates: check failed');
      this.update({ status: 'error', percent: null });
    }
    return this.state();
  }

  /** The user clicked "Restart to update". Nothing downloaded yet: nothing to do. */
  restartToUpdate(): UpdateState {
    if (this.current.status !== 'ready' || !this.deps.updater) return this.state();
    if (this.deps.isCallActive()) {
      if (!this.current.restartAfterCall) {
        this.update({ restartAfterCall: true });
        this.callTimer = this.timers.setInterval(() => this.callActivityChanged(this.deps.isCallActive()), this.deps.callPollMs ?? 5000);
      }
      return this.state();
    }
    this.install();
    return this.state();
  }

  /** Called when a call starts or ends (and by the poll while a restart waits). */
  callActivityChanged(active: boolean): void {
    if (!active && this.current.restartAfterCall && !this.deps.isCallActive()) this.install();
  }

  private install(): void {
    this.clearCallTimer();
    this.deps.log.info('updates: restarting into the downloaded version', { version: this.current.version });
    this.deps.prepareToQuit();
    this.deps.updater?.quitAndInstall();
  }

  private apply(view: SettingsView): void {
    const reason = this.deps.updater
      ? updateDisabledReason({ installKind: this.deps.installKind, autoUpdate: view.values.autoUpdate, autoUpdateLocked: view.locked.includes('autoUpdate') })
      : 'unsupported';
    // Nothing installs at quit unless updates are on (a download may already be waiting).
    this.deps.updater?.setInstallOnQuit(reason === null);
    if (reason) {
      this.stopTimers();
      if (this.current.status !== 'disabled' || this.current.disabledReason !== reason) {
        this.update({ status: 'disabled', disabledReason: reason, version: null, percent: null, restartAfterCall: false });
      }
      return;
    }
    // '' (cleared, or never set) goes back to the feed built into the release.
    const url = view.values.updateUrl;
    if (url !== this.feedUrl) {
      this.feedUrl = url;
      this.deps.updater!.setFeedUrl(url);
    }
    if (this.current.status === 'disabled') {
      this.update({ status: 'idle', disabledReason: null });
      this.checkTimer = this.timers.setInterval(() => void this.check(), this.deps.checkEveryMs ?? fourHours);
      void this.check();
    }
  }

  private update(change: Partial<UpdateState>): void {
    this.current = { ...this.current, ...change };
    this.deps.emit(this.state());
  }

  private clearCallTimer(): void {
    if (this.callTimer !== null) this.timers.clearInterval(this.callTimer);
    this.callTimer = null;
  }

  private stopTimers(): void {
    if (this.checkTimer !== null) this.timers.clearInterval(this.checkTimer);
    this.checkTimer = null;
    this.clearCallTimer();
  }
}
