/**
 * The live channel to the organisation's service (presence, directory changes), as main keeps
 * it: asked once, then followed through `live:stateChanged`. For the status line.
 */
import type { LiveChannelState } from '../../contract/channels-people.js';
import { call } from '../lib/bridge.js';
import type { SoftphoneApi } from '../../contract/index.js';

export class LiveChannel {
  /** Null until main answered (or when it cannot: an older main, no bridge). */
  state = $state<LiveChannelState | null>(null);
  private unsubscribe: (() => void) | null = null;
  private loading: Promise<void> | null = null;

  constructor(private readonly api: Pick<SoftphoneApi, 'live'> | null) {}

  /** Starts following the state; safe to call again. */
  load(): Promise<void> {
    const api = this.api;
    if (!api) return Promise.resolve();
    let heard = false;
    this.unsubscribe ??= api.live.onStateChanged((state) => {
      heard = true;
      this.state = state;
    });
    this.loading ??= call(api.live.getState())
      .then((state) => {
        // An event that came while asking is newer than the answer.
        if (!heard) this.state = state;
      })
      .catch(() => {
        this.loading = null;
      });
    return this.loading;
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.loading = null;
  }
}
