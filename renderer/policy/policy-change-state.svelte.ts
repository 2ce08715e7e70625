/**
 * Whether IT changed the managed settings since start-up (they apply only from the next start),
 * for the shell's restart banner: asked once, then kept current by `policy:changed`.
 */
import type { SoftphoneApi } from '../../contract/index.js';
import { call } from '../lib/bridge.js';

export class PolicyChangeState {
  restartNeeded = $state(false);

  constructor(private readonly policy: SoftphoneApi['policy']) {}

  /** Follows main's announcements; returns the function that stops following. */
  start(): () => void {
    return this.policy.onChanged((state) => (this.restartNeeded = state.restartNeeded));
  }

  /**
   * Never rejects: if main cannot say, the banner stays hidden (the next `policy:changed` still
   * brings it), since a failed read is no news to the user.
   */
  async load(): Promise<void> {
    try {
      // Main's answer only ever turns the banner on: a "no change" that was on its way when
      // policy:changed announced one is older news, not a reason to hide it.
      if ((await call(this.policy.getChangeState())).restartNeeded) this.restartNeeded = true;
    } catch {
      // Stays as it was.
    }
  }

  /** Rejects with main's refusal (e.g. during a call), for the banner to say why. */
  async restart(): Promise<void> {
    await call(this.policy.restartToApply());
  }
}
