import type { AppendedEvent, LiveLogStore } from './event-log.js';

/** An event to fan out: `type` is the SSE event name, `data` its JSON-serialisable data. */
export interface LiveEvent {
  type: string;
  data: unknown;
}

/**
 * How an event reaches every live stream of the people it is for. `publish` appends it to each
 * person's log (which assigns the per-person ids) and then hands the logged events to every
 * subscriber — in this process today. A PostgreSQL bus for several replicas would append and
 * `NOTIFY` in one transaction and call its subscribers from `LISTEN`; nothing else changes.
 *
 * Subscribers see each person's events in id order.
 */
export interface EventBus {
  publish(personIds: readonly string[], event: LiveEvent): Promise<AppendedEvent[]>;
  subscribe(listener: (events: AppendedEvent[]) => void): () => void;
  close(): Promise<void>;
}

/**
 * The bus of one service process. Publishes are serialised: with an asynchronous store two
 * appends could otherwise finish in the other order, and a stream would see id 6 before id 5.
 */
export class InProcessEventBus implements EventBus {
  private readonly listeners = new Set<(events: AppendedEvent[]) => void>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly log: LiveLogStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  publish(personIds: readonly string[], event: LiveEvent): Promise<AppendedEvent[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    const data = JSON.stringify(event.data);
    const run = this.queue.then(async () => {
      const appended = await this.log.append(personIds, event.type, data, this.now());
      for (const listener of this.listeners) listener(appended);
      return appended;
    });
    // A failed append must not block the ones after it; the caller still sees the failure.
    this.queue = run.catch(() => undefined);
    return run;
  }

  subscribe(listener: (events: AppendedEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.queue;
    this.listeners.clear();
  }
}
