/**
 * The outbox kept by main, reached through `window.softphone.chat`. Main knows who is signed in:
 * it lists that user's entries only, and refuses an entry written for anyone else. A refusal
 * (outbox full, chat turned off) is thrown as the bridge's BridgeError, carrying main's reason.
 */
import type { OutboxRecoveryNotice } from '../../../contract/channels-chat.js';
import type { SoftphoneApi } from '../../../contract/index.js';
import { call } from '../../lib/bridge.js';
import type { OutboxEntry, OutboxPort } from './outbox-port.js';

export class BridgeOutbox implements OutboxPort {
  /** Set by the first list() when main had to repair the outbox file. */
  recovery: OutboxRecoveryNotice | null = null;

  constructor(private readonly api: SoftphoneApi['chat']) {}

  async list(): Promise<OutboxEntry[]> {
    const view = await call(this.api.outboxList());
    this.recovery ??= view.recovery;
    return view.entries;
  }

  async put(entry: OutboxEntry): Promise<void> {
    await call(this.api.outboxPut(entry));
  }

  async remove(clientMessageId: string): Promise<void> {
    await call(this.api.outboxRemove({ clientMessageId }));
  }
}
