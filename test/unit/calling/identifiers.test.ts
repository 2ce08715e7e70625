/** renderer/lib/identifiers: the raw IDs the app keys people by, checked against the SDK's own getIdentifierRawId. */
import { describe, expect, it } from 'vitest';
import { getIdentifierKind, getIdentifierRawId, type CommunicationIdentifier } from '@azure/communication-common';
import { rawIdOf } from '../../../renderer/lib/identifiers.js';

const teamsGuid = '0fd9b5b8-1b3c-4c11-9d7e-2a3e5d1f6c0a';
const identifiers: CommunicationIdentifier[] = [
  { communicationUserId: '8:acs:res_0000-1111' },
  { communicationUserId: '8:spool:res_0000-1111' },
  { phoneNumber: '+14255550100' },
  // A phone identifier's own rawId wins (the service may write it differently).
  { phoneNumber: '+14255550100', rawId: '4:14255550100' },
  { microsoftTeamsUserId: teamsGuid },
  { microsoftTeamsUserId: teamsGuid, cloud: 'gcch' },
  { microsoftTeamsUserId: teamsGuid, cloud: 'dod' },
  { microsoftTeamsUserId: teamsGuid, isAnonymous: true },
  { microsoftTeamsUserId: teamsGuid, rawId: `8:orgid:${teamsGuid}` },
  { teamsAppId: teamsGuid },
  { teamsAppId: teamsGuid, cloud: 'gcch' },
  { userId: 'u1', tenantId: 't1', resourceId: 'r1' },
  { userId: 'u1', tenantId: 't1', resourceId: 'r1', cloud: 'dod' },
  { id: '8:echo123' },
  { id: '28:bot' },
];

describe('rawIdOf', () => {
  it.each(identifiers.map((identifier) => [JSON.stringify(identifier), identifier] as const))('gives the SDK\'s raw ID for %s', (_, identifier) => {
    expect(rawIdOf(identifier)).toBe(getIdentifierRawId(identifier));
    // The Calling SDK hands out identifiers with their kind: the same answer.
    expect(rawIdOf(getIdentifierKind(identifier))).toBe(getIdentifierRawId(identifier));
  });

  it('is null for no identifier', () => {
    expect(rawIdOf(undefined)).toBeNull();
    expect(rawIdOf(null)).toBeNull();
  });
});
