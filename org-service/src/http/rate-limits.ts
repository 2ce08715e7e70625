import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { rateLimited } from '../errors.js';

export interface RateLimitSettings {
  perUserPerMinute: number;
  perIpPerMinute: number;
}

export type RateLimitCheck = (request: FastifyRequest) => Promise<void>;

/**
 * Two fixed-window limits from @fastify/rate-limit: per client address before authentication
 * (so guessing keys or flooding with junk tokens is bounded), and per signed-in user after it
 * (so one user — or one leaked credential — cannot burn ACS quota for everyone).
 */
export async function registerRateLimits(
  app: FastifyInstance,
  settings: RateLimitSettings,
  userKeyOf: (request: FastifyRequest) => string,
): Promise<{ perIp: RateLimitCheck; perUser: RateLimitCheck }> {
  await app.register(rateLimit, { global: false });
  const limiter = (max: number, keyGenerator: (request: FastifyRequest) => string): RateLimitCheck => {
    const check = app.createRateLimit({ max, timeWindow: 60_000, keyGenerator });
    return async (request) => {
      const result = await check(request);
      if (!result.isAllowed && result.isExceeded) throw rateLimited(result.ttlInSeconds);
    };
  };
  return {
    perIp: limiter(settings.perIpPerMinute, (request) => `ip:${request.ip}`),
    perUser: limiter(settings.perUserPerMinute, (request) => `user:${userKeyOf(request)}`),
  };
}
