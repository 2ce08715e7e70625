/**
 * Electron adapter: makes the app the handler of tel:, callto: and acs-softphone:, and listens
 * for links macOS opens with it. The installer registers the schemes too (electron-builder
 * `protocols`), which is what Windows' Default Apps and macOS Launch Services read; this call
 * keeps a per-user registration current (and makes development builds work).
 */
import { app } from 'electron';
import { resolve } from 'node:path';
import { appIdentity } from '../app/identity.js';

export const registeredSchemes = [appIdentity.protocol, 'tel', 'callto'] as const;

export function registerProtocolClients(): void {
  for (const scheme of registeredSchemes) {
    // `electron .` in development: the OS must start electron with the app's path first.
    const ok = process.defaultApp && process.argv[1]
      ? app.setAsDefaultProtocolClient(scheme, process.execPath, [resolve(process.argv[1])])
      : app.setAsDefaultProtocolClient(scheme);
    if (!ok) process.stderr.write(`${JSON.stringify({ level: 'warn', message: 'deeplinks: could not register scheme', fields: { scheme } })}\n`);
  }
}

/**
 * macOS hands links over with 'open-url', possibly before the app is ready: register at once
 * (before `whenReady`) and pass each URL on; the inbox queues it until the renderer listens.
 */
export function listenForOpenUrl(receive: (url: string) => void): void {
  app.on('open-url', (event, url) => {
    event.preventDefault();
    receive(url);
  });
}
