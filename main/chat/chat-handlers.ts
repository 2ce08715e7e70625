/** The chat channels of the contract, answered by the outbox store and the unread counter. */
import type { Logger } from '../app/logger.js';
import type { IpcRouter } from '../ipc/ipc-router.js';
import { ChatOutboxStore } from './chat-outbox-store.js';
import { UnreadCounter } from './unread-counter.js';
import type { StoreFactory } from '../settings/settings-store.js';

export function createChatServices(router: IpcRouter, deps: { directory: string; factory: StoreFactory; projectVersion: string; log: Logger }) {
  const outbox = new ChatOutboxStore({ directory: deps.directory, factory: deps.factory, projectVersion: deps.projectVersion });
  if (outbox.recoveryNotice) {
    deps.log.warn('chat: outbox file repaired at start-up', { reason: outbox.recoveryNotice.reason, dropped: outbox.recoveryNotice.dropped });
  }
  const unread = new UnreadCounter();
  router.handle('chat:outboxList', () => outbox.view());
  router.handle('chat:outboxPut', (entry) => outbox.put(entry));
  router.handle('chat:outboxRemove', ({ clientMessageId }) => outbox.remove(clientMessageId));
  router.handle('chat:unreadChanged', ({ total }) => unread.set(total));
  return { outbox, unread };
}
