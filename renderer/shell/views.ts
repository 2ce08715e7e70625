/** The shell's sections, in navigation order. */
export const views = ['calls', 'people', 'chat', 'settings'] as const;
export type View = (typeof views)[number];

/**
 * Ctrl/Cmd + this digit jumps to each section. People came after the first three, which keep
 * the digits users (and their habits) already know.
 */
export const shortcutDigits: Record<View, string> = { calls: '1', chat: '2', settings: '3', people: '4' };

/** The view a keyboard shortcut selects, or null when the key is not one of ours. */
export function viewForShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): View | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return null;
  return views.find((view) => shortcutDigits[view] === event.key) ?? null;
}
