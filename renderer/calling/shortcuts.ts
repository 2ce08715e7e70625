/** The calling keyboard shortcut: Ctrl+Shift+M (Cmd+Shift+M on macOS) mutes or unmutes. */
export function isMuteShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'm';
}

export const muteShortcutLabel = (platform: string): string => (platform === 'darwin' ? '⌘⇧M' : 'Ctrl+Shift+M');
