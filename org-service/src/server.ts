import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { CommunicationIdentityClientOptions } from '@azure/communication-identity';
import { createAcsIdentityGateway } from './acs/acs-identity-gateway.js';
import { readAcsConnection } from './acs/connection-string.js';
import { buildApp } from './app.js';
import { createAuthenticator } from './auth/authenticate.js';
import { createOidcVerifier } from './auth/oidc.js';
import type { ServiceConfig } from './config.js';
import { IdentityProvisioner } from './identity-provisioner.js';
import type { Logger } from './logger.js';
import { ApiKeyStore } from './store/api-key-store.js';
import { openDatabase } from './store/database.js';
import { IdentityMappingStore } from './store/identity-store.js';

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
  const db = openDatabase(config.databasePath);
  const acs = createAcsIdentityGateway({
    connection,
    timeoutMs: config.acsTimeoutMs,
    maxRetries: config.acsMaxRetries,
    defaultRetryAfterSeconds: config.acsRetryAfterSeconds,
    ...(extra.acsClientOptions ? { clientOptions: extra.acsClientOptions } : {}),
  });
  const apiKeys = config.apiKeysEnabled ? new ApiKeyStore(db) : undefined;
  const oidc = config.oidc ? createOidcVerifier(config.oidc, { retryAfterSeconds: config.acsRetryAfterSeconds }) : undefined;
  const app = await buildApp({
    authenticate: createAuthenticator({ ...(oidc ? { oidc } : {}), ...(apiKeys ? { apiKeys } : {}) }),
    provisioner: new IdentityProvisioner(new IdentityMappingStore(db), acs, log),
    acs,
    log,
    tokenLifetimeMinutes: config.tokenLifetimeMinutes,
    acsTimeoutMs: config.acsTimeoutMs,
    rateLimits: { perUserPerMinute: config.rateLimitPerUserPerMinute, perIpPerMinute: config.rateLimitPerIpPerMinute },
    trustProxy: config.trustProxy,
    healthy: () => db.open,
    ...(config.tls ? { https: { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) } } : {}),
  });
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    db.close();
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
      db.close();
    },
  };
}
