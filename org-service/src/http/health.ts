import type { ServicePlugin } from './service-plugin.js';

/** GET /healthz: no sign-in; 503 once the database is closed (shutting down). */
export const healthPlugin: ServicePlugin = async (app, context) => {
  app.get('/healthz', async (_request, reply) => {
    if (!context.healthy()) return reply.code(503).header('retry-after', '5').send({ status: 'unavailable' });
    return { status: 'ok' };
  });
};
