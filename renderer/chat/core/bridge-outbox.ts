/**
 * The outbox kept by main, reached through `window.softphone.chat`. Main knows who is signed in:
 * it lists that user's entries only, and refuses an entry written for anyone else.
 */
import type { OutboxRecoveryNotice } from '../../../contract/channels-chat.js';
import type { IpcError } from '../../../contract/errors.js';
import type { SoftphoneApi } from '../../../contract/index.js';
import type { OutboxEntry, OutboxPort } from './outbox-port.js';

/** Main refused an outbox call; messageKey (e.g. chat:errors.outboxFull) says why, for the user. */
export class OutboxBridgeError extends Error {
  readonly messageKey: string;
  readonly params: Record<string, string | number> | undefined;
  constructor(error: IpcError) {
    super(error.messageKey);
    this.name = 'OutboxBridgeError';
    this.messageKey = error.messageKey;
    this.params = error.params;
  }
}

export class BridgeOutbox implements OutboxPort {
  /** Set by the first list() when main had to repair the outbox file. */
  recovery: OutboxRecoveryNotice | null = null;

  constructor(private readonly api: SoftphoneApi['chat']) {}

  async list(): Promise<OutboxEntry[]> {
    const result = await this.api.outboxList();
    if (!result.ok) throw new OutboxBridgeError(result.error);
    this.recovery ??= result.value.recovery;
    return result.value.entries;
  }

  async put(entry: OutboxEntry): Promise<void> {
    const result = await this.api.outboxPut(entry);
    if (!result.ok) throw new OutboxBridgeError(result.error);
  }

  async remove(clientMessageId: string): Promise<void> {
    const result = await this.api.outboxRemove({ clientMessageId });
    if (!result.ok) throw new OutboxBridgeError(result.error);
  }
}
