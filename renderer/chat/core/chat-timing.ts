/** How often the chat service polls, retries and pages; tests and the benchmark pass their own. */
import type { BackoffOptions } from './backoff.js';

export interface ChatServiceTiming {
  /** Poll interval while realtime is unavailable. */
  pollMs: number;
  /** Safety-net poll while realtime is live (realtime can miss events). */
  livePollMs: number;
  pollBackoff: BackoffOptions;
  sendBackoff: BackoffOptions;
  maxSendAttempts: number;
  /** How long to wait for realtime to connect before saying "polling". */
  realtimeGraceMs: number;
  /** Between attempts to start realtime after a failed start. */
  realtimeRetry: BackoffOptions;
  /** Messages per history page (ACS accepts up to 200). */
  historyPageSize: number;
}

export const defaultTiming: ChatServiceTiming = {
  pollMs: 3000,
  livePollMs: 60_000,
  pollBackoff: { baseMs: 2000, maxMs: 60_000 },
  sendBackoff: { baseMs: 1000, maxMs: 30_000 },
  maxSendAttempts: 8,
  realtimeGraceMs: 10_000,
  realtimeRetry: { baseMs: 5000, maxMs: 5 * 60_000 },
  historyPageSize: 50,
};
