import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError, badRequest } from '../errors.js';
import { signedInPerson } from '../http/guard.js';
import type { ServicePlugin } from '../http/service-plugin.js';
import { parseRequest } from '../http/validation.js';
import { parseLastEventId } from './event-log.js';

const heartbeatBody = z.strictObject({
  connectionId: z.uuid({ error: 'must be the connectionId from hello' }),
});

const noQuery = z.strictObject({});

/**
 * GET /events (the live channel, Server-Sent Events) and POST /events/heartbeat
 * (org-service/API.md, "The live channel").
 */
export const livePlugin: ServicePlugin = async (app, context) => {
  const live = context.live;
  const { heartbeatSeconds, maxConnectionsPerUser } = live.settings;
  // Every stream's heartbeats, plus room for reconnects and presence traffic.
  const perMinute = Math.max(60, Math.ceil(60 / heartbeatSeconds) * maxConnectionsPerUser * 2 + 60);
  const guard = context.guard({ bucket: 'live', perMinute });

  app.addHook('onReady', async () => {
    await live.start();
  });
  // Before the server stops accepting: every stream is told `end` shutdown, so the close is not
  // held up by open streams and clients know to come back.
  app.addHook('preClose', async () => {
    await live.stop();
  });

  app.get('/events', { onRequest: guard }, async (request: FastifyRequest, reply: FastifyReply) => {
    const person = signedInPerson(request);
    parseRequest(noQuery, request.query ?? {}, 'query');
    const lastEventId = parseLastEventId(request.headers['last-event-id']);
    if (lastEventId === 'malformed') throw badRequest('Last-Event-ID: must be an event id this service sent (a decimal number).');
    const header = request.headers.authorization!;
    const expiresAt = request.orgUser?.credentialExpiresAt;

    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // nginx and similar proxies would otherwise buffer the stream.
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    raw.socket?.setNoDelay(true);
    try {
      const opened = await live.hub.open(person.id, raw, lastEventId, { header, ...(expiresAt !== undefined ? { expiresAt } : {}) });
      context.log.debug('live stream opened', { person: person.id, resumed: opened.resumed, requestId: request.id });
    } catch (error) {
      context.log.error('live stream failed', { person: person.id, errorName: error instanceof Error ? error.name : typeof error, requestId: request.id });
      raw.destroy();
    }
  });

  /** A heartbeat whose credential is refused also ends the streams opened with that credential. */
  const heartbeatGuard: typeof guard = async function (this: unknown, request, reply) {
    try {
      await guard.call(this as never, request, reply);
    } catch (error) {
      const header = request.headers.authorization;
      if (header && error instanceof ApiError && (error.status === 401 || error.status === 403)) await live.recheckCredential(header);
      throw error;
    }
  };

  app.post('/events/heartbeat', { onRequest: heartbeatGuard }, async (request, reply) => {
    const person = signedInPerson(request);
    const { connectionId } = parseRequest(heartbeatBody, request.body, 'body');
    if (!live.hub.heartbeat(connectionId, person.id)) throw new ApiError(404, 'not_found', 'No such live connection; open a new one.');
    live.presence.sawAlive(person.id);
    return reply.code(204).send();
  });
};
