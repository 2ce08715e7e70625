/**
 * Whether IT changed the managed settings since start-up (they apply only from the next start),
 * for the shell's restart banner: asked once, then kept current by `policy:changed`.
 */
import type { SoftphoneApi } from '../../contract/index.js';
import { call } from '../lib/bridge.js';

export class PolicyChangeState {
  restartNeeded = $state(false);
  /** Set once main has said something newer than an answer still on its way. */
  private heardEvent = false;

  constructor(private readonly policy: SoftphoneApi['policy']) {}

  /** Follows main's announcements; returns the function that stops following. */
  start(): () => void {
    return this.policy.onChanged((state) => {
      this.heardEvent = true;
      this.restartNeeded = state.restartNeeded;
    });
  }

  /**
   * Never rejects: if main cannot say, the banner stays hidden (the next `policy:changed` still
   * brings it), since a failed read is no news to the user.
   */
  async load(): Promise<void> {
    try {
      const state = await call(this.policy.getChangeState());
      if (!this.heardEvent) this.restartNeeded = state.restartNeeded;
    } catch {
      // Stays as it was.
    }
  }

  /** Rejects with main's refusal (e.g. during a call), for the banner to say why. */
  async restart(): Promise<void> {
    await call(this.policy.restartToApply());
  }
}
