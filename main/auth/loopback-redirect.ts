/**
 * The loopback redirect of RFC 8252 §7.3: a one-shot HTTP listener on 127.0.0.1 and a random
 * port that receives the browser's redirect after the user signs in at their organisation.
 * It accepts exactly one well-formed answer carrying the state it expects; an error from the
 * provider, a foreign state, a timeout or a cancel ends the wait with a typed failure.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Timers } from './clock.js';
import { systemTimers } from './clock.js';

export type LoopbackFailure = 'denied' | 'provider-error' | 'state-mismatch' | 'missing-code' | 'timeout' | 'cancelled';

export class LoopbackRedirectError extends Error {
  constructor(readonly kind: LoopbackFailure) {
    super(`loopback redirect: ${kind}`);
    this.name = 'LoopbackRedirectError';
  }
}

export interface LoopbackPages {
  /** HTML shown in the browser once the app has what it needs. */
  success: string;
  /** HTML shown in the browser when sign-in did not work. */
  failure: string;
}

export interface LoopbackRedirectOptions {
  expectedState: string;
  timeoutMs: number;
  pages: LoopbackPages;
  signal?: AbortSignal;
  timers?: Timers;
}

export interface LoopbackRedirect {
  /** http://127.0.0.1:<port>/callback — register `http://127.0.0.1/callback` at the provider. */
  redirectUri: string;
  /** The full redirect URL (with code and state), or a LoopbackRedirectError. */
  result: Promise<URL>;
  close(): void;
}

const callbackPath = '/callback';

export async function startLoopbackRedirect(options: LoopbackRedirectOptions): Promise<LoopbackRedirect> {
  const timers = options.timers ?? systemTimers;
  let settle: { resolve: (url: URL) => void; reject: (error: LoopbackRedirectError) => void } | null = null;
  const result = new Promise<URL>((resolve, reject) => (settle = { resolve, reject }));
  // A caller that gives up early must not leave an unhandled rejection behind.
  result.catch(() => undefined);

  const server = createServer((request, response) => onRequest(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const redirectUri = `http://127.0.0.1:${port}${callbackPath}`;

  const timer = timers.setTimeout(() => finish(new LoopbackRedirectError('timeout')), options.timeoutMs);
  const onAbort = () => finish(new LoopbackRedirectError('cancelled'));
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  function finish(outcome: URL | LoopbackRedirectError): void {
    if (!settle) return;
    const { resolve, reject } = settle;
    settle = null;
    timers.clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (outcome instanceof URL) resolve(outcome);
    else reject(outcome);
    // Let the page that is being answered finish, then stop listening.
    server.close();
    setImmediate(() => server.closeAllConnections());
  }

  function page(response: ServerResponse, status: number, html: string): void {
    response.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      'referrer-policy': 'no-referrer',
      connection: 'close',
    });
    response.end(html);
  }

  function onRequest(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', redirectUri);
    if (request.method !== 'GET' || url.pathname !== callbackPath || !settle) {
      // Favicons, probes, a second redirect: not ours to act on.
      response.writeHead(404, { connection: 'close' }).end();
      return;
    }
    const params = url.searchParams;
    let failure: LoopbackFailure | null = null;
    if (params.get('state') !== options.expectedState) failure = 'state-mismatch';
    else if (params.has('error')) failure = params.get('error') === 'access_denied' ? 'denied' : 'provider-error';
    else if (!params.get('code')) failure = 'missing-code';
    page(response, failure ? 400 : 200, failure ? options.pages.failure : options.pages.success);
    finish(failure ? new LoopbackRedirectError(failure) : url);
  }

  return { redirectUri, result, close: () => finish(new LoopbackRedirectError('cancelled')) };
}
