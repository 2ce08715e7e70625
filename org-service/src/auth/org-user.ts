import { createHash } from 'node:crypto';
import type { OrgUser } from '../store/identity-store.js';

export type { OrgUser };

/** The pseudo-issuer of users who sign in with a development API key. */
export const apiKeyIssuer = 'urn:acs-softphone:api-key';

/** A unique key for one user: a subject means something only together with its issuer. */
export function userKey(user: OrgUser): string {
  return `${user.issuer}\n${user.subject}`;
}

/** What logs show instead of the user id: stable, so lines can be correlated, but not the id itself. */
export function userPseudonym(user: OrgUser): string {
  return createHash('sha256').update(userKey(user)).digest('hex').slice(0, 12);
}
