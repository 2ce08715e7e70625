import type { FastifyPluginAsync } from 'fastify';
import type { AcsIdentityGateway } from '../acs/acs-identity-gateway.js';
import type { PeopleStore } from '../directory/people-store.js';
import type { LiveRuntime } from '../live/runtime.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/database.js';
import type { IdentityProvisioner } from '../tokens/identity-provisioner.js';
import type { Guard } from './guard.js';
import type { RateLimitSettings } from './rate-limits.js';

/** What every capability plugin is given (as its Fastify plugin options). */
export interface ServiceContext {
  store: Store;
  people: PeopleStore;
  acs: AcsIdentityGateway;
  provisioner: IdentityProvisioner;
  log: Logger;
  tokenLifetimeMinutes: number;
  /** One request's budget for waiting on ACS (ACS_TIMEOUT_MS). */
  acsTimeoutMs: number;
  rateLimits: RateLimitSettings;
  /** `{ onRequest: guard({ bucket: 'directory', perMinute }) }` makes a route signed-in; see http/guard.ts. */
  guard: Guard;
  healthy: () => boolean;
  /** The live channel and presence (src/live/runtime.ts): streams, events, presence rules. */
  live: LiveRuntime;
}

/** A capability: its routes (and hooks) registered on an encapsulated Fastify instance. */
export type ServicePlugin = FastifyPluginAsync<ServiceContext>;
