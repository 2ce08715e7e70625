import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { rateLimited } from '../errors.js';

export interface RateLimitSettings {
  /** Per signed-in user per minute on /token and /sign-out (each one may call ACS). */
  perUserPerMinute: number;
  /** Per signed-in user per minute on /directory/* (search-as-you-type sends one per keystroke). */
  directoryPerUserPerMinute: number;
  perIpPerMinute: number;
}

export type RateLimitCheck = (request: FastifyRequest) => Promise<void>;

/** Makes a fixed one-minute window of `max` requests per key; a request over it gets 429 with Retry-After. */
export type RateLimiterFactory = (bucket: string, max: number, keyOf: (request: FastifyRequest) => string) => RateLimitCheck;

/**
 * Fixed-window limits from @fastify/rate-limit: per client address before authentication (so
 * guessing keys or flooding with junk tokens is bounded), and per signed-in user after it, one
 * bucket per capability (so one user — or one leaked credential — cannot burn ACS quota for
 * everyone, while directory search can be chattier than /token).
 */
export async function registerRateLimits(app: FastifyInstance): Promise<RateLimiterFactory> {
  await app.register(rateLimit, { global: false });
  return (bucket, max, keyOf) => {
    const check = app.createRateLimit({ max, timeWindow: 60_000, keyGenerator: (request) => `${bucket}:${keyOf(request)}` });
    return async (request) => {
      const result = await check(request);
      if (!result.isAllowed && result.isExceeded) throw rateLimited(result.ttlInSeconds);
    };
  };
}
