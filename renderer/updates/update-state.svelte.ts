/**
 * The renderer's view of self-update, shared by the banner in the shell and the Updates
 * section in Settings: loaded once, then kept current by `updates:stateChanged`.
 */
import type { UpdateState } from '../../contract/channels-updates.js';
import type { SoftphoneApi } from '../../contract/index.js';
import { call } from '../lib/bridge.js';

export class UpdatesState {
  state = $state<UpdateState | null>(null);
  private unsubscribe: (() => void) | null = null;
  private loading: Promise<void> | null = null;

  constructor(private readonly api: Pick<SoftphoneApi, 'updates'> | undefined) {}

  /** Safe to call from every component that shows updates; loads once. */
  load(): Promise<void> {
    const updates = this.api?.updates;
    if (!updates) return Promise.resolve();
    this.unsubscribe ??= updates.onStateChanged((state) => (this.state = state));
    this.loading ??= call(updates.getState()).then((state) => {
      this.state ??= state;
    });
    return this.loading;
  }

  async check(): Promise<void> {
    if (this.api?.updates) this.state = await call(this.api.updates.check());
  }

  async restart(): Promise<void> {
    if (this.api?.updates) this.state = await call(this.api.updates.restartToUpdate());
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.loading = null;
  }
}

let shared: UpdatesState | null = null;
export function sharedUpdates(): UpdatesState {
  shared ??= new UpdatesState(window.softphone);
  return shared;
}
