/**
 * The calling keyboard shortcuts, Ctrl+Shift (Cmd+Shift on macOS) and a letter, as in Teams:
 * M mutes or unmutes, S answers the ringing call, D declines it. They work from any view, so
 * a ringing call never needs the keyboard focus (which may be in the middle of a chat message).
 */
type Keys = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

const ctrlShift = (letter: string) => (event: Keys) =>
  (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === letter;

export const isMuteShortcut = ctrlShift('m');
export const isAnswerShortcut = ctrlShift('s');
export const isDeclineShortcut = ctrlShift('d');

/** How the shortcut is written for people. */
export const shortcutLabel = (platform: string, letter: string): string => (platform === 'darwin' ? `⌘⇧${letter}` : `Ctrl+Shift+${letter}`);
/** How it is written for aria-keyshortcuts. */
export const ariaShortcut = (platform: string, letter: string): string => `${platform === 'darwin' ? 'Meta' : 'Control'}+Shift+${letter}`;

export const muteShortcutLabel = (platform: string): string => shortcutLabel(platform, 'M');
