/**
 * Realtime notifications that come back after a failed start. Offline at launch (a login
 * item starting before the network) the first start fails; the SDK marks a client "started"
 * before it connects, so asking the same client again does nothing. Each attempt therefore
 * gets a fresh ChatClient, with backoff between attempts; the service asks again when the
 * network returns and after each successful poll.
 */
import type { ChatClient } from '@azure/communication-chat';
import { Backoff, type BackoffOptions } from './backoff.js';
import { startRealtimeEvents, type RealtimeHandlers } from './realtime-events.js';

export interface RealtimeLinkOptions {
  createClient: () => ChatClient;
  handlers: RealtimeHandlers;
  retry: BackoffOptions;
  now?: () => number;
}

export class RealtimeLink {
  private client: ChatClient | null = null;
  private attempt: Promise<boolean> | null = null;
  private retryAt = 0;
  private stopped = false;
  private readonly backoff: Backoff;
  private readonly now: () => number;
  /** Attempts made so far (for tests and diagnostics). */
  attempts = 0;

  constructor(private readonly options: RealtimeLinkOptions) {
    this.backoff = new Backoff(options.retry);
    this.now = options.now ?? Date.now;
  }

  /** True once a start succeeded (connected or not: the SDK reconnects a started client itself). */
  get started(): boolean {
    return this.client !== null;
  }

  /**
   * Starts realtime unless it is started, starting, or waiting out its backoff (`force`: the
   * network came back, try now). Resolves with whether it is started.
   */
  start(force = false): Promise<boolean> {
    if (this.stopped || this.client) return Promise.resolve(this.client !== null);
    if (this.attempt) return this.attempt;
    if (!force && this.now() < this.retryAt) return Promise.resolve(false);
    this.attempt = this.tryStart().finally(() => {
      this.attempt = null;
    });
    return this.attempt;
  }

  private async tryStart(): Promise<boolean> {
    this.attempts++;
    const client = this.options.createClient();
    try {
      await startRealtimeEvents(client, this.options.handlers);
    } catch {
      // Let the failed client go quietly; the next attempt gets a fresh one.
      void Promise.resolve()
        .then(() => client.stopRealtimeNotifications())
        .catch(() => undefined);
      this.retryAt = this.now() + this.backoff.fail();
      return false;
    }
    if (this.stopped) {
      await client.stopRealtimeNotifications().catch(() => undefined);
      return false;
    }
    this.client = client;
    this.backoff.reset();
    return true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.attempt?.catch(() => false);
    const client = this.client;
    this.client = null;
    await client?.stopRealtimeNotifications().catch(() => undefined);
  }
}
