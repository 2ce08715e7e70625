/**
 * Saving from one settings section: the change goes to main, and the section shows what went
 * wrong, in the user's language, until the next attempt (or a check of its own sets `error`).
 */
import type { SettingsPatch } from '../../contract/settings.js';
import { failureText } from '../lib/failure-text.js';
import type { SettingsState } from './settings-state.svelte.js';

export class SettingsForm {
  error = $state<string | null>(null);

  /** `settings` is read at each save: a component passes its prop, which may be replaced. */
  constructor(private readonly settings: () => SettingsState) {}

  /** Runs what the user asked for in this section (a save, an update check); its failure becomes `error`. */
  async run(action: () => Promise<unknown>): Promise<void> {
    this.error = null;
    this.error = await failureText(action);
  }

  save(patch: SettingsPatch): Promise<void> {
    return this.run(() => this.settings().update(patch));
  }
}
