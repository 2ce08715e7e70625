import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AcsIdentityGateway } from '../acs/acs-identity-gateway.js';
import { badRequest } from '../errors.js';
import type { IdentityProvisioner } from '../identity-provisioner.js';
import type { OrgUser } from '../auth/org-user.js';

export interface TokenResponse {
  token: string;
  expiresOn: string;
  communicationUserId: string;
  acsEndpoint: string;
  /** How ACS should show the user: the OIDC token's name (or username, email), or the API key's user; may be ''. */
  displayName: string;
}

export interface RouteDeps {
  provisioner: IdentityProvisioner;
  acs: AcsIdentityGateway;
  tokenLifetimeMinutes: number;
  /**
   * What one request may spend waiting on ACS, all its ACS calls together (a first sign-in makes
   * two): past it the client gets 503 with Retry-After well before its own timeout gives up.
   */
  acsTimeoutMs: number;
  /**
   * Runs before the body is read: rate limit by address, authenticate (setting
   * `request.orgUser`), rate limit by user. Throws the ApiError to answer with.
   */
  guard: (request: FastifyRequest) => Promise<void>;
  healthy: () => boolean;
}

/** Today the only accepted body is `{}` or none; other members are ignored so clients can grow. */
function checkBody(body: unknown): void {
  if (body === undefined) return;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object, e.g. {}.');
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    orgUser?: OrgUser;
  }
}

function signedInUser(request: FastifyRequest): OrgUser {
  // Set by the onRequest guard; a route without the guard would be a programming error.
  if (!request.orgUser) throw new Error('route is missing its guard');
  return request.orgUser;
}

export function registerRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const onRequest = deps.guard;

  app.get('/healthz', async (_request, reply) => {
    if (!deps.healthy()) return reply.code(503).header('retry-after', '5').send({ status: 'unavailable' });
    return { status: 'ok' };
  });

  /** The rest of this request's ACS budget (time spent authenticating counts too). */
  const acsBudget = (reply: FastifyReply) => ({ signal: AbortSignal.timeout(Math.max(1, Math.round(deps.acsTimeoutMs - reply.elapsedTime))) });

  app.post('/token', { onRequest }, async (request, reply): Promise<TokenResponse> => {
    checkBody(request.body);
    const user = signedInUser(request);
    const budget = acsBudget(reply);
    const communicationUserId = await deps.provisioner.identityFor(user, budget);
    const { token, expiresOn } = await deps.acs.issueToken(communicationUserId, deps.tokenLifetimeMinutes, budget);
    return { token, expiresOn: expiresOn.toISOString(), communicationUserId, acsEndpoint: deps.acs.endpoint, displayName: user.displayName ?? '' };
  });

  app.post('/sign-out', { onRequest }, async (request, reply: FastifyReply) => {
    checkBody(request.body);
    // A user who never got an identity has no tokens to revoke; sign-out still succeeds.
    const communicationUserId = deps.provisioner.existing(signedInUser(request));
    if (communicationUserId) await deps.acs.revokeTokens(communicationUserId, acsBudget(reply));
    return reply.code(204).send();
  });
}
