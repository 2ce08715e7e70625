import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { AcsIdentityGateway } from './acs/acs-identity-gateway.js';
import { AcsFailure } from './acs/acs-errors.js';
import type { Authenticator } from './auth/authenticate.js';
import { userKey, userPseudonym } from './auth/org-user.js';
import { ApiError, badRequest, errorBody, toApiError } from './errors.js';
import { registerRateLimits, type RateLimitSettings } from './http/rate-limits.js';
import { registerRoutes } from './http/routes.js';
import type { IdentityProvisioner } from './identity-provisioner.js';
import type { Logger } from './logger.js';

export interface AppDeps {
  authenticate: Authenticator;
  provisioner: IdentityProvisioner;
  acs: AcsIdentityGateway;
  log: Logger;
  tokenLifetimeMinutes: number;
  /** One request's budget for waiting on ACS (ACS_TIMEOUT_MS, whose default lives in config.ts). */
  acsTimeoutMs: number;
  rateLimits: RateLimitSettings;
  trustProxy?: boolean;
  healthy?: () => boolean;
  /** For HTTPS: passed to Fastify as-is. */
  https?: { cert: Buffer; key: Buffer };
}

/** The only accepted request bodies are tiny JSON objects; anything bigger is refused unread. */
const bodyLimitBytes = 4 * 1024;

/**
 * Builds the HTTP service (without listening), so tests can drive it with `inject` or a real port.
 * Fastify's own logger is off: we log one line per request with our scrubbing logger, and never
 * the URL's query, headers or bodies.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // The https variant of Fastify's options has a different type; both build the same instance API.
  const app = (Fastify as (options: FastifyServerOptions & { https?: { cert: Buffer; key: Buffer } }) => FastifyInstance)({
    logger: false,
    bodyLimit: bodyLimitBytes,
    trustProxy: deps.trustProxy ?? false,
    requestTimeout: 30_000,
    return503OnClosing: true,
    genReqId: () => randomUUID(),
    // Requests Node cannot even parse as HTTP get the same JSON error shape as everything else.
    clientErrorHandler: (_error, socket) => {
      if (!socket.writable) return;
      const body = JSON.stringify(errorBody(badRequest('The request is not valid HTTP.')));
      socket.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    },
    ...(deps.https ? { https: deps.https } : {}),
  });

  // Only JSON. Fastify would answer other types with 415; the agreed API says 400 (see errors.ts).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    // An empty body with a JSON content type is as good as no body.
    const text = body.toString();
    if (text.trim() === '') return done(null, undefined);
    return parseJson(request, text, done);
  });

  app.addHook('onSend', async (_request, reply) => {
    // Tokens must not sit in a proxy's or client's HTTP cache.
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
  });

  app.addHook('onResponse', async (request, reply) => {
    deps.log.info('request', {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
      user: request.orgUser ? userPseudonym(request.orgUser) : undefined,
      requestId: request.id,
    });
  });

  app.setErrorHandler(async (error, request, reply) => {
    const apiError = toApiError(error);
    if (error instanceof AcsFailure) {
      deps.log.warn('acs call failed', { route: request.routeOptions.url, kind: error.kind, acsStatus: error.acsStatus, requestId: request.id });
    } else if (!(error instanceof ApiError) && apiError.status >= 500) {
      // Name and code only: an exception's message can quote input or, from some libraries, secrets.
      deps.log.error('unexpected error', {
        route: request.routeOptions.url,
        errorName: error instanceof Error ? error.name : typeof error,
        errorCode: String((error as { code?: unknown }).code ?? ''),
        requestId: request.id,
      });
    }
    for (const [name, value] of Object.entries(apiError.headers)) reply.header(name, value);
    if (apiError.retryAfterSeconds !== undefined) reply.header('retry-after', String(apiError.retryAfterSeconds));
    return reply.code(apiError.status).type('application/json; charset=utf-8').send(errorBody(apiError));
  });

  app.setNotFoundHandler(async (_request, reply) =>
    reply.code(404).type('application/json; charset=utf-8').send(errorBody(new ApiError(404, 'not_found', 'No such endpoint.'))),
  );

  const limits = await registerRateLimits(app, deps.rateLimits, (request) => (request.orgUser ? userKey(request.orgUser) : 'anonymous'));

  registerRoutes(app, {
    provisioner: deps.provisioner,
    acs: deps.acs,
    tokenLifetimeMinutes: deps.tokenLifetimeMinutes,
    acsTimeoutMs: deps.acsTimeoutMs,
    healthy: deps.healthy ?? (() => true),
    guard: async (request) => {
      await limits.perIp(request);
      request.orgUser = await deps.authenticate(request.headers.authorization);
      await limits.perUser(request);
    },
  });

  return app;
}
