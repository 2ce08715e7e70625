import { createHash } from 'node:crypto';

/** Who signed in, as the credential says: a subject is unique only within its issuer. */
export interface OrgUser {
  issuer: string;
  subject: string;
  /** The organisation they belong to: the OIDC issuer, or the API key's org. */
  org: string;
  /** How to show the user (not part of their identity; may change between sign-ins). */
  displayName?: string;
  /** Their e-mail or UPN, when the credential carries something that looks like one. */
  email?: string;
  /** When the credential itself stops being valid (an OIDC access token's `exp`), ms since the epoch; live streams end then. */
  credentialExpiresAt?: number;
}

/** The pseudo-issuer of users who sign in with a development API key. */
export const apiKeyIssuer = 'urn:acs-softphone:api-key';

/** A unique key for one user: a subject means something only together with its issuer. */
export function userKey(user: Pick<OrgUser, 'issuer' | 'subject'>): string {
  return `${user.issuer}\n${user.subject}`;
}

/** What logs show instead of the user id: stable, so lines can be correlated, but not the id itself. */
export function userPseudonym(user: Pick<OrgUser, 'issuer' | 'subject'>): string {
  return createHash('sha256').update(userKey(user)).digest('hex').slice(0, 12);
}
