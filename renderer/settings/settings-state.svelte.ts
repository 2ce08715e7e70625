/**
 * The renderer's copy of the settings, kept in step with main: loaded once, then updated by
 * `settings:changed` events (also from changes main makes itself, e.g. policy).
 */
import type { SettingsPatch, SettingsView } from '../../contract/settings.js';
import type { SoftphoneApi } from '../../contract/index.js';
import { call } from '../lib/bridge.js';

export class SettingsState {
  view = $state<SettingsView | null>(null);
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly api: SoftphoneApi) {}

  async load(): Promise<void> {
    this.unsubscribe ??= this.api.settings.onChanged((view) => (this.view = view));
    this.view = await call(this.api.settings.get());
  }

  async update(patch: SettingsPatch): Promise<void> {
    this.view = await call(this.api.settings.set(patch));
  }

  isLocked(key: keyof SettingsView['values']): boolean {
    return this.view?.locked.includes(key) ?? false;
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
