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
];
