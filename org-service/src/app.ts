import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { AcsIdentityGateway } from './acs/acs-identity-gateway.js';
import { AcsFailure } from './acs/acs-errors.js';
import type { Authenticator } from './auth/authenticate.js';
import { userPseudonym } from './auth/org-user.js';
import { PeopleStore } from './directory/people-store.js';
import { directoryPlugin } from './directory/plugin.js';
import { ApiError, badRequest, errorBody, toApiError } from './errors.js';
import { createGuard } from './http/guard.js';
import { healthPlugin } from './http/health.js';
import { registerRateLimits, type RateLimitSettings } from './http/rate-limits.js';
import type { ServiceContext, ServicePlugin } from './http/service-plugin.js';
import { livePlugin } from './live/plugin.js';
import { createLiveRuntime, defaultLiveSettings, type LiveSettings } from './live/runtime.js';
import type { Logger } from './logger.js';
import { presencePlugin } from './presence/plugin.js';
import type { Store } from './store/database.js';
import { IdentityProvisioner } from './tokens/identity-provisioner.js';
import { tokensPlugin } from './tokens/plugin.js';

/**
 * The service's capabilities, each a Fastify plugin with its routes, schemas and store in its own
 * folder. To add one: write `src/<capability>/plugin.ts` exporting a `ServicePlugin`, make its
 * signed-in routes use `{ onRequest: context.guard({ bucket: '<capability>', perMinute }) }`
 * (then `request.person` is set), and append it here. Each is registered encapsulated, so its
 * hooks and decorators stay its own; the error handler, request log and headers below apply to all.
 */
const plugins: ServicePlugin[] = [healthPlugin, tokensPlugin, directoryPlugin, livePlugin, presencePlugin];

export interface AppDeps {
  authenticate: Authenticator;
  store: Store;
  acs: AcsIdentityGateway;
  log: Logger;
  tokenLifetimeMinutes: number;
  /** One request's budget for waiting on ACS (ACS_TIMEOUT_MS, whose default lives in config.ts). */
  acsTimeoutMs: number;
  rateLimits: RateLimitSettings;
  trustProxy?: boolean;
  healthy?: () => boolean;
  /** The live channel and presence (LIVE_*, PRESENCE_*); defaults when absent. */
  live?: LiveSettings;
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
      person: request.person?.id,
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

  const limiter = await registerRateLimits(app);
  const people = new PeopleStore(deps.store);
  const context: ServiceContext = {
    store: deps.store,
    people,
    acs: deps.acs,
    provisioner: new IdentityProvisioner(people, deps.acs, deps.log),
    log: deps.log,
    tokenLifetimeMinutes: deps.tokenLifetimeMinutes,
    acsTimeoutMs: deps.acsTimeoutMs,
    rateLimits: deps.rateLimits,
    guard: createGuard({ authenticate: deps.authenticate, people, limiter, perIpPerMinute: deps.rateLimits.perIpPerMinute }),
    healthy: deps.healthy ?? (() => deps.store.isOpen()),
    live: createLiveRuntime({ store: deps.store, people, authenticate: deps.authenticate, log: deps.log, settings: deps.live ?? defaultLiveSettings }),
  };
  people.onPersonChanged((personId) => void context.live.directoryChanged(personId, 'updated'));
  for (const plugin of plugins) await app.register(plugin, context);

  return app;
}
