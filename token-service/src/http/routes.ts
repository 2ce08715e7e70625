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
}

export interface RouteDeps {
  provisioner: IdentityProvisioner;
  acs: AcsIdentityGateway;
  tokenLifetimeMinutes: number;
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

  app.post('/token', { onRequest }, async (request): Promise<TokenResponse> => {
    checkBody(request.body);
    const communicationUserId = await deps.provisioner.identityFor(signedInUser(request));
    const { token, expiresOn } = await deps.acs.issueToken(communicationUserId, deps.tokenLifetimeMinutes);
    return { token, expiresOn: expiresOn.toISOString(), communicationUserId, acsEndpoint: deps.acs.endpoint };
  });

  app.post('/sign-out', { onRequest }, async (request, reply: FastifyReply) => {
    checkBody(request.body);
    // A user who never got an identity has no tokens to revoke; sign-out still succeeds.
    const communicationUserId = deps.provisioner.existing(signedInUser(request));
    if (communicationUserId) await deps.acs.revokeTokens(communicationUserId);
    return reply.code(204).send();
  });
}
