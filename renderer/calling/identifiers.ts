/** Who is on the other end, as the app keeps and shows it: the SDK's identifier kinds turned into raw IDs and names. */
import type { CommunicationIdentifierKind } from '@azure/communication-common';

export function rawIdOf(identifier: CommunicationIdentifierKind | undefined): string {
  if (!identifier) return '';
  switch (identifier.kind) {
    case 'communicationUser':
      return identifier.communicationUserId;
    case 'phoneNumber':
      return `4:${identifier.phoneNumber}`;
    case 'microsoftTeamsUser':
      return identifier.rawId ?? `8:orgid:${identifier.microsoftTeamsUserId}`;
    case 'microsoftTeamsApp':
      return identifier.rawId ?? `28:orgid:${identifier.teamsAppId}`;
    case 'teamsExtensionUser':
      return identifier.rawId ?? identifier.userId;
    default:
      return identifier.id;
  }
}

export function displayOf(identifier: CommunicationIdentifierKind | undefined, name?: string): string {
  if (name) return name;
  if (identifier?.kind === 'phoneNumber') return identifier.phoneNumber;
  return rawIdOf(identifier);
}
