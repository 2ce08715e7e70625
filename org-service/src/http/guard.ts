import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Authenticator } from '../auth/authenticate.js';
import { userKey, type OrgUser } from '../auth/org-user.js';
import type { PeopleStore, Person } from '../directory/people-store.js';
import { forbidden } from '../errors.js';
import type { RateLimitCheck, RateLimiterFactory } from './rate-limits.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who signed in (set by the guard). */
    orgUser?: OrgUser;
    /** Their directory entry (set by the guard; never a disabled person). */
    person?: Person;
  }
}

/** A route's per-user limit: its own bucket name and requests per minute. */
export interface UserRateLimit {
  bucket: string;
  perMinute: number;
}

/** Makes the onRequest hook of a signed-in route; see createGuard. */
export type Guard = (limit: UserRateLimit) => onRequestAsyncHookHandler;

/**
 * Every signed-in route runs, before its body is read: the per-address limit, authentication
 * (`request.orgUser`), the person it is (`request.person`, created on first sign-in; 403 when
 * disabled), then the route's per-user limit. Throws the ApiError to answer with.
 */
export function createGuard(deps: { authenticate: Authenticator; people: PeopleStore; limiter: RateLimiterFactory; perIpPerMinute: number }): Guard {
  const perIp = deps.limiter('ip', deps.perIpPerMinute, (request) => request.ip);
  const perUser = new Map<string, RateLimitCheck>();
  return ({ bucket, perMinute }) => {
    const key = `${bucket}/${perMinute}`;
    let limit = perUser.get(key);
    if (!limit) {
      limit = deps.limiter(`user:${bucket}`, perMinute, (request) => (request.orgUser ? userKey(request.orgUser) : 'anonymous'));
      perUser.set(key, limit);
    }
    const userLimit = limit;
    return async (request: FastifyRequest) => {
      await perIp(request);
      request.orgUser = await deps.authenticate(request.headers.authorization);
      const person = await deps.people.resolveSignIn(request.orgUser);
      if (person.disabledAt !== null) throw forbidden('This account is disabled. Ask your administrator.');
      const { disabledAt: _disabled, ...entry } = person;
      request.person = entry;
      await userLimit(request);
    };
  };
}

/** The signed-in person of a guarded route; a route without the guard would be a programming error. */
export function signedInPerson(request: FastifyRequest): Person {
  if (!request.person) throw new Error('route is missing its guard');
  return request.person;
}
