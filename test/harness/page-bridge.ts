/**
 * Runs inside the test page before the app: builds `window.softphone` with the app's own
 * builder (preload/build-api.ts), over a DevTools binding — the harness page's direct one
 * (direct-bridge.ts) or Playwright's — or, for the start-up benchmark, same-origin HTTP, instead
 * of ipcRenderer.
 */
import { buildSoftphoneApi } from '../../preload/build-api.js';
import type { IpcResult } from '../../contract/errors.js';
import { startupReads } from '../../contract/startup-reads.js';

/** A Content-Security-Policy violation as the page reported it. */
export interface CspViolation {
  directive: string;
  blocked: string;
  file: string;
  line: number;
  column: number;
}

declare global {
  interface Window {
    __softphoneInvoke(channel: string, request: unknown): Promise<IpcResult<unknown>>;
    __softphoneEmit(channel: string, payload: unknown): void;
    /** Every CSP violation since the page started (Chromium does not log them all to the console). */
    __cspViolations: CspViolation[];
    /** Set by the harness for the start-up benchmark: invoke over same-origin HTTP (see harness.ts). */
    __softphoneHttpBridge?: string;
    /** The harness page's raw DevTools binding (direct-bridge.ts): a JSON `{ seq, channel, request }`. */
    __softphoneDirectInvoke?: (payload: string) => void;
    /** Where direct-bridge.ts delivers the answer to call `seq`. */
    __softphoneDirectReply?: (seq: number, result: IpcResult<unknown>) => void;
  }
}

const httpInvoke = (path: string) => (channel: string, request: unknown) =>
  fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel, request }) }).then(
    (response) => response.json() as Promise<IpcResult<unknown>>,
  );

window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, file: e.sourceFile, line: e.lineNumber, column: e.columnNumber }),
);

/** Calls over the direct binding, each answered by main through `__softphoneDirectReply`. */
const directInvoke = (send: (payload: string) => void) => {
  const waiting = new Map<number, (result: IpcResult<unknown>) => void>();
  let last = 0;
  window.__softphoneDirectReply = (seq, result) => {
    waiting.get(seq)?.(result);
    waiting.delete(seq);
  };
  return (channel: string, request: unknown) =>
    new Promise<IpcResult<unknown>>((resolve) => {
      const seq = ++last;
      waiting.set(seq, resolve);
      send(JSON.stringify({ seq, channel, request }));
    });
};

const listeners = new Map<string, Set<(payload: unknown) => void>>();
window.__softphoneEmit = (channel, payload) => listeners.get(channel)?.forEach((listener) => listener(payload));

// Not in the harness page's first document, about:blank, which runs this too before it navigates
// to the app: nothing there would use the API, and its early reads would only be refused by main
// while the measured navigation starts.
if (window.top === window && location.href !== 'about:blank') {
  Object.defineProperty(window, 'softphone', {
    value: buildSoftphoneApi({
      invoke: window.__softphoneHttpBridge
        ? httpInvoke(window.__softphoneHttpBridge)
        : window.__softphoneDirectInvoke
          ? directInvoke(window.__softphoneDirectInvoke)
          : (channel, request) => window.__softphoneInvoke(channel, request),
      subscribe: (channel, listener) => {
        const set = listeners.get(channel) ?? new Set();
        listeners.set(channel, set);
        set.add(listener);
        return () => set.delete(listener);
      },
    }, { prefetch: startupReads }),
    writable: false,
    configurable: false,
  });
}
