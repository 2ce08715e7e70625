/**
 * The Settings view is loaded on first use, not with the shell: it is the only part of the
 * renderer that validates input with the contract's zod schemas, and zod would otherwise be
 * about a third of the first bundle. The shell warms it up after first paint, so opening
 * Settings does not wait on it.
 */
type SettingsViewComponent = typeof import('./SettingsView.svelte').default;

let loading: Promise<SettingsViewComponent> | null = null;

export function loadSettingsView(): Promise<SettingsViewComponent> {
  loading ??= import('./SettingsView.svelte').then((module) => module.default);
  // A failed load (e.g. the file went missing under an update) may be tried again.
  loading.catch(() => (loading = null));
  return loading;
}
