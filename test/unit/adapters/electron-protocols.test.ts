/** Protocol registration and macOS open-url against a stand-in for Electron's app. */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

const registered: unknown[][] = [];
const app = Object.assign(new EventEmitter(), {
  setAsDefaultProtocolClient: (...args: unknown[]) => (registered.push(args), true),
});
vi.mock('electron', () => ({ app }));
const { listenForOpenUrl, registerProtocolClients } = await import('../../../main/deeplinks/electron-protocols.js');

describe('protocol adapter', () => {
  it('registers acs-softphone, tel and callto (development builds with the app path)', () => {
    const defaultApp = process.defaultApp;
    Object.defineProperty(process, 'defaultApp', { value: false, configurable: true });
    registerProtocolClients();
    Object.defineProperty(process, 'defaultApp', { value: true, configurable: true });
    registerProtocolClients();
    Object.defineProperty(process, 'defaultApp', { value: defaultApp, configurable: true });
    expect(registered.slice(0, 3)).toEqual([['acs-softphone'], ['tel'], ['callto']]);
    expect(registered.slice(3).map((r) => [r[0], r[1], (r[2] as string[]).length])).toEqual([
      ['acs-softphone', process.execPath, 1],
      ['tel', process.execPath, 1],
      ['callto', process.execPath, 1],
    ]);
  });

  it('takes macOS open-url events and keeps macOS from handling them itself', () => {
    const urls: string[] = [];
    listenForOpenUrl((url) => urls.push(url));
    let prevented = false;
    app.emit('open-url', { preventDefault: () => (prevented = true) }, 'tel:+34600123456');
    expect(urls).toEqual(['tel:+34600123456']);
    expect(prevented).toBe(true);
  });
});
