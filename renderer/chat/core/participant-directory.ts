/**
 * Who is in each conversation, for titles, the header and the "Call" button. Listing people
 * costs a request per conversation, so it is done again only when the conversation's
 * membership messages (someone added or removed) have changed since the last listing.
 */
import type { ChatParticipant, ChatThreadClient } from '@azure/communication-chat';
import { participantRef, type ParticipantRef } from './chat-item.js';
import type { ConversationModel } from './conversation-model.js';

export class ParticipantDirectory {
  /** Per conversation: how many membership messages there were at the last listing. */
  private readonly fetchedAt = new Map<string, number>();

  constructor(private readonly clientFor: (threadId: string) => Pick<ChatThreadClient, 'listParticipants'>) {}

  async list(threadId: string): Promise<ParticipantRef[]> {
    const out: ChatParticipant[] = [];
    for await (const p of this.clientFor(threadId).listParticipants()) out.push(p);
    return out.map(participantRef);
  }

  /** The people of the conversation when they may have changed since the last look, else null. */
  async refreshIfNeeded(threadId: string, model: ConversationModel | undefined): Promise<ParticipantRef[] | null> {
    const membershipChanges = model ? model.items().filter((i) => i.kind === 'participantAdded' || i.kind === 'participantRemoved').length : 0;
    if (this.fetchedAt.get(threadId) === membershipChanges) return null;
    const participants = await this.list(threadId);
    this.fetchedAt.set(threadId, membershipChanges);
    return participants;
  }

  forget(threadId: string): void {
    this.fetchedAt.delete(threadId);
  }
}
