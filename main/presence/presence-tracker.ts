/**
 * The user's presence. The user chooses a status (persisted across restarts); on top of it the
 * app sets two automatic ones: "In a call" while a call is up, and Away while the user is idle
 * or the screen is locked — both undone by themselves when the cause goes away.
 *
 * Precedence, strongest first: Appear offline and Do not disturb (the user asked for them; a
 * call or idleness must not reveal or override them), In a call, automatic Away (only over
 * Available and Busy: Be right back and Away already say the user is not there).
 */
import type { PresenceReason, PresenceStatus, PresenceView, UserStatus } from '../../contract/channels-tray.js';
import { userStatuses } from '../../contract/channels-tray.js';

export interface PresencePersistence {
  load(): unknown;
  save(status: UserStatus): void;
}

const sticky: ReadonlySet<UserStatus> = new Set(['appearOffline', 'doNotDisturb']);
const becomesAwayWhenIdle: ReadonlySet<UserStatus> = new Set(['available', 'busy']);

export function presenceOf(chosen: UserStatus, inCall: boolean, idle: boolean, locked: boolean): PresenceView {
  if (sticky.has(chosen)) return { status: chosen, chosen, reason: null };
  if (inCall) return { status: 'inACall', chosen, reason: 'inCall' };
  if (becomesAwayWhenIdle.has(chosen) && (locked || idle)) return { status: 'away', chosen, reason: locked ? 'locked' : 'idle' };
  return { status: chosen, chosen, reason: null };
}

export class PresenceTracker {
  private chosen: UserStatus;
  private inCall = false;
  private idle = false;
  private locked = false;
  private last: PresenceView;
  private readonly listeners = new Set<(view: PresenceView) => void>();

  constructor(private readonly persistence: PresencePersistence) {
    const saved = persistence.load();
    // A damaged or unknown saved value falls back to Available rather than failing start-up.
    this.chosen = (userStatuses as readonly unknown[]).includes(saved) ? (saved as UserStatus) : 'available';
    this.last = this.view();
  }

  view(): PresenceView {
    return presenceOf(this.chosen, this.inCall, this.idle, this.locked);
  }

  get status(): PresenceStatus {
    return this.view().status;
  }

  get reason(): PresenceReason {
    return this.view().reason;
  }

  get isInCall(): boolean {
    return this.inCall;
  }

  choose(status: UserStatus): PresenceView {
    this.chosen = status;
    this.persistence.save(status);
    return this.changed();
  }

  setInCall(inCall: boolean): PresenceView {
    this.inCall = inCall;
    return this.changed();
  }

  setIdle(idle: boolean): PresenceView {
    this.idle = idle;
    return this.changed();
  }

  setLocked(locked: boolean): PresenceView {
    this.locked = locked;
    // Unlocking means the user is back: whatever idle time the OS counted no longer applies.
    if (!locked) this.idle = false;
    return this.changed();
  }

  onChange(listener: (view: PresenceView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): PresenceView {
    const next = this.view();
    const same = next.status === this.last.status && next.chosen === this.last.chosen && next.reason === this.last.reason;
    this.last = next;
    if (!same) for (const listener of this.listeners) listener(next);
    return next;
  }
}
