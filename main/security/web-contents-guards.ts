/**
 * Guards every web contents the app creates: no navigation away from the app, no new windows
 * (an https link the user clicked opens in the browser instead), no <webview>. Written against
 * the few WebContents members it needs so tests can drive it without Electron.
 */
import type { AppOrigin } from './app-origin.js';
import type { ExternalLinkOpener } from './external-links.js';

export interface PreventableEvent {
  preventDefault(): void;
}

export interface GuardableWebContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export function guardWebContents(contents: GuardableWebContents, origin: AppOrigin, links: ExternalLinkOpener): void {
  const stayInApp = (event: PreventableEvent, url: string) => {
    if (!origin.owns(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void links.open(url);
    return { action: 'deny' };
  });
}

/** Guards every web contents the app will create (windows, and anything a page might open). */
export function guardEveryWebContents(
  app: { on(event: 'web-contents-created', listener: (event: unknown, contents: GuardableWebContents) => void): unknown },
  origin: AppOrigin,
  links: ExternalLinkOpener,
): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, origin, links));
}

/**
 * Confines file:// requests to the renderer's own folder: with the renderer loaded from
 * file:, this stops a compromised page from reading other files on disk.
 */
export function isAllowedFileRequest(origin: AppOrigin, url: string): boolean {
  return !url.startsWith('file:') || origin.owns(url);
}
