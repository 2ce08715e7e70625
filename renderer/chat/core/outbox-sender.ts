/**
 * Sends the outbox exactly once when the service allows it, oldest first within each
 * conversation. Each entry is written to the outbox (with `maybeSent`) BEFORE it goes out, so
 * a crash or a cut connection in the middle of a send leaves a trace; the next attempt then
 * first looks for the message on the service by its client message id (stored in the message
 * metadata) and only resends when it is not there. After `maxAttempts` the entry is marked
 * failed and the user decides (retry or discard).
 *
 * Order is kept per conversation only: a conversation whose sends are failing (a 503, a
 * throttle) waits with its own backoff — at least as long as the service's Retry-After — and
 * the other conversations carry on sending.
 */
import { Backoff, classifyFailure, retryAfterMs, type BackoffOptions } from './backoff.js';
import type { OutboxEntry, OutboxPort } from './outbox-port.js';

export interface ThreadSender {
  /** Sends and returns the service's message id. */
  send(entry: OutboxEntry): Promise<string>;
  /** The id of the message carrying this entry's client message id, if the service has it. */
  findSent(entry: OutboxEntry): Promise<string | null>;
}

export type OutboxEvent =
  | { type: 'queued'; entry: OutboxEntry }
  | { type: 'sent'; entry: OutboxEntry; id: string }
  | { type: 'failed'; entry: OutboxEntry }
  | { type: 'discarded'; entry: OutboxEntry };

export interface OutboxSenderOptions {
  outbox: OutboxPort;
  senderFor: (threadId: string) => ThreadSender;
  onEvent: (event: OutboxEvent) => void;
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /** The longest a Retry-After is honoured (a broken header must not park a conversation for days). */
  maxRetryAfterMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  now?: () => number;
}

type Outcome = { kind: 'done' } | { kind: 'wait'; retryAfterMs: number | null };

/** One conversation's place in the queue: its failures and when it may try again. */
interface ThreadQueue {
  backoff: Backoff;
  notBefore: number;
}

export class OutboxSender {
  private readonly entries = new Map<string, OutboxEntry>();
  private readonly threads = new Map<string, ThreadQueue>();
  private readonly maxAttempts: number;
  private readonly maxRetryAfterMs: number;
  private readonly now: () => number;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: unknown = null;
  private stopped = false;

