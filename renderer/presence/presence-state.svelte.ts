/**
 * The renderer's view of presence, kept by main (PresenceTracker): loaded once, then updated by
 * `presence:changed` (which also carries changes made from the tray menu, idle time or calls).
 */
import type { PresenceView, UserStatus } from '../../contract/channels-tray.js';
import type { SoftphoneApi } from '../../contract/index.js';
import { call } from '../lib/bridge.js';

export class PresenceState {
  view = $state<PresenceView | null>(null);
  /** i18n key of the last failure, shown next to the picker. */
  error = $state<string | null>(null);
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly api: Pick<SoftphoneApi, 'presence'>) {}

  async load(): Promise<void> {
    this.unsubscribe ??= this.api.presence.onChanged((view) => (this.view = view));
    this.view = await call(this.api.presence.get());
  }

  async choose(status: UserStatus): Promise<void> {
    this.error = null;
    try {
      this.view = await call(this.api.presence.set({ status }));
    } catch {
      // Whatever the bridge's reason, what the user needs to know is the same.
      this.error = 'tray:picker.failed';
    }
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
