/**
 * The SDK clients of each conversation, made once. Reads (listing, receipts, edits) go through
 * the ChatClient's thread clients with the SDK's retries. Sends go through their own client
 * with the SDK's retries off: a send retried blindly after a cut connection could post twice;
 * the outbox retries with a lookup first. Typing notifications use it too, so the SDK's typing
 * throttle (reset by a send) holds.
 */
import type { ChatClient, ChatClientOptions, ChatThreadClient } from '@azure/communication-chat';
import type { CommunicationTokenCredential } from '@azure/communication-common';

export interface ThreadClientsOptions {
  client: ChatClient;
  ChatThreadClient: typeof ChatThreadClient;
  endpoint: string;
  credential: CommunicationTokenCredential;
  clientOptions?: ChatClientOptions | undefined;
}

export class ThreadClients {
  private readonly readers = new Map<string, ChatThreadClient>();
  private readonly senders = new Map<string, ChatThreadClient>();

  constructor(private readonly options: ThreadClientsOptions) {}

  read(threadId: string): ChatThreadClient {
    let c = this.readers.get(threadId);
    if (!c) {
      c = this.options.client.getChatThreadClient(threadId);
      this.readers.set(threadId, c);
    }
    return c;
  }

  send(threadId: string): ChatThreadClient {
    let c = this.senders.get(threadId);
    if (!c) {
      c = new this.options.ChatThreadClient(this.options.endpoint, threadId, this.options.credential, { ...this.options.clientOptions, retryOptions: { maxRetries: 0 } });
      this.senders.set(threadId, c);
    }
    return c;
  }
}
