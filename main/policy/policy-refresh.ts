/**
 * IT's settings while the app runs. The policy is read once at start-up and applied from then
 * on (the settings, the token service, the updater all read it early), so a change IT makes
 * later takes a restart. This looks at the policy sources again every so often and, when the
 * managed values differ from the ones the app started with, says so once: the user is asked to
 * restart, and the change is logged by setting name (never by value).
 */
import type { Settings } from '../../contract/settings.js';
import type { Logger } from '../app/logger.js';

/** How often the sources are read again: Windows applies Group Policy about every 90 minutes. */
export const policyRefreshMs = 30 * 60_000;

export interface PolicyRefreshDeps {
  /** The managed values the app started with. */
  initial: Partial<Settings>;
  /** Reads every source again (ManagedPolicy.load). */
  reload: () => Promise<{ values(): Partial<Settings> }>;
  /** Told once, when a change is first seen. */
  onChange: () => void;
  log: Logger;
}

export class PolicyRefresh {
  private changed = false;
  private checking: Promise<boolean> | null = null;

  constructor(private readonly deps: PolicyRefreshDeps) {}

  /** IT's settings differ from the ones the app started with: a restart applies them. */
  get restartNeeded(): boolean {
    return this.changed;
  }

  /** Reads the sources now; true when a restart is needed. One read at a time. */
  check(): Promise<boolean> {
    if (this.changed) return Promise.resolve(true);
    this.checking ??= this.read().finally(() => (this.checking = null));
    return this.checking;
  }

  /** Checks every `everyMs` until the returned function is called. */
  start(everyMs = policyRefreshMs): () => void {
    const timer = setInterval(() => void this.check(), everyMs);
    // A pending check must not keep the process alive on quit.
    timer.unref?.();
    return () => clearInterval(timer);
  }

  private async read(): Promise<boolean> {
    let now: Partial<Settings>;
    try {
      now = (await this.deps.reload()).values();
    } catch (error) {
      // ManagedPolicy.load reports rather than throws; should a reader throw anyway, the timer's
      // next check tries again, and the app carries on with the policy it started with.
      this.deps.log.warn('policy: could not read the policy again', { error: error instanceof Error ? error.name : typeof error });
      return false;
    }
    const settings = changedKeys(this.deps.initial, now);
    if (settings.length > 0 && !this.changed) {
      this.changed = true;
      this.deps.log.info('policy: managed settings changed, a restart applies them', { settings });
      this.deps.onChange();
    }
    return this.changed;
  }
}

/** The settings set, unset or set differently between two sets of managed values. */
export function changedKeys(before: Partial<Settings>, after: Partial<Settings>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof Settings>;
  return [...keys].filter((key) => !Object.is(before[key], after[key])).sort();
}
