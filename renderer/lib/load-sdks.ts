/**
 * The ACS SDKs are large (the Calling SDK alone is about 1.7 MB gzip), so they are never in the
 * initial bundle: they are fetched once the shell has painted, while the user reads the
 * screen, and the features that need them await these promises.
 */
import { whenIdleAfterPaint } from './after-paint.js';

type CallingModule = typeof import('@azure/communication-calling');
type ChatModule = typeof import('@azure/communication-chat');

let calling: Promise<CallingModule> | null = null;
let chat: Promise<ChatModule> | null = null;

export const loadCallingSdk = (): Promise<CallingModule> => (calling ??= import('@azure/communication-calling'));
export const loadChatSdk = (): Promise<ChatModule> => (chat ??= import('@azure/communication-chat'));

/**
 * Starts both downloads after the next paint, when the browser is idle. The 'sdks-warm'
 * performance mark says both have loaded (or failed): tests wait for it before asserting that
 * loading the SDKs broke no Content-Security-Policy rule.
 */
export function warmUpSdksAfterPaint(): void {
  whenIdleAfterPaint(() => {
    void Promise.allSettled([
      loadCallingSdk().catch(() => (calling = null)),
      loadChatSdk().catch(() => (chat = null)),
    ]).then(() => performance.mark('sdks-warm'));
  });
}
