/**
 * How the live channel waits between attempts. Pure functions (the random source injected) so
 * tests pin the bounds exactly.
 */

export interface LiveReconnectPolicy {
  /** The cap of the first retry's wait; it doubles per consecutive failure. */
  baseDelayMs: number;
  /** No wait is longer than this (apart from a Retry-After, itself capped). */
  maxDelayMs: number;
  /** After this many failures in a row the status line says offline (retries go on). */
  offlineAfterFailures: number;
  /** A connection that lasted this long was healthy: the next failure starts the series over. */
  stableConnectionMs: number;
  /** A service without /events (404) is asked again this rarely. */
  unavailableRetryMs: number;
  /** However long a Retry-After asks for, at most this. */
  maxRetryAfterMs: number;
  /** Wake events (resume, unlock, network back) reconnect at most this often. */
  minWakeIntervalMs: number;
  /** Until the hello says otherwise. */
  defaultHeartbeatSeconds: number;
}

export const defaultLiveReconnectPolicy: LiveReconnectPolicy = {
  baseDelayMs: 1_000,
  maxDelayMs: 2 * 60_000,
  offlineAfterFailures: 4,
  stableConnectionMs: 30_000,
  unavailableRetryMs: 30 * 60_000,
  maxRetryAfterMs: 15 * 60_000,
  minWakeIntervalMs: 5_000,
  defaultHeartbeatSeconds: 15,
};

/** API.md: a client that hears nothing for 2.5 heartbeats reconnects. */
export const silenceFactor = 2.5;

/**
 * "Full jitter": anywhere between 0 and the exponential cap, so that every client of a service
 * that restarted does not come back in the same second. `failures` starts at 1.
 */
export function fullJitterDelayMs(failures: number, policy: LiveReconnectPolicy, random: () => number, retryAfterMs: number | null = null): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const r = random();
  const jittered = cap * (Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0.5);
  const floor = retryAfterMs === null ? 0 : Math.min(retryAfterMs, policy.maxRetryAfterMs);
  return Math.round(Math.max(jittered, floor));
}
