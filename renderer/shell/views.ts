/** The shell's sections, in navigation order; Ctrl/Cmd + 1…3 jump to them. */
export const views = ['calls', 'chat', 'settings'] as const;
export type View = (typeof views)[number];

/** The view a keyboard shortcut selects, or null when the key is not one of ours. */
export function viewForShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): View | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return null;
  const index = Number.parseInt(event.key, 10) - 1;
  return views[index] ?? null;
}
