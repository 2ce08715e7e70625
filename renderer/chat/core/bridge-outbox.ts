/** The outbox kept by main, reached through `window.softphone.chat`. */
import type { OutboxRecoveryNotice } from '../../../contract/channels-chat.js';
import type { SoftphoneApi } from '../../../contract/index.js';
import type { OutboxEntry, OutboxPort } from './outbox-port.js';

class OutboxBridgeError extends Error {
  constructor(readonly messageKey: string) {
    super(messageKey);
  }
}

export class BridgeOutbox implements OutboxPort {
  /** Set by the first list() when main had to repair the outbox file. */
  recovery: OutboxRecoveryNotice | null = null;

  constructor(private readonly api: SoftphoneApi['chat']) {}

  async list(): Promise<OutboxEntry[]> {
    const result = await this.api.outboxList();
    if (!result.ok) throw new OutboxBridgeError(result.error.messageKey);
    this.recovery ??= result.value.recovery;
    return result.value.entries;
  }

  async put(entry: OutboxEntry): Promise<void> {
    const result = await this.api.outboxPut(entry);
    if (!result.ok) throw new OutboxBridgeError(result.error.messageKey);
  }

  async remove(clientMessageId: string): Promise<void> {
    const result = await this.api.outboxRemove({ clientMessageId });
    if (!result.ok) throw new OutboxBridgeError(result.error.messageKey);
  }
}
