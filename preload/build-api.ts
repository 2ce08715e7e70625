/**
 * Builds `window.softphone` from the contract over any transport. The Electron preload
 * passes ipcRenderer; the e2e test bridge passes a Playwright binding. Nothing outside the
 * contract is reachable, and listeners only ever receive the payload, never the IPC event.
 */
import type { SoftphoneApi } from '../contract/index.js';
import type { IpcResult } from '../contract/errors.js';
import { eventMethodName } from '../contract/channel-names.js';
import type { StartupRead } from '../contract/startup-reads.js';
import { channelList } from './channel-list.js';
import { prefetchReads } from './prefetch.js';

export interface BridgeTransport {
  invoke(channel: string, request: unknown): Promise<IpcResult<unknown>>;
  /** Subscribes to an event channel; returns the function that unsubscribes. */
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

export interface BuildOptions {
  /** Reads to ask main for now, before the page asks (the shipped preload passes startupReads). */
  prefetch?: readonly StartupRead[];
}

export function buildSoftphoneApi(transport: BridgeTransport, options: BuildOptions = {}): SoftphoneApi {
  const prefetched = options.prefetch ? prefetchReads(transport, options.prefetch) : null;
  const api: Record<string, Record<string, unknown>> = {};
  for (const { group, name, channel, kind } of channelList) {
    const target = (api[group] ??= {});
    if (kind === 'invoke') {
      target[name] = (request?: unknown) => {
        const early = request === undefined ? prefetched?.take(channel) : undefined;
        if (!early) return transport.invoke(channel, request);
        const live = () => transport.invoke(channel, request);
        return early.then((result) => (result.ok ? result : live()), live);
      };
    } else {
      target[eventMethodName(name)] = (listener: unknown) => {
        if (typeof listener !== 'function') throw new TypeError(`${channel}: listener must be a function`);
        let active = true;
        const off = transport.subscribe(channel, (payload) => {
          if (active) (listener as (p: unknown) => void)(payload);
        });
        return () => {
          if (!active) return;
          active = false;
          off();
        };
      };
    }
  }
  for (const group of Object.values(api)) Object.freeze(group);
  return Object.freeze(api) as unknown as SoftphoneApi;
}
