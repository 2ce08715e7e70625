/**
 * The only way a URL leaves the app for the OS: https and mailto links the user clicked.
 * Everything else (file:, javascript:, smb:, custom handlers…) is refused, so untrusted text
 * such as a chat message cannot start a program.
 */
export const externalSchemes = new Set(['https:', 'mailto:']);

export function isSafeExternalUrl(raw: string): boolean {
  if (typeof raw !== 'string' || raw.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (!externalSchemes.has(url.protocol)) return false;
  if (url.protocol === 'https:' && (url.username || url.password || !url.hostname)) return false;
  return true;
}

export class ExternalLinkOpener {
  constructor(private readonly openInOs: (url: string) => Promise<void>) {}

  /** Returns whether the link was handed to the OS. */
  async open(raw: string): Promise<boolean> {
    if (!isSafeExternalUrl(raw)) return false;
    await this.openInOs(new URL(raw).href);
    return true;
  }
}
