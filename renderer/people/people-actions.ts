/**
 * Calling and chatting with someone picked from the directory: through the same flows as the
 * dial box (CallingService.dial with their raw id) and a call's "Chat" button
 * (chatSession.openConversationWith), and noted in the user's recent contacts.
 */
import type { DirectoryPerson } from '../../contract/channels-people.js';
import { callingRuntime } from '../calling/calling-runtime.svelte.js';
import { chatSession } from '../chat/chat-session.svelte.js';
import type { PeopleRuntime } from './people-runtime.svelte.js';

/** Places a call to the person; resolves with an i18n key when it could not be placed. */
export async function callPerson(person: DirectoryPerson, people: PeopleRuntime | null, options: { video?: boolean } = {}): Promise<string | null> {
  if (!person.communicationUserId) return 'people:person.noIdentity';
  void people?.contacts.noteRecent(person);
  const service = callingRuntime()?.service;
  if (!service) return 'calls:errors.notConnected';
  const outcome = await service.dial(person.communicationUserId, options);
  return outcome.ok ? null : outcome.messageKey;
}

/** Opens (or starts) the one-to-one chat with the person and brings Chat forward. */
export function chatWithPerson(person: DirectoryPerson, people: PeopleRuntime | null): string | null {
  if (!person.communicationUserId) return 'people:person.noIdentity';
  void people?.contacts.noteRecent(person);
  chatSession.openConversationWith({ userId: person.communicationUserId, displayName: person.displayName });
  return null;
}
