import { z } from 'zod';
import { signedInPerson } from '../http/guard.js';
import type { ServicePlugin } from '../http/service-plugin.js';
import { parseRequest } from '../http/validation.js';
import { chosenStatuses } from './presence-rules.js';

export const presenceBody = z.strictObject({
  status: z.enum(chosenStatuses, { error: `must be one of ${chosenStatuses.join(', ')}` }),
});

export const maxSubscriptions = 500;

export const subscriptionsBody = z.strictObject({
  personIds: z
    .array(z.string({ error: 'must be a person id' }).regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be a person id' }), { error: 'must be a list of person ids' })
    .max(maxSubscriptions, { error: `must list at most ${maxSubscriptions} ids` }),
});

/** Room for 500 ids of 64 characters with quotes and commas. */
export const subscriptionsBodyLimitBytes = 40 * 1024;

/** PUT /presence and PUT /presence/subscriptions (org-service/API.md, "Presence"). */
export const presencePlugin: ServicePlugin = async (app, context) => {
  const live = context.live;
  const onRequest = context.guard({ bucket: 'presence', perMinute: context.rateLimits.directoryPerUserPerMinute });

  app.put('/presence', { onRequest }, async (request, reply) => {
    const person = signedInPerson(request);
    const { status } = parseRequest(presenceBody, request.body, 'body');
    await live.presence.setStatus(person.id, status);
    return reply.code(204).send();
  });

  app.put('/presence/subscriptions', { onRequest, bodyLimit: subscriptionsBodyLimitBytes }, async (request) => {
    const person = signedInPerson(request);
    const { personIds } = parseRequest(subscriptionsBody, request.body, 'body');
    // Ids of other organisations, disabled people and made-up ids are all simply unknown.
    const known = await live.presenceStore.knownInOrg(person.org, personIds);
    return { presence: await live.presence.subscribe(person.id, known) };
  });
};
