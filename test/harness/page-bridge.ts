/**
 * Runs inside the test page before the app: builds `window.softphone` with the app's own
 * builder (preload/build-api.ts), over Playwright bindings instead of ipcRenderer.
 */
import { buildSoftphoneApi } from '../../preload/build-api.js';
import type { IpcResult } from '../../contract/errors.js';

declare global {
  interface Window {
    __softphoneInvoke(channel: string, request: unknown): Promise<IpcResult<unknown>>;
    __softphoneEmit(channel: string, payload: unknown): void;
  }
}

const listeners = new Map<string, Set<(payload: unknown) => void>>();
window.__softphoneEmit = (channel, payload) => listeners.get(channel)?.forEach((listener) => listener(payload));

if (window.top === window) {
  Object.defineProperty(window, 'softphone', {
    value: buildSoftphoneApi({
      invoke: (channel, request) => window.__softphoneInvoke(channel, request),
      subscribe: (channel, listener) => {
        const set = listeners.get(channel) ?? new Set();
        listeners.set(channel, set);
        set.add(listener);
        return () => set.delete(listener);
      },
    }),
    writable: false,
    configurable: false,
  });
}
