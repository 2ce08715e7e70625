/**
 * Subscribes to the Chat SDK's realtime notifications. The SDK accepts listeners only after
 * `startRealtimeNotifications()` has resolved, and that call throws where realtime does not
 * exist (Node) or cannot start; the caller then relies on polling alone.
 */
import type { ChatClient, ChatMessageDeletedEvent, ChatMessageEditedEvent, ChatMessageReceivedEvent, ReadReceiptReceivedEvent, TypingIndicatorReceivedEvent } from '@azure/communication-chat';
import { rawIdOf } from '../../lib/identifiers.js';

export interface RealtimeHandlers {
  connected(): void;
  disconnected(): void;
  received(event: ChatMessageReceivedEvent): void;
  edited(event: ChatMessageEditedEvent): void;
  deleted(event: ChatMessageDeletedEvent): void;
  readReceipt(event: ReadReceiptReceivedEvent): void;
  typing(event: TypingIndicatorReceivedEvent): void;
  /** A conversation was created, renamed or changed members: list conversations again. */
  conversationsChanged(): void;
  /** A conversation was deleted, or these people (raw ids) were removed from it. */
  left(threadId: string, removedIds: readonly string[] | 'everyone'): void;
}

export async function startRealtimeEvents(client: ChatClient, on: RealtimeHandlers): Promise<void> {
  await client.startRealtimeNotifications();
  client.on('realTimeNotificationConnected', () => on.connected());
  client.on('realTimeNotificationDisconnected', () => on.disconnected());
  client.on('chatMessageReceived', (e) => on.received(e));
  client.on('chatMessageEdited', (e) => on.edited(e));
  client.on('chatMessageDeleted', (e) => on.deleted(e));
  client.on('readReceiptReceived', (e) => on.readReceipt(e));
  client.on('typingIndicatorReceived', (e) => on.typing(e));
  client.on('chatThreadCreated', () => on.conversationsChanged());
  client.on('chatThreadDeleted', (e) => on.left(e.threadId, 'everyone'));
  client.on('chatThreadPropertiesUpdated', () => on.conversationsChanged());
  client.on('participantsAdded', () => on.conversationsChanged());
  client.on('participantsRemoved', (e) => on.left(e.threadId, e.participantsRemoved.map((p) => rawIdOf(p.id)).filter((id): id is string => id !== null)));
}
