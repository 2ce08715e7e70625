/** Electron adapter for the router: forwards ipcMain calls, sends events to app windows. */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { listChannels } from '../../contract/index.js';
import type { EventSink } from './event-emitter.js';
import type { IpcRouter } from './ipc-router.js';

export function connectRouterToIpcMain(router: IpcRouter): void {
  for (const { channel, def } of listChannels()) {
    if (def.kind !== 'invoke') continue;
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) =>
      router.dispatch(channel, payload, {
        frameUrl: event.senderFrame?.url,
        isTopFrame: event.senderFrame != null && event.senderFrame.parent === null,
      }),
    );
  }
}

export function windowEventSink(windows: () => BrowserWindow[]): EventSink {
  return {
    send(channel, payload) {
      for (const window of windows()) {
        if (!window.isDestroyed()) window.webContents.send(channel, payload);
      }
    },
  };
}
