import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { CommunicationIdentityClientOptions } from '@azure/communication-identity';
import { createAcsIdentityGateway } from './acs/acs-identity-gateway.js';
import { readAcsConnection } from './acs/connection-string.js';
import { buildApp } from './app.js';
import { createAuthenticator } from './auth/authenticate.js';
import { createOidcVerifier } from './auth/oidc.js';
import type { ServiceConfig } from './config.js';
import { ApiKeyStore } from './auth/api-key-store.js';
import type { Logger } from './logger.js';
import { openStore } from './store/database.js';

export interface RunningService {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Wires the real parts together from a checked configuration and starts listening. */
export async function startService(
  config: ServiceConfig,
  log: Logger,
  extra: { acsClientOptions?: CommunicationIdentityClientOptions } = {},
): Promise<RunningService> {
  const connection = readAcsConnection({ value: config.acsConnectionString, file: config.acsConnectionStringFile });
  const store = await openStore(config.databasePath);
  const acs = createAcsIdentityGateway({
    connection,
    timeoutMs: config.acsTimeoutMs,
    maxRetries: config.acsMaxRetries,
    defaultRetryAfterSeconds: config.acsRetryAfterSeconds,
    ...(extra.acsClientOptions ? { clientOptions: extra.acsClientOptions } : {}),
  });
  const apiKeys = config.apiKeysEnabled ? new ApiKeyStore(store) : undefined;
  const oidc = config.oidc ? createOidcVerifier(config.oidc, { retryAfterSeconds: config.acsRetryAfterSeconds }) : undefined;
  const app = await buildApp({
    authenticate: createAuthenticator({ ...(oidc ? { oidc } : {}), ...(apiKeys ? { apiKeys } : {}) }),
    store,
    acs,
    log,
    tokenLifetimeMinutes: config.tokenLifetimeMinutes,
    acsTimeoutMs: config.acsTimeoutMs,
    rateLimits: {
      perUserPerMinute: config.rateLimitPerUserPerMinute,
      directoryPerUserPerMinute: config.rateLimitDirectoryPerUserPerMinute,
      perIpPerMinute: config.rateLimitPerIpPerMinute,
    },
    trustProxy: config.trustProxy,
    live: config.live,
    ...(config.tls ? { https: { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) } } : {}),
  });
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await store.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const url = `${config.tls ? 'https' : 'http'}://${host}:${port}`;
  log.info('token service listening', {
    url,
    acsEndpoint: connection.endpoint,
    signIn: [config.oidc ? 'oidc' : undefined, apiKeys ? 'api-keys' : undefined].filter(Boolean).join('+'),
    // Named for what it holds: a name mentioning "token" would be masked by the logger.
    lifetimeMinutes: config.tokenLifetimeMinutes,
  });
  return {
    url,
    app,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}