  constructor(private readonly options: OutboxSenderOptions) {
    this.maxAttempts = options.maxAttempts ?? 8;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Loads what a previous run left in the outbox and starts sending it. */
  async start(): Promise<OutboxEntry[]> {
    for (const entry of await this.options.outbox.list()) this.entries.set(entry.clientMessageId, entry);
    this.kick();
    return this.list();
  }

  /** No new attempts; resolves when the one in flight (if any) has ended, so no other session overlaps it. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.running?.catch(() => undefined);
  }

  list(): OutboxEntry[] {
    return [...this.entries.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Stores the entry, then sends it. Rejects (and keeps nothing) when the outbox cannot store it. */
  async enqueue(entry: OutboxEntry): Promise<void> {
    await this.options.outbox.put(entry);
    this.entries.set(entry.clientMessageId, entry);
    this.options.onEvent({ type: 'queued', entry });
    this.kick();
  }

  async retry(clientMessageId: string): Promise<void> {
    const entry = this.entries.get(clientMessageId);
    if (!entry) return;
    const again: OutboxEntry = { ...entry, state: 'pending', attempts: 0 };
    await this.options.outbox.put(again);
    this.entries.set(clientMessageId, again);
    this.options.onEvent({ type: 'queued', entry: again });
    this.threads.delete(entry.threadId);
    this.kick();
  }

  async discard(clientMessageId: string): Promise<void> {
    const entry = this.entries.get(clientMessageId);
    if (!entry) return;
    this.entries.delete(clientMessageId);
    await this.options.outbox.remove(clientMessageId);
    this.options.onEvent({ type: 'discarded', entry });
  }

  /** Drops every entry of a conversation the user left or was removed from (they cannot be sent). */
  async discardThread(threadId: string): Promise<void> {
    const doomed = this.list().filter((e) => e.threadId === threadId);
    for (const entry of doomed) this.entries.delete(entry.clientMessageId);
    this.threads.delete(threadId);
    await Promise.all(doomed.map((e) => this.options.outbox.remove(e.clientMessageId).catch(() => undefined)));
    for (const entry of doomed) this.options.onEvent({ type: 'discarded', entry });
  }

  /** Sends now (e.g. the network came back), or as soon as the current pass ends. */
  kick(resetBackoff = false): void {
    if (this.stopped) return;
    if (resetBackoff) this.threads.clear();
    this.clearTimer();
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Resolves when nothing is left to send now (pending entries may wait for a timer). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private clearTimer(): void {
    if (this.timer !== null) (this.options.clearTimer ?? clearTimeout)(this.timer as never);
    this.timer = null;
  }

  private queueOf(threadId: string): ThreadQueue {
    let queue = this.threads.get(threadId);
    if (!queue) {
      queue = { backoff: new Backoff(this.options.backoff ?? { baseMs: 1000, maxMs: 60_000 }), notBefore: 0 };
      this.threads.set(threadId, queue);
    }
    return queue;
  }

  private async pass(): Promise<void> {
    // A conversation that has to wait keeps its later messages behind the one that failed.
    const waiting = new Set<string>();
    for (const entry of this.list()) {
      if (this.stopped) return;
      if (entry.state !== 'pending' || !this.entries.has(entry.clientMessageId) || waiting.has(entry.threadId)) continue;
      const queue = this.queueOf(entry.threadId);
      if (this.now() < queue.notBefore) {
        waiting.add(entry.threadId);
        continue;
      }
      const outcome = await this.attempt(entry);
      if (outcome.kind === 'wait') {
        const delay = Math.max(queue.backoff.fail(), Math.min(outcome.retryAfterMs ?? 0, this.maxRetryAfterMs));
        queue.notBefore = this.now() + delay;
        waiting.add(entry.threadId);
      } else {
        this.threads.delete(entry.threadId);
      }
    }
    this.scheduleNext();
  }

  /** Wakes up when the first waiting conversation may try again. */
  private scheduleNext(): void {
    if (this.stopped) return;
    let next = Infinity;
    for (const entry of this.entries.values()) {
      if (entry.state !== 'pending') continue;
      next = Math.min(next, this.threads.get(entry.threadId)?.notBefore ?? 0);
    }
    if (next === Infinity) return;
    this.timer = (this.options.setTimer ?? setTimeout)(() => {
      this.timer = null;
      this.kick();
    }, Math.max(0, next - this.now()));
  }

  private async attempt(entry: OutboxEntry): Promise<Outcome> {
    const sender = this.options.senderFor(entry.threadId);
    let current = entry;
    let sending = false;
    try {
      if (current.maybeSent) {
        const found = await sender.findSent(current);
        if (found) return await this.succeeded(current, found);
      }
      sending = true;
      current = { ...current, attempts: current.attempts + 1, maybeSent: true };
      await this.save(current);
      const id = await sender.send(current);
      return await this.succeeded(current, id);
    } catch (error) {
      const kind = classifyFailure(error);
      // The service said no to the send without storing it: the next attempt need not look
      // for it first. A failed lookup says nothing about the earlier send, so it still might.
      if (sending && kind !== 'unknown') current = { ...current, maybeSent: false };
      if (kind === 'rejected' || current.attempts >= this.maxAttempts) {
        current = { ...current, state: 'failed' };
        await this.save(current).catch(() => undefined);
        this.options.onEvent({ type: 'failed', entry: current });
        return { kind: 'done' };
      }
      await this.save(current).catch(() => undefined);
      return { kind: 'wait', retryAfterMs: retryAfterMs(error, this.now()) };
    }
  }

  private async save(entry: OutboxEntry): Promise<void> {
    if (!this.entries.has(entry.clientMessageId)) return;
    this.entries.set(entry.clientMessageId, entry);
    await this.options.outbox.put(entry);
  }

  private async succeeded(entry: OutboxEntry, id: string): Promise<Outcome> {
    this.entries.delete(entry.clientMessageId);
    this.options.onEvent({ type: 'sent', entry, id });
    await this.options.outbox.remove(entry.clientMessageId).catch(() => undefined);
    return { kind: 'done' };
  }
}
