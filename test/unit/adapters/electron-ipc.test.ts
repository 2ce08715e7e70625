/**
 * The IPC adapter against a stand-in for ipcMain: every invoke channel is forwarded to the
 * router with the sender frame's URL and whether it is the top frame; an iframe, a frame that
 * is gone, or a foreign page is refused by the router. Events go to live windows only.
 */
import { describe, expect, it, vi } from 'vitest';
import { listChannels } from '../../../contract/index.js';
import { IpcRouter } from '../../../main/ipc/ipc-router.js';
import { AppOrigin } from '../../../main/security/app-origin.js';
import { recordingLogger } from '../../fixtures/recorders.js';

type InvokeListener = (event: { senderFrame: { url: string; parent: unknown } | null }, payload: unknown) => Promise<unknown>;
const handled = new Map<string, InvokeListener>();
vi.mock('electron', () => ({ ipcMain: { handle: (channel: string, listener: InvokeListener) => handled.set(channel, listener) } }));
const { connectRouterToIpcMain, windowEventSink } = await import('../../../main/ipc/electron-ipc.js');

const appUrl = 'file:///C:/Program%20Files/ACS%20Softphone/resources/app.asar/dist/renderer/index.html';

function connected() {
  handled.clear();
  const router = new IpcRouter(new AppOrigin(appUrl).isTrustedSender, recordingLogger().log);
  router.handle('app:getInfo', () => ({ name: 'ACS Softphone', version: '1', platform: 'win32' as const, electron: '45', chrome: '144' }));
  connectRouterToIpcMain(router);
  return (event: Parameters<InvokeListener>[0]) => handled.get('app:getInfo')!(event, undefined);
}

describe('Electron IPC adapter', () => {
  it('handles every invoke channel of the contract, and no event channel', () => {
    connected();
    const invokes = listChannels().filter((c) => c.def.kind === 'invoke').map((c) => c.channel);
    expect([...handled.keys()].sort()).toEqual(invokes.sort());
    expect(handled.has('settings:changed')).toBe(false);
  });

  it('answers the app top frame', async () => {
    const invoke = connected();
    expect(await invoke({ senderFrame: { url: appUrl, parent: null } })).toMatchObject({ ok: true });
  });

  it('refuses the app page inside an iframe, since its frame has a parent', async () => {
    const invoke = connected();
    expect(await invoke({ senderFrame: { url: appUrl, parent: { url: 'https://evil.example/' } } })).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('refuses when the sender frame is already gone (navigated or destroyed)', async () => {
    const invoke = connected();
    expect(await invoke({ senderFrame: null })).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('refuses a foreign top frame', async () => {
    const invoke = connected();
    expect(await invoke({ senderFrame: { url: 'file:///C:/Users/ada/Downloads/evil.html', parent: null } })).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('sends events only to windows that still exist', () => {
    const sent: string[] = [];
    const window = (name: string, destroyed: boolean) => ({ isDestroyed: () => destroyed, webContents: { send: (channel: string) => sent.push(`${name}:${channel}`) } });
    windowEventSink(() => [window('a', false), window('b', true)] as never).send('settings:changed', {});
    expect(sent).toEqual(['a:settings:changed']);
  });
});
