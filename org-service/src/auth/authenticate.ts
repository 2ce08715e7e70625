import { unauthorized } from '../errors.js';
import { looksLikeEmail } from '../directory/search-terms.js';
import type { ApiKeyStore } from './api-key-store.js';
import type { OidcVerifier } from './oidc.js';
import { apiKeyIssuer, type OrgUser } from './org-user.js';

export type Authenticator = (authorizationHeader: string | undefined) => Promise<OrgUser>;

/**
 * Reads `Authorization: Bearer <OIDC access token>` or `Authorization: ApiKey <key>` and returns
 * the organisation user, or throws a 401/403 ApiError. Each scheme works only if configured.
 */
export function createAuthenticator(options: { oidc?: OidcVerifier; apiKeys?: ApiKeyStore }): Authenticator {
  return async (header) => {
    if (!header) throw unauthorized('Sign in first: send Authorization: Bearer <token> or ApiKey <key>.');
    const space = header.indexOf(' ');
    const scheme = (space > 0 ? header.slice(0, space) : header).toLowerCase();
    const credential = space > 0 ? header.slice(space + 1).trim() : '';
    if (!credential) throw unauthorized('The Authorization header has no credential.');
    if (scheme === 'bearer') {
      if (!options.oidc) throw unauthorized('This token service does not accept OIDC sign-in; use an API key.');
      return options.oidc(credential);
    }
    if (scheme === 'apikey') {
      if (!options.apiKeys) throw unauthorized('This token service does not accept API keys; sign in with your organisation account.');
      const key = await options.apiKeys.verify(credential);
      if (!key) throw unauthorized('The API key is not valid or has been revoked.');
      // The name given to create-api-key (often an email address) is all we know of them.
      return { issuer: apiKeyIssuer, subject: key.user, org: key.org, displayName: key.user, ...(looksLikeEmail(key.user) ? { email: key.user } : {}) };
    }
    throw unauthorized('Unsupported Authorization scheme; use Bearer or ApiKey.');
  };
}
