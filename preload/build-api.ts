/**
 * Builds `window.softphone` from the contract over any transport. The Electron preload
 * passes ipcRenderer; the e2e test bridge passes a Playwright binding. Nothing outside the
 * contract is reachable, and listeners only ever receive the payload, never the IPC event.
 */
import type { SoftphoneApi } from '../contract/index.js';
import type { IpcResult } from '../contract/errors.js';
import { eventMethodName } from '../contract/channel-names.js';
import { channelList } from './channel-list.js';

export interface BridgeTransport {
  invoke(channel: string, request: unknown): Promise<IpcResult<unknown>>;
  /** Subscribes to an event channel; returns the function that unsubscribes. */
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

export function buildSoftphoneApi(transport: BridgeTransport): SoftphoneApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const { group, name, channel, kind } of channelList) {
    const target = (api[group] ??= {});
    if (kind === 'invoke') {
      target[name] = (request?: unknown) => transport.invoke(channel, request);
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
