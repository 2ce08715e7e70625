/**
 * What the notifiers need from the OS, so they run in Node: the Electron adapter
 * (electron-notifications.ts) implements it with `Notification`, tests with a recorder.
 */
export type NotificationStyle =
  /** Windows: toast XML with protocol-activated buttons. */
  | 'windows-toast'
  /** macOS: Notification actions (buttons) and inline reply. */
  | 'mac-actions'
  /** Linux and anything else: title, body and click only. */
  | 'basic';

export interface NotificationSpec {
  /** What the notification is about, e.g. "call:<id>"; for logs and tests. */
  tag: string;
  title: string;
  body: string;
  /** Windows only; Electron then ignores the fields below. */
  toastXml?: string;
  /** macOS buttons, in order; the adapter reports the index of the one clicked. */
  actions?: string[];
  hasReply?: boolean;
  replyPlaceholder?: string;
  silent?: boolean;
  /** Keep on screen until acted on (ringing calls). */
  persistent?: boolean;
}

export interface NotificationHandlers {
  click(): void;
  action(index: number): void;
  reply(text: string): void;
  /** The OS refused or failed to show it (Windows reports this; e.g. Focus Assist is not one). */
  failed(): void;
}

export interface LiveNotification {
  close(): void;
}

export interface NotificationPlatform {
  readonly style: NotificationStyle;
  /** False when the OS has notifications off for the app or does not offer them. */
  isSupported(): boolean;
  show(spec: NotificationSpec, handlers: NotificationHandlers): LiveNotification;
}

/** The main window, as notifications need it. */
export interface WindowAttention {
  isFocused(): boolean;
  /** Brings the window up (un-hides, restores, focuses). */
  show(): void;
  /** When a notification cannot be shown: show the window and flash it / bounce the dock. */
  requestAttention(): void;
}
