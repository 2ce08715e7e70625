/**
 * What the chat UI shows for one message, whatever it came from: a page listed from the
 * service, a realtime event, or the user's own pending send. Text is untrusted and is only
 * ever rendered as text.
 */
import type { ChatMessage, ChatParticipant } from '@azure/communication-chat';
import { rawIdOf } from '../../lib/identifiers.js';

export type ChatItemKind = 'text' | 'html' | 'topicUpdated' | 'participantAdded' | 'participantRemoved';
export type ChatItemStatus = 'sent' | 'pending' | 'failed';

export interface ParticipantRef {
  id: string;
  displayName: string;
}

export interface ChatItem {
  /**
   * Stable row key: the client message id for the user's own sends (so a pending row keeps its
   * place when the server confirms it), else the server id. Never the client message id of
   * someone else's message: that comes from their metadata, which they control.
   */
  key: string;
  id: string | null;
  /** Only on the user's own messages (see `key`). */
  clientMessageId: string | null;
  kind: ChatItemKind;
  senderId: string | null;
  senderName: string;
  text: string;
  /** Server time (ms); for a pending message, the local time it was written. */
  createdOn: number;
  /** False until the service has assigned the message its time and place. */
  confirmed: boolean;
  sequenceId: number | null;
  version: number;
  editedOn: number | null;
  deletedOn: number | null;
  status: ChatItemStatus;
  topic?: string;
  participants?: ParticipantRef[];
  initiatorId?: string;
}

export function participantRef(p: ChatParticipant): ParticipantRef {
  const id = rawIdOf(p.id) ?? '';
  return { id, displayName: p.displayName?.trim() || id };
}

/** Client message id we store in message metadata to recognise our own sends when they come back. */
export const clientMessageIdKey = 'clientMessageId';

/**
 * The client message id of a message, trusted only when the signed-in user sent it: anyone
 * can put any metadata on their own messages, so another sender's id could name one of ours.
 */
export function ownClientMessageId(metadata: Record<string, string> | undefined, senderId: string | null, selfId: string): string | null {
  if (senderId === null || senderId !== selfId) return null;
  const value = metadata?.[clientMessageIdKey];
  return typeof value === 'string' && value ? value : null;
}

/** A listed SDK message as a ChatItem, seen by the user `selfId`. */
export function itemFromMessage(message: ChatMessage, selfId: string): ChatItem {
  const senderId = rawIdOf(message.sender);
  const clientMessageId = ownClientMessageId(message.metadata, senderId, selfId);
  const kind = (['text', 'html', 'topicUpdated', 'participantAdded', 'participantRemoved'] as const).includes(message.type as ChatItemKind)
    ? (message.type as ChatItemKind)
    : 'text';
  const item: ChatItem = {
    key: clientMessageId ?? message.id,
    id: message.id,
    clientMessageId,
    kind,
    senderId,
    senderName: message.senderDisplayName?.trim() || senderId || '',
    text: message.deletedOn ? '' : (message.content?.message ?? ''),
    createdOn: message.createdOn.getTime(),
    confirmed: true,
    sequenceId: Number.isFinite(Number(message.sequenceId)) ? Number(message.sequenceId) : null,
    version: Number(message.version) || 0,
    editedOn: message.editedOn ? message.editedOn.getTime() : null,
    deletedOn: message.deletedOn ? message.deletedOn.getTime() : null,
    status: 'sent',
  };
  if (message.content?.topic !== undefined) item.topic = message.content.topic;
  if (message.content?.participants) item.participants = message.content.participants.map(participantRef);
  const initiator = rawIdOf(message.content?.initiator);
  if (initiator) item.initiatorId = initiator;
  return item;
}

/** Newest-last order: confirmed messages by server time then sequence, pending ones after them. */
export function compareItems(a: ChatItem, b: ChatItem): number {
  if (a.confirmed !== b.confirmed) return a.confirmed ? -1 : 1;
  if (a.createdOn !== b.createdOn) return a.createdOn - b.createdOn;
  if (a.sequenceId !== null && b.sequenceId !== null && a.sequenceId !== b.sequenceId) return a.sequenceId - b.sequenceId;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
