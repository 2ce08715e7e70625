/**
 * The chat channels of the contract, answered by the outbox store and the unread counter.
 * IT's allowChat policy (a setting, locked when managed) is checked on every call: while chat
 * is off the outbox is neither read nor written, and unread chats leave the tray badge. Whose
 * outbox it is, main decides: the signed-in user's entries are listed, and an entry for anyone
 * else is refused (a renderer still running for the previous user cannot file into the next's).
 */
import type { Logger } from '../app/logger.js';
import type { IpcRouter } from '../ipc/ipc-router.js';
import { UserFacingError } from '../ipc/user-facing-error.js';
import { ChatOutboxStore } from './chat-outbox-store.js';
import { UnreadCounter } from './unread-counter.js';
import type { SettingsStore, StoreFactory } from '../settings/settings-store.js';

export interface ChatServiceDeps {
  directory: string;
  factory: StoreFactory;
  projectVersion: string;
  log: Logger;
  settings: Pick<SettingsStore, 'get' | 'onChange'>;
  /** The communicationUserId of whoever is signed in, or null (AuthService.signedInUserId). */
  signedInUser: () => string | null;
}

export function createChatServices(router: IpcRouter, deps: ChatServiceDeps) {
  const outbox = new ChatOutboxStore({ directory: deps.directory, factory: deps.factory, projectVersion: deps.projectVersion });
  if (outbox.recoveryNotice) {
    deps.log.warn('chat: outbox file repaired at start-up', { reason: outbox.recoveryNotice.reason, dropped: outbox.recoveryNotice.dropped });
  }
  const unread = new UnreadCounter();
  const allowed = () => deps.settings.get('allowChat');
  const whenAllowed = <T>(act: () => T): T => {
    if (!allowed()) throw new UserFacingError('chat:errors.disabledByPolicy');
    return act();
  };
  router.handle('chat:outboxList', () => whenAllowed(() => outbox.view(deps.signedInUser())));
  router.handle('chat:outboxPut', (entry) =>
    whenAllowed(() => {
      if (entry.ownerId !== deps.signedInUser()) {
        deps.log.warn('chat: refused an outbox entry for someone other than the signed-in user');
        throw new UserFacingError('chat:errors.notYourOutbox');
      }
      outbox.put(entry);
    }),
  );
  router.handle('chat:outboxRemove', ({ clientMessageId }) => whenAllowed(() => outbox.remove(clientMessageId)));
  // Zero is always accepted: it is how a stopping chat clears the badge.
  router.handle('chat:unreadChanged', ({ total }) => unread.set(allowed() ? total : 0));
  deps.settings.onChange(() => {
    if (!allowed()) unread.set(0);
  });
  return { outbox, unread };
}
