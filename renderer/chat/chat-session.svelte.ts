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

/** Someone to open a one-to-one chat with (e.g. the other party of a call). */
export interface ChatRequest {
  userId: string;
  displayName?: string;
}

class ChatSession {
  current = $state.raw<ChatSessionInput | null>(null);
  /** Set by another feature ("chat with this caller"); the chat view opens it and clears it. */
  request = $state.raw<ChatRequest | null>(null);
  /** Set by the calling feature: how to call a person from a one-to-one chat. */
  callPerson = $state.raw<((userId: string, displayName: string) => void) | null>(null);

  openConversationWith(request: ChatRequest): void {
    this.request = request;
  }

  set(input: ChatSessionInput): void {
    this.current = input;
  }

  clear(): void {
    this.current = null;
    this.request = null;
  }
}

export const chatSession = new ChatSession();
