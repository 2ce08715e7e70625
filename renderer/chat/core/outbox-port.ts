/** Where pending sends are kept: main's outbox through the bridge in the app, memory in tests. */
import type { OutboxEntry } from '../../../contract/channels-chat.js';

export type { OutboxEntry };

export interface OutboxPort {
  list(): Promise<OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  remove(clientMessageId: string): Promise<void>;
}

/** An outbox that lives as long as the page: for tests and for when main cannot be reached. */
export class MemoryOutbox implements OutboxPort {
  readonly entries = new Map<string, OutboxEntry>();
  async list(): Promise<OutboxEntry[]> {
    return [...this.entries.values()].map((e) => ({ ...e }));
  }
  async put(entry: OutboxEntry): Promise<void> {
    this.entries.set(entry.clientMessageId, { ...entry });
  }
  async remove(clientMessageId: string): Promise<void> {
    this.entries.delete(clientMessageId);
  }
}
