/**
 * The chat feature's input from sign-in: the shared CommunicationTokenCredential (the same
 * one calling uses, refreshed through the bridge), the ACS endpoint and the user's
 * communicationUserId. Sign-in sets it when a token is ready and clears it on sign-out;
 * the chat view starts and stops its ChatService accordingly.
 */
import type { CommunicationTokenCredential } from '@azure/communication-common';

export interface ChatSessionInput {
  credential: CommunicationTokenCredential;
  endpoint: string;
  userId: string;
  displayName: string;
}

class ChatSession {
  current = $state.raw<ChatSessionInput | null>(null);

  set(input: ChatSessionInput): void {
    this.current = input;
  }

  clear(): void {
    this.current = null;
  }
}

export const chatSession = new ChatSession();
