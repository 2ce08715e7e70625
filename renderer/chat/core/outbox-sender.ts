/**
 * Sends the outbox, oldest first, exactly once when the service allows it. Each entry is
 * written to the outbox (with `maybeSent`) BEFORE it goes out, so a crash or a cut
 * connection in the middle of a send leaves a trace; the next attempt then first looks for
 * the message on the service by its client message id (stored in the message metadata) and
 * only resends when it is not there. After `maxAttempts` the entry is marked failed and the
 * user decides (retry or discard).
 */
import { Backoff, classifyFailure, type BackoffOptions } from './backoff.js';
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
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class OutboxSender {
  private readonly entries = new Map<string, OutboxEntry>();
  private readonly backoff: Backoff;
  private readonly maxAttempts: number;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: unknown = null;
  private stopped = false;

  constructor(private readonly options: OutboxSenderOptions) {
    this.backoff = new Backoff(options.backoff ?? { baseMs: 1000, maxMs: 60_000 });
    this.maxAttempts = options.maxAttempts ?? 8;
  }

  /** Loads what a previous run left in the outbox and starts sending it. */
  async start(): Promise<OutboxEntry[]> {
    for (const entry of await this.options.outbox.list()) this.entries.set(entry.clientMessageId, entry);
    this.kick();
    return this.list();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) (this.options.clearTimer ?? clearTimeout)(this.timer as never);
    this.timer = null;
  }

  list(): OutboxEntry[] {
    return [...this.entries.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

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
    this.backoff.reset();
    this.kick(true);
  }

  async discard(clientMessageId: string): Promise<void> {
    const entry = this.entries.get(clientMessageId);
    if (!entry) return;
    this.entries.delete(clientMessageId);
    await this.options.outbox.remove(clientMessageId);
    this.options.onEvent({ type: 'discarded', entry });
  }

  /** Sends now (e.g. the network came back), or as soon as the current pass ends. */
  kick(resetBackoff = false): void {
    if (this.stopped) return;
    if (resetBackoff) this.backoff.reset();
    if (this.timer !== null) {
      (this.options.clearTimer ?? clearTimeout)(this.timer as never);
      this.timer = null;
    }
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

  private async pass(): Promise<void> {
    for (const entry of this.list()) {
      if (this.stopped) return;
      if (entry.state !== 'pending' || !this.entries.has(entry.clientMessageId)) continue;
      const outcome = await this.attempt(entry);
      if (outcome === 'wait') {
        const delay = this.backoff.fail();
        this.timer = (this.options.setTimer ?? setTimeout)(() => {
          this.timer = null;
          this.kick();
        }, delay);
        // Later messages wait too, so a conversation keeps the order it was written in.
        return;
      }
      this.backoff.reset();
    }
  }

  private async attempt(entry: OutboxEntry): Promise<'done' | 'wait'> {
    const sender = this.options.senderFor(entry.threadId);
    let current = entry;
    try {
      if (current.maybeSent) {
        const found = await sender.findSent(current);
        if (found) return await this.succeeded(current, found);
      }
      current = { ...current, attempts: current.attempts + 1, maybeSent: true };
      await this.save(current);
      const id = await sender.send(current);
      return await this.succeeded(current, id);
    } catch (error) {
      const kind = classifyFailure(error);
      // The service said no without storing it: the next attempt need not look for it first.
      if (kind !== 'unknown') current = { ...current, maybeSent: false };
      if (kind === 'rejected' || current.attempts >= this.maxAttempts) {
        current = { ...current, state: 'failed' };
        await this.save(current).catch(() => undefined);
        this.options.onEvent({ type: 'failed', entry: current });
        return 'done';
      }
      await this.save(current).catch(() => undefined);
      return 'wait';
    }
  }

  private async save(entry: OutboxEntry): Promise<void> {
    if (!this.entries.has(entry.clientMessageId)) return;
    this.entries.set(entry.clientMessageId, entry);
    await this.options.outbox.put(entry);
  }

  private async succeeded(entry: OutboxEntry, id: string): Promise<'done'> {
    this.entries.delete(entry.clientMessageId);
    this.options.onEvent({ type: 'sent', entry, id });
    await this.options.outbox.remove(entry.clientMessageId).catch(() => undefined);
    return 'done';
  }
}
