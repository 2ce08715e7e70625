/**
 * The desktop side of the token service's HTTP API (see token-service/README.md): POST /token
 * and POST /sign-out. Every reply is checked before use; every failure becomes a
 * TokenServiceError whose kind says whether trying again can help and which message to show.
 */
import { z } from 'zod';
import type { Clock, Timers } from './clock.js';
import type { IssuedToken } from './session.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type TokenServiceFailure =
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'rate-limited'
  | 'unavailable'
  | 'server-error'
  | 'bad-request'
  | 'not-found'
  | 'bad-response'
  | 'expired-token'
  | 'aborted';

/** Failures that only a new sign-in can fix: retrying with the same credential is pointless. */
const needsSignIn = new Set<TokenServiceFailure>(['unauthorized', 'forbidden']);

export class TokenServiceError extends Error {
  constructor(
    readonly kind: TokenServiceFailure,
    /** From Retry-After, when the service sent one. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(`token service: ${kind}`);
    this.name = 'TokenServiceError';
  }

  get needsSignIn(): boolean {
    return needsSignIn.has(this.kind);
  }

  /** The i18n key that explains this failure (locales/<lang>/auth.json, "reasons"). */
  get reasonKey(): string {
    return `auth:reasons.${this.kind.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase())}`;
  }
}

/** Replies larger than this are not a token; reading them would only cost memory. */
const maxReplyBytes = 64 * 1024;
/** Retry-After beyond this is treated as this: the user should not wait hours for a retry. */
const maxRetryAfterMs = 15 * 60_000;

const httpUrl = z.string().max(2048).refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
});

const tokenReplySchema = z.object({
  token: z.string().min(1).max(16_384),
  expiresOn: z.string().max(64).refine((value) => Number.isFinite(Date.parse(value))),
  communicationUserId: z.string().min(1).max(512),
  acsEndpoint: httpUrl,
  // Optional: services older than the display name do not send it.
  displayName: z.string().max(256).optional(),
});

/** A name is shown as text; control characters and bidi overrides (spoofing) are dropped. */
const cleanName = (name: string | undefined) => (name ?? '').replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu, '').trim();

/**
 * How long one request to the token service may take. Longer than the service's own budget for
 * waiting on ACS (ACS_TIMEOUT_MS, 10 s by default, shared by every ACS call of one request), so a
 * slow ACS reaches the user as the service's 503 with Retry-After rather than as our timeout.
 */
export const defaultRequestTimeoutMs = 20_000;

export interface TokenServiceClientOptions {
  fetch: FetchLike;
  clock: Clock;
  timers: Timers;
  /** How long one request may take before it is abandoned. */
  timeoutMs: number;
}

export class TokenServiceClient {
  constructor(private readonly options: TokenServiceClientOptions) {}

  /** POST /token with the given Authorization header value. */
  requestToken(serviceUrl: string, authorization: string, signal?: AbortSignal): Promise<IssuedToken> {
    return this.post(serviceUrl, 'token', authorization, signal, async (response) => {
      if (!response.ok) throw failureOf(response, this.options.clock);
      const text = await readBounded(response);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new TokenServiceError('bad-response');
      }
      const parsed = tokenReplySchema.safeParse(json);
      if (!parsed.success) throw new TokenServiceError('bad-response');
      const expiresOn = Date.parse(parsed.data.expiresOn);
      if (expiresOn <= this.options.clock.now()) throw new TokenServiceError('expired-token');
      return {
        token: parsed.data.token,
        expiresOn,
        communicationUserId: parsed.data.communicationUserId,
        acsEndpoint: parsed.data.acsEndpoint,
        displayName: cleanName(parsed.data.displayName),
        obtainedAt: this.options.clock.now(),
      };
    });
  }

  /** POST /sign-out: asks the service to revoke the user's ACS tokens. */
  signOut(serviceUrl: string, authorization: string, signal?: AbortSignal): Promise<void> {
    return this.post(serviceUrl, 'sign-out', authorization, signal, async (response) => {
      if (!response.ok) throw failureOf(response, this.options.clock);
      await response.body?.cancel().catch(() => undefined);
    });
  }

  /**
   * One request, from sending to reading the whole reply, under one timeout: a service that
   * answers headers and then stalls the body is as slow as one that never answers.
   */
  private async post<T>(
    serviceUrl: string,
    path: string,
    authorization: string,
    signal: AbortSignal | undefined,
    consume: (response: Response) => Promise<T>,
  ): Promise<T> {
    const url = new URL(path, serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`).href;
    const controller = new AbortController();
    let timedOut = false;
    const timer = this.options.timers.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    const onAbort = () => controller.abort();
    if (signal?.aborted) controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      let response: Response;
      try {
        response = await this.options.fetch(url, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
          body: '{}',
          signal: controller.signal,
          redirect: 'error',
        });
      } catch {
        throw new TokenServiceError('unreachable');
      }
      return await consume(response);
    } catch (error) {
      if (timedOut) throw new TokenServiceError('timeout');
      if (signal?.aborted) throw new TokenServiceError('aborted');
      throw error instanceof TokenServiceError ? error : new TokenServiceError('unreachable');
    } finally {
      this.options.timers.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

function failureOf(response: Response, clock: Clock): TokenServiceError {
  void response.body?.cancel().catch(() => undefined);
  const retryAfter = retryAfterMs(response.headers.get('retry-after'), clock);
  switch (response.status) {
    case 400:
      return new TokenServiceError('bad-request');
    case 401:
      return new TokenServiceError('unauthorized');
    case 403:
      return new TokenServiceError('forbidden');
    case 404:
      return new TokenServiceError('not-found');
    case 429:
      return new TokenServiceError('rate-limited', retryAfter);
    case 502:
    case 503:
    case 504:
      return new TokenServiceError('unavailable', retryAfter);
    default:
      return new TokenServiceError(response.status >= 500 ? 'server-error' : 'bad-response', retryAfter);
  }
}

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null, clock: Clock): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (!Number.isFinite(at)) return null;
    ms = at - clock.now();
  }
  return Math.min(Math.max(ms, 0), maxRetryAfterMs);
}

async function readBounded(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxReplyBytes) throw new TokenServiceError('bad-response');
  let text: string;
  try {
    text = await response.text();
  } catch {
    // The body broke off half-way (the connection dropped or the timeout fired).
    throw new TokenServiceError('unreachable');
  }
  if (text.length > maxReplyBytes) throw new TokenServiceError('bad-response');
  return text;
}
