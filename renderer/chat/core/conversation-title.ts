/** What a conversation is called in the list: its topic, else the other people's names. */
import type { ParticipantRef } from './chat-item.js';

export function conversationTitle(topic: string, participants: readonly ParticipantRef[], selfId: string): string | null {
  if (topic.trim()) return topic.trim();
  const others = participants.filter((p) => p.id !== selfId).map((p) => p.displayName);
  return others.length > 0 ? others.join(', ') : null;
}

/** The one other person of a one-to-one conversation (to call them, or to show their name). */
export function otherParticipant(participants: readonly ParticipantRef[], selfId: string): ParticipantRef | null {
  const others = participants.filter((p) => p.id !== selfId);
  return others.length === 1 ? others[0]! : null;
}
