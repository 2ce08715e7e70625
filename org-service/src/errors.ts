/**
 * The service's error vocabulary, shared with the desktop app (org-service/README.md, "HTTP API").
 * Every failure a client sees is an ApiError turned into
 * `{ "error": { "code", "message" } }`; messages are fixed English sentences written here, never
 * text copied from an exception, so nothing secret or internal can leak through them.
 */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'acs_unavailable'
  | 'internal';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** Seconds, sent as Retry-After (429, 502, 503). */
    readonly retryAfterSeconds?: number,
    /** Extra response headers, e.g. WWW-Authenticate on 401. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string) => new ApiError(400, 'bad_request', message);

export const unauthorized = (message: string) =>
  new ApiError(401, 'unauthorized', message, undefined, { 'www-authenticate': 'Bearer, ApiKey' });

export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);

export const rateLimited = (retryAfterSeconds: number) =>
  new ApiError(429, 'rate_limited', 'Too many requests. Try again after the time in Retry-After.', Math.max(1, Math.ceil(retryAfterSeconds)));

export const internalError = () => new ApiError(500, 'internal', 'The token service hit an unexpected error.');

export function errorBody(error: ApiError): { error: { code: ErrorCode; message: string } } {
  return { error: { code: error.code, message: error.message } };
}

/** Fastify's own errors carry a `code` like FST_ERR_CTP_INVALID_JSON_BODY and a 4xx statusCode. */
function fastifyClientError(error: unknown): ApiError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500) return undefined;
  switch (code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return badRequest('The request body must be JSON (Content-Type: application/json) or absent.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return badRequest('The request body is too large.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return badRequest('The request body is not valid JSON.');
    default:
      // Fastify includes prototype-poisoning and other parser refusals here (400 all of them).
      return badRequest('The request could not be read.');
  }
}

/** Whatever was thrown, the error the client is allowed to see. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof SyntaxError) return badRequest('The request body is not valid JSON.');
  return fastifyClientError(error) ?? internalError();
}
