/**
 * JSON requests to the organisation's service beyond /token (directory, presence): the session's
 * Authorization header, one timeout from sending to the last byte, a bounded reply, and every
 * reply checked by a zod schema before use. Every failure becomes a UserFacingError with an
 * `orgService:errors.*` key; 401/403 also tell auth, which checks the credential.
 */
import type { z } from 'zod';
import type { Logger } from '../app/logger.js';
import type { Timers } from '../auth/clock.js';
import type { FetchLike } from '../auth/token-service-client.js';
import { UserFacingError } from '../ipc/user-facing-error.js';
import { serviceRoute } from '../live/live-channel.js';
import type { OrgServiceSession } from '../live/org-service-session.js';

export type OrgServiceFailure = 'signedOut' | 'unreachable' | 'timeout' | 'refused' | 'notSupported' | 'rateLimited' | 'unavailable' | 'badRequest' | 'badReply';

export const orgServiceErrorKey = (failure: OrgServiceFailure) => `orgService:errors.${failure}`;

/** A directory page of 50 people is a few kilobytes; anything near this is not a reply of ours. */
export const maxReplyBytes = 256 * 1024;
export const defaultOrgRequestTimeoutMs = 10_000;

export interface OrgServiceRequestsOptions {
  fetch: FetchLike;
  session: OrgServiceSession;
  timers: Timers;
  log: Logger;
  timeoutMs?: number;
}

export interface OrgRequest<T> {
  method: 'GET' | 'POST' | 'PUT';
  /** Relative to the service URL, query included. */
  path: string;
  body?: unknown;
  /** The reply's schema; null for routes that answer 204. */
  reply: z.ZodType<T> | null;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export class OrgServiceRequests {
  constructor(private readonly options: OrgServiceRequestsOptions) {}

  async send<T>(request: OrgRequest<T>): Promise<T> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = this.options.timers.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, request.timeoutMs ?? this.options.timeoutMs ?? defaultOrgRequestTimeoutMs);
    const onAbort = () => controller.abort();
    if (request.signal?.aborted) controller.abort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    // Only the route's first segment: paths carry queries (what the user typed).
    const route = request.path.split(/[/?]/)[0];
    try {
      return await this.exchange(request, controller.signal);
    } catch (error) {
      const failure: OrgServiceFailure = timedOut ? 'timeout' : error instanceof OrgFailure ? error.failure : 'unreachable';
      if (failure !== 'signedOut') this.options.log.warn('people: a request to the service failed', { route, failure });
      throw new UserFacingError(orgServiceErrorKey(failure));
    } finally {
      this.options.timers.clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
    }
  }

  private async exchange<T>(request: OrgRequest<T>, signal: AbortSignal): Promise<T> {
    let auth;
    try {
      auth = await this.options.session.authorization(signal);
    } catch {
      // The credential could not be renewed: auth's own state says why.
      throw new OrgFailure('refused');
    }
    if (!auth) throw new OrgFailure('signedOut');
    let response: Response;
    try {
      response = await this.options.fetch(serviceRoute(auth.serviceUrl, request.path), {
        method: request.method,
        headers: {
          authorization: auth.authorization,
          accept: 'application/json',
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal,
        redirect: 'error',
      });
    } catch {
      throw new OrgFailure('unreachable');
    }
    if (!response.ok) {
      void response.body?.cancel().catch(() => undefined);
      throw new OrgFailure(this.failureOf(response.status));
    }
    if (request.reply === null) {
      void response.body?.cancel().catch(() => undefined);
      return undefined as T;
    }
    const text = await readBoundedText(response, maxReplyBytes);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new OrgFailure('badReply');
    }
    const parsed = request.reply.safeParse(json);
    if (!parsed.success) throw new OrgFailure('badReply');
    return parsed.data;
  }

  private failureOf(status: number): OrgServiceFailure {
    if (status === 401 || status === 403) {
      this.options.session.credentialRefused();
      return 'refused';
    }
    if (status === 404) return 'notSupported';
    if (status === 429) return 'rateLimited';
    if (status === 400) return 'badRequest';
    return status >= 500 ? 'unavailable' : 'badReply';
  }
}

class OrgFailure extends Error {
  constructor(readonly failure: OrgServiceFailure) {
    super(failure);
  }
}

/** Reads a reply as text, giving up (badReply) as soon as it passes `maxBytes`. */
export async function readBoundedText(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    void response.body?.cancel().catch(() => undefined);
    throw new OrgFailure('badReply');
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch {
        throw new OrgFailure('unreachable');
      }
      if (result.done) break;
      size += result.value.byteLength;
      if (size > maxBytes) throw new OrgFailure('badReply');
      chunks.push(result.value);
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8');
}
