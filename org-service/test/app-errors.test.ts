import { describe, expect, it } from 'vitest';
import type { AcsIdentityGateway } from '../src/acs/acs-identity-gateway.js';
import { buildApp } from '../src/app.js';
import { openStore } from '../src/store/database.js';
import { memoryLogger } from './fixtures/memory-logger.js';

/** An ACS gateway whose every call throws an unexpected (non-ACS) error carrying secret-looking text. */
const explodingAcs: AcsIdentityGateway = {
  endpoint: 'https://x.communication.azure.com/',
  createUser: async () => {
    throw new TypeError('boom with accesskey=c2VjcmV0 at /srv/org-service/src/secret.ts:12');
  },
  issueToken: async () => ({ token: 't', expiresOn: new Date() }),
  revokeTokens: async () => undefined,
  deleteUser: async () => undefined,
};

describe('unexpected errors', () => {
  it('answer 500 internal with a fixed message; the log has the error name, not its text', async () => {
    const log = memoryLogger();
    const store = await openStore(':memory:');
    const app = await buildApp({
      authenticate: async () => ({ issuer: 'urn:test', subject: 'u', org: 'default' }),
      store,
      acs: explodingAcs,
      log,
      tokenLifetimeMinutes: 60,
      acsTimeoutMs: 10_000,
      rateLimits: { perUserPerMinute: 100, directoryPerUserPerMinute: 100, perIpPerMinute: 100 },
    });
    const response = await app.inject({ method: 'POST', url: '/token' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: 'internal', message: 'The token service hit an unexpected error.' } });
    expect(response.body).not.toMatch(/boom|secret|c2VjcmV0|\.ts/);
    const line = log.lines.find((l) => l.message === 'unexpected error')!;
    expect(line).toMatchObject({ route: '/token', errorName: 'TypeError' });
    expect(log.text()).not.toMatch(/boom|c2VjcmV0/);
    await app.close();
    await store.close();
  });
});
