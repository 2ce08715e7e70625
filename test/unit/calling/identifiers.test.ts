/** renderer/lib/identifiers: the raw IDs the app keys people by (checked against the SDK's own getIdentifierRawId), and which are ACS users. */
import { describe, expect, it } from 'vitest';
import { getIdentifierKind, getIdentifierRawId, type CommunicationIdentifier } from '@azure/communication-common';
import { hasAcsUserPrefix, isAcsUserId, rawIdOf } from '../../../renderer/lib/identifiers.js';

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

describe('isAcsUserId', () => {
  it('accepts ACS user ids and refuses anything else', () => {
    // Moved from the chat rows test, where chat's own copy of the pattern was checked.
    expect(isAcsUserId('8:acs:1a2b3c_0000-1111')).toBe(true);
    for (const bad of ['', 'bob', '8:acs:', '4:+15551234567', '8:acs:x y', '8:acs:<script>']) expect(isAcsUserId(bad)).toBe(false);
  });

  it('is one decision for dialling, chatting and adding people: every ACS cloud, no Teams user', () => {
    for (const good of ['8:spool:res_0000-1111', '8:dod-acs:res_0000-1111', '8:gcch-acs:res_0000-1111']) expect(isAcsUserId(good)).toBe(true);
    for (const bad of [`8:orgid:${teamsGuid}`, `8:gcch:${teamsGuid}`, '8:teamsvisitor:abc', '8:echo123', '28:orgid:bot', '8:acs:a.b', '8:acs:a:b']) expect(isAcsUserId(bad)).toBe(false);
    expect(hasAcsUserPrefix('8:acs:x y')).toBe(true);
    expect(hasAcsUserPrefix(`8:orgid:${teamsGuid}`)).toBe(false);
  });
});
