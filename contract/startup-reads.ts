/**
 * What the renderer reads from main before it can show the shell. The bridge asks for these as
 * soon as it is built (in the preload, before the page's scripts have even loaded), so main
 * answers while the window downloads and compiles its code instead of after. Each is a read with
 * no request; `invalidatedBy` is the event that makes an early answer stale: if it fires before
 * the renderer takes the answer, the renderer asks again. Zod-free: the preload imports it.
 */
export interface StartupRead {
  /** An invoke channel that takes no request ("group:name"). */
  channel: string;
  /** The event channel that announces a change to what it answers, if it can change. */
  invalidatedBy?: string;
}

export const startupReads: readonly StartupRead[] = [
  { channel: 'app:getInfo' },
  { channel: 'app:getStartupNotices' },
  { channel: 'locale:get', invalidatedBy: 'locale:changed' },
  { channel: 'settings:get', invalidatedBy: 'settings:changed' },
  { channel: 'auth:getState', invalidatedBy: 'auth:stateChanged' },
  // What the first screen shows besides: the Calls view's history, the status area's presence,
  // an update banner, whether the window is in front. Answered here, they are on the first paint
  // instead of arriving one by one after it, each redrawing the screen.
  { channel: 'calls:historyList', invalidatedBy: 'calls:historyChanged' },
  { channel: 'calls:historyRecoveryNotice' },
  { channel: 'presence:get', invalidatedBy: 'presence:changed' },
  { channel: 'updates:getState', invalidatedBy: 'updates:stateChanged' },
  { channel: 'tray:windowState', invalidatedBy: 'tray:windowStateChanged' },
  // The status line's live channel to the organisation's service.
  { channel: 'live:getState', invalidatedBy: 'live:stateChanged' },
];
