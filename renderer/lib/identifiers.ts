/**
 * People as the app keys them: raw IDs (8:acs:…, 4:+…, 8:orgid:…). Only types come from the
 * SDK, so calling, chat and the app's first bundle use this without loading an SDK.
 */
import type { CommunicationIdentifier, CommunicationIdentifierKind } from '@azure/communication-common';

type Cloud = 'public' | 'dod' | 'gcch' | undefined;

/**
 * The raw ID of an identifier from the Calling or Chat SDK, as the SDK's getIdentifierRawId
 * gives it: the identifier's own rawId when it carries one (a phone number's too), else one
 * built from its parts. Null only for no identifier, or one with nothing to name it by.
 */
export function rawIdOf(identifier: CommunicationIdentifier | CommunicationIdentifierKind | null | undefined): string | null {
  if (!identifier) return null;
  const id = identifier as unknown as Partial<Record<string, unknown>>;
  const text = (key: string): string | null => (typeof id[key] === 'string' ? (id[key] as string) : null);
  const own = text('rawId') || null;
  const cloud = id.cloud as Cloud;

  const acsUser = text('communicationUserId');
  if (acsUser !== null) return acsUser;
  const phone = text('phoneNumber');
  if (phone !== null) return own ?? `4:${phone}`;
  const teamsUser = text('microsoftTeamsUserId');
  if (teamsUser !== null) {
    if (own) return own;
    if (id.isAnonymous === true) return `8:teamsvisitor:${teamsUser}`;
    return `8:${cloud === 'dod' || cloud === 'gcch' ? cloud : 'orgid'}:${teamsUser}`;
  }
  const teamsApp = text('teamsAppId');
  if (teamsApp !== null) return own ?? `28:${cloud === 'dod' || cloud === 'gcch' ? cloud : 'orgid'}:${teamsApp}`;
  const [user, tenant, resource] = [text('userId'), text('tenantId'), text('resourceId')];
  if (user !== null && tenant !== null && resource !== null) {
    return own ?? `8:${cloud === 'dod' || cloud === 'gcch' ? `${cloud}-acs` : 'acs'}:${resource}_${tenant}_${user}`;
  }
  return text('id') ?? own;
}

/** The kinds of ACS user ID: 8:acs:…, the older 8:spool:…, and the sovereign clouds' ones. */
const acsUserPrefix = /^8:(acs|spool|dod-acs|gcch-acs):/;
// Resource and user GUIDs with '_' and '-' between them; nothing else belongs in one.
const acsUserId = /^8:(acs|spool|dod-acs|gcch-acs):[A-Za-z0-9_-]{1,200}$/;

/** Whether a raw ID claims to be an ACS user (valid or not): dialling then says what is wrong with it. */
export function hasAcsUserPrefix(rawId: string): boolean {
  return acsUserPrefix.test(rawId);
}

/**
 * Whether a raw ID is an ACS user: the one test for dialling one, chatting with one (chat reaches
 * only ACS users; Teams users and phone numbers are called, not chatted with) and adding one.
 */
export function isAcsUserId(rawId: string): boolean {
  return acsUserId.test(rawId);
}
