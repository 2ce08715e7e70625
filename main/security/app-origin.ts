/**
 * What counts as "the app's own frame". The renderer is loaded from file:// in a packaged app
 * (the Calling SDK accepts only https, file: or localhost) and from the Vite dev server on
 * localhost while developing; anything else — a remote page, an iframe — is foreign.
 */
import type { SenderInfo } from '../ipc/ipc-router.js';

export class AppOrigin {
  /** @param rendererUrl the URL of the renderer's index.html (file:///…/index.html or http://localhost:port/). */
  constructor(readonly rendererUrl: string) {}

  /** Directory-level prefix every URL of the app starts with. */
  get prefix(): string {
    const url = new URL(this.rendererUrl);
    if (url.protocol === 'file:') return withUpperCaseDrive(new URL('.', url).href);
    return `${url.origin}/`;
  }

  owns(url: string | undefined): boolean {
    if (!url) return false;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    // Normalise ("..", "%2e%2e") before comparing so a path cannot climb out of the app folder.
    return withUpperCaseDrive(parsed.href).startsWith(this.prefix);
  }

  isTrustedSender = (sender: SenderInfo): boolean => sender.isTopFrame && this.owns(sender.frameUrl);
}

/**
 * Chromium reports a Windows file URL with an upper-case drive letter (file:///C:/…) while the
 * path main starts from may have a lower-case one (c:\…): the same file either way, so both
 * sides are compared with the drive letter upper-cased. Nothing else in the path changes case.
 */
function withUpperCaseDrive(href: string): string {
  return href.replace(/^file:\/\/\/([a-z]):/, (_match, drive: string) => `file:///${drive.toUpperCase()}:`);
}
