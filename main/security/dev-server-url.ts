/**
 * ACS_SOFTPHONE_DEV_SERVER_URL points the window at Vite's dev server while developing. The
 * URL it names becomes the trusted origin (the full bridge, microphone and camera), so it is
 * honoured only in an unpackaged build, and only for plain http on this machine: a packaged
 * app, or a value naming any other host, loads the bundled renderer as always.
 */
import type { Logger } from '../app/logger.js';

const loopbackHosts = new Set(['localhost', '127.0.0.1']);

export function devServerUrlFrom(raw: string | undefined, context: { isPackaged: boolean; log: Logger }): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (context.isPackaged) {
    context.log.warn('dev server: ACS_SOFTPHONE_DEV_SERVER_URL ignored in a packaged app');
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    context.log.warn('dev server: ACS_SOFTPHONE_DEV_SERVER_URL ignored, not a URL');
    return undefined;
  }
  if (url.protocol !== 'http:' || !loopbackHosts.has(url.hostname) || url.username !== '' || url.password !== '') {
    context.log.warn('dev server: ACS_SOFTPHONE_DEV_SERVER_URL ignored, only http://localhost or http://127.0.0.1 is allowed');
    return undefined;
  }
  return url.href;
}
