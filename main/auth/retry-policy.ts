/**
 * When to refresh a token and how long to wait after a failure. Pure functions of their
 * inputs (the random source is injected) so tests can pin the bounds exactly.
 */

export interface RetryPolicy {
  /** Delay before the first retry; doubles per consecutive failure. */
  baseDelayMs: number;
  /** No wait is ever longer than this (apart from a longer Retry-After, itself capped). */
  maxDelayMs: number;
  /** Background retries stop after this many consecutive failures; a caller can start more. */
  maxConsecutiveFailures: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
  maxConsecutiveFailures: 8,
};

/**
 * Exponential back-off with "equal jitter": half the delay is fixed, half random, so clients
 * that failed together spread out, yet no retry comes sooner than half the nominal delay.
 * `failures` counts consecutive failures, starting at 1.
 */
export function backoffDelayMs(failures: number, policy: RetryPolicy, random: () => number, retryAfterMs: number | null = null): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const nominal = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const jittered = nominal / 2 + (nominal / 2) * clamp01(random());
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}

/** ACS SDKs treat a token as "expiring soon" within 10 minutes of expiry and then ask again. */
const sdkExpiringSoonMs = 10 * 60_000;
/** Refresh at least this long before the SDKs start asking, so they always get a fresh token. */
const marginBeforeSdkWindowMs = 5 * 60_000;

/**
 * When to fetch the next token: at 80% of its lifetime or 15 minutes before expiry, whichever
 * comes first. Refreshing before the SDK's own 10-minute window means the credential in the
 * renderer is handed a token with a full lifetime, not the old one again. Never before half
 * the lifetime, though: a service that issues short tokens (under 15 minutes) must not turn
 * "15 minutes before expiry" into "at once", over and over.
 */
export function refreshAt(issuedAt: number, expiresOn: number): number {
  const lifetime = Math.max(expiresOn - issuedAt, 0);
  const atShare = issuedAt + lifetime * 0.8;
  const beforeExpiry = expiresOn - sdkExpiringSoonMs - marginBeforeSdkWindowMs;
  return Math.max(issuedAt + lifetime / 2, Math.min(atShare, beforeExpiry));
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0.5;
}
