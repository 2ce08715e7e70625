import { ApiError } from '../errors.js';

/**
 * Turns whatever the ACS SDK threw into the error the desktop sees. Only the status code, an error
 * code and a Retry-After header are read from the SDK's error: its message and its `request`
 * (which carries the HMAC Authorization header) must never reach a response or a log.
 */
export class AcsFailure extends ApiError {
  constructor(
    status: 502 | 503,
    message: string,
    retryAfterSeconds: number,
    /** Safe facts for the log: ACS's HTTP status (if it answered) and error kind. */
    readonly acsStatus: number | undefined,
    readonly kind: 'unreachable' | 'timeout' | 'throttled' | 'server_error' | 'refused_credentials' | 'rejected',
  ) {
    super(status, 'acs_unavailable', message, retryAfterSeconds);
    this.name = 'AcsFailure';
  }
}

function retryAfterFrom(error: { response?: { headers?: { get?(name: string): string | undefined } } }): number | undefined {
  const header = error.response?.headers?.get?.('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(1, Math.ceil((date - Date.now()) / 1000));
}

export function toAcsFailure(error: unknown, defaultRetryAfterSeconds: number): AcsFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    statusCode?: unknown;
    response?: { headers?: { get?(name: string): string | undefined } };
  };
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const retryAfter = Math.min(3600, Math.max(1, retryAfterFrom(e) ?? defaultRetryAfterSeconds));
  if (e.name === 'AbortError' || e.name === 'TimeoutError') {
    return new AcsFailure(503, 'Azure Communication Services did not answer in time. Try again later.', retryAfter, status, 'timeout');
  }
  if (status === undefined) {
    return new AcsFailure(503, 'Azure Communication Services could not be reached. Try again later.', retryAfter, status, 'unreachable');
  }
  if (status === 429) {
    return new AcsFailure(503, 'Azure Communication Services is throttling requests. Try again later.', retryAfter, status, 'throttled');
  }
  if (status >= 500) {
    return new AcsFailure(503, 'Azure Communication Services is unavailable. Try again later.', retryAfter, status, 'server_error');
  }
  if (status === 401 || status === 403) {
    // Our connection string is wrong or was rotated: an operator must act, the user can only wait.
    return new AcsFailure(502, 'The token service could not authenticate to Azure Communication Services.', retryAfter, status, 'refused_credentials');
  }
  return new AcsFailure(502, 'Azure Communication Services rejected the request.', retryAfter, status, 'rejected');
}
