/**
 * The outbox's view of one conversation on the Chat SDK: send with the client message id in
 * the metadata, and look a message up by that id when a send's outcome is unknown.
 */
import type { ChatThreadClient } from '@azure/communication-chat';
import { rawIdOf } from '../../lib/identifiers.js';
import { clientMessageIdKey } from './chat-item.js';
import type { ThreadSender } from './outbox-sender.js';

/** Slack for the difference between this machine's clock and the service's. */
const clockSlackMs = 10 * 60_000;

export function sdkThreadSender(sendClient: ChatThreadClient, readClient: ChatThreadClient, selfId: string): ThreadSender {
  return {
    async send(entry) {
      const result = await sendClient.sendMessage(
        { content: entry.content },
        { ...(entry.senderDisplayName ? { senderDisplayName: entry.senderDisplayName } : {}), metadata: { [clientMessageIdKey]: entry.clientMessageId } },
      );
      return result.id;
    },
    async findSent(entry) {
      const startTime = new Date(Date.parse(entry.createdAt) - clockSlackMs);
      for await (const message of readClient.listMessages({ startTime, maxPageSize: 200 })) {
        if (message.metadata?.[clientMessageIdKey] === entry.clientMessageId && rawIdOf(message.sender) === selfId) return message.id;
      }
      return null;
    },
  };
}
