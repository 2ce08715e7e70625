/** Exponential backoff with jitter, for polling and for outbox retries. */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** Share of the delay randomised (0..1), so many clients do not retry in step. */
  jitter?: number;
}

export class Backoff {
  private failures = 0;
  constructor(
    private readonly options: BackoffOptions,
    private readonly random: () => number = Math.random,
  ) {}

  get consecutiveFailures(): number {
    return this.failures;
  }

  /** The delay before the next try after one more failure. */
  fail(): number {
    this.failures++;
    const raw = Math.min(this.options.maxMs, this.options.baseMs * 2 ** (this.failures - 1));
    const jitter = this.options.jitter ?? 0.2;
    return Math.round(raw * (1 - jitter + 2 * jitter * this.random()));
  }

  reset(): void {
    this.failures = 0;
  }
}

/** What a failed SDK call tells us, from the RestError the SDK throws. */
export type FailureKind =
  /** The service refused the request for good (bad input, not a member, gone). */
  | 'rejected'
  /** The service did not take it, and asked us to come back (429, 401 while a token refreshes). */
  | 'refused-for-now'
  /** We do not know whether the service acted on it: network cut, timeout, 5xx. */
  | 'unknown';

export function classifyFailure(error: unknown): FailureKind {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status !== 'number') return 'unknown';
  if (status === 429 || status === 401 || status === 408) return 'refused-for-now';
  if (status >= 400 && status < 500) return 'rejected';
  return 'unknown';
}

/**
 * How long the service asked us to wait (Retry-After, or ACS's retry-after-ms), from the
 * RestError the SDK throws; null when it did not say.
 */
export function retryAfterMs(error: unknown, now = Date.now()): number | null {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined } } } | null)?.response?.headers;
  const get = (name: string): string | undefined => (typeof headers?.get === 'function' ? headers.get(name) : undefined)?.trim() || undefined;
  const ms = get('retry-after-ms') ?? get('x-ms-retry-after-ms');
  if (ms !== undefined && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const value = get('retry-after');
  if (value === undefined) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
