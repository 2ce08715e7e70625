/**
 * The preload: exposes `window.softphone`, generated from the IPC contract, and nothing else.
 * Bundled as CommonJS because sandboxed preloads cannot be ES modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcResult } from '../contract/errors.js';
import { startupReads } from '../contract/startup-reads.js';
import { buildSoftphoneApi } from './build-api.js';

const api = buildSoftphoneApi({
  invoke: (channel, request) => ipcRenderer.invoke(channel, request) as Promise<IpcResult<unknown>>,
  subscribe: (channel, listener) => {
    const forward = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => ipcRenderer.removeListener(channel, forward);
  },
}, { prefetch: startupReads });

contextBridge.exposeInMainWorld('softphone', api);
