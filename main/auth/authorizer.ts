/**
 * Turns the stored credential into the Authorization header the token service expects:
 * `ApiKey <key>`, or `Bearer <OIDC access token>` — renewing the access token with the refresh
 * token first when it is about to expire.
 */
import type { Clock } from './clock.js';
import type { StoredCredential } from './session.js';
import { TokenServiceError } from './token-service-client.js';

export type OidcCredential = Extract<StoredCredential, { kind: 'oidc' }>;

/** Renews an OIDC access token (main/auth/oidc-sign-in.ts implements it with openid-client). */
export interface OidcRefresher {
  /**
   * Resolves with the renewed credential; rejects with a TokenServiceError — `aborted` as soon as
   * `signal` aborts, without waiting for the provider.
   */
  refresh(credential: OidcCredential, signal?: AbortSignal): Promise<OidcCredential>;
}

export interface Authorization {
  header: string;
  /** The credential to keep from now on (a renewed OIDC one, or the same). */
  credential: StoredCredential;
}

export type Authorize = (credential: StoredCredential, signal?: AbortSignal) => Promise<Authorization>;

/** An access token this close to expiry is renewed first, so it cannot expire in flight. */
const accessTokenMarginMs = 60_000;

export function createAuthorizer(clock: Clock, oidc: OidcRefresher | null): Authorize {
  return async (credential, signal) => {
    if (credential.kind === 'api-key') return { header: `ApiKey ${credential.apiKey}`, credential };
    if (credential.accessTokenExpiresAt - accessTokenMarginMs > clock.now()) {
      return { header: `Bearer ${credential.accessToken}`, credential };
    }
    // Without a refresh token (the provider gave none) only a new sign-in can help.
    if (!credential.refreshToken || !oidc) throw new TokenServiceError('unauthorized');
    const renewed = await oidc.refresh(credential, signal);
    return { header: `Bearer ${renewed.accessToken}`, credential: renewed };
  };
}
