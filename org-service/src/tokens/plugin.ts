import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../errors.js';
import { signedInPerson } from '../http/guard.js';
import type { ServicePlugin } from '../http/service-plugin.js';

export interface TokenResponse {
  token: string;
  expiresOn: string;
  communicationUserId: string;
  acsEndpoint: string;
  /** How ACS should show the user: the OIDC token's name (or username, email), or the API key's user; may be ''. */
  displayName: string;
}

/** Today the only accepted body is `{}` or none; other members are ignored so clients can grow. */
function checkBody(body: unknown): void {
  if (body === undefined) return;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object, e.g. {}.');
  }
}

/** POST /token and POST /sign-out: the person's one ACS identity and its tokens. */
export const tokensPlugin: ServicePlugin = async (app, context) => {
  const onRequest = context.guard({ bucket: 'tokens', perMinute: context.rateLimits.perUserPerMinute });

  /**
   * The rest of this request's ACS budget (time spent authenticating counts too): past it the
   * client gets 503 with Retry-After well before its own timeout gives up.
   */
  const acsBudget = (reply: FastifyReply) => ({ signal: AbortSignal.timeout(Math.max(1, Math.round(context.acsTimeoutMs - reply.elapsedTime))) });

  app.post('/token', { onRequest }, async (request: FastifyRequest, reply): Promise<TokenResponse> => {
    checkBody(request.body);
    const person = signedInPerson(request);
    const budget = acsBudget(reply);
    const communicationUserId = await context.provisioner.identityFor(person.id, budget);
    const { token, expiresOn } = await context.acs.issueToken(communicationUserId, context.tokenLifetimeMinutes, budget);
    return {
      token,
      expiresOn: expiresOn.toISOString(),
      communicationUserId,
      acsEndpoint: context.acs.endpoint,
      displayName: request.orgUser?.displayName ?? '',
    };
  });

  app.post('/sign-out', { onRequest }, async (request, reply) => {
    checkBody(request.body);
    // A user who never got an identity has no tokens to revoke; sign-out still succeeds.
    const person = signedInPerson(request);
    const communicationUserId = await context.provisioner.existing(person.id);
    if (communicationUserId) await context.acs.revokeTokens(communicationUserId, acsBudget(reply));
    // Their live channels end too; the client does not reconnect with this credential.
    context.live.hub.endPerson(person.id, 'signed-out');
    return reply.code(204).send();
  });
};
