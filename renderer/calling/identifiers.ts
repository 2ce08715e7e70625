/** Who is on the other end, as the app shows it: a name, else the number or raw ID. */
import type { CommunicationIdentifierKind } from '@azure/communication-common';
import { rawIdOf } from '../lib/identifiers.js';

export function displayOf(identifier: CommunicationIdentifierKind | undefined, name?: string): string {
  if (name) return name;
  if (identifier?.kind === 'phoneNumber') return identifier.phoneNumber;
  return rawIdOf(identifier) ?? '';
}
