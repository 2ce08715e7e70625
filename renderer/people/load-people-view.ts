/**
 * The People section loads on first use, not with the shell (like Settings and chat's
 * workspace): its search, lists and contacts are not needed to show the first screen.
 */
type PeopleViewComponent = typeof import('./PeopleView.svelte').default;

let loading: Promise<PeopleViewComponent> | null = null;

export function loadPeopleView(): Promise<PeopleViewComponent> {
  loading ??= import('./PeopleView.svelte').then((module) => module.default);
  // A failed load (e.g. the file went missing under an update) may be tried again.
  loading.catch(() => (loading = null));
  return loading;
}
