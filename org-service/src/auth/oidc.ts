import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { OidcConfig } from '../config.js';
import { looksLikeEmail } from '../directory/search-terms.js';
import { ApiError, forbidden, unauthorized } from '../errors.js';
import type { OrgUser } from './org-user.js';

/**
 * Production sign-in: an OIDC access token (e.g. from Entra ID) validated with jose against the
 * issuer's published keys — signature, issuer, audience, expiry (with a small clock tolerance).
 * Only asymmetric algorithms are accepted, so a token "signed" with a shared secret or `none`
 * can never pass.
 */
const asymmetricAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** jose error codes that mean "this token is not acceptable" (as opposed to "we could not check it"). */
const rejectedTokenCodes = new Set([
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JWS_INVALID',
  'ERR_JWT_INVALID',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
  'ERR_JWK_INVALID',
]);

export type OidcVerifier = (accessToken: string) => Promise<OrgUser>;

export interface OidcVerifierOptions {
  /** Seconds sent as Retry-After when the issuer's keys cannot be fetched. */
  retryAfterSeconds: number;
  /** For tests: a key set instead of fetching one. */
  keySet?: JWTVerifyGetKey;
}

const issuerUnreachable = (retryAfterSeconds: number) =>
  // The agreed API has one code for "an upstream we depend on failed; retry later".
  new ApiError(503, 'acs_unavailable', "The sign-in provider's signing keys could not be fetched. Try again later.", retryAfterSeconds);

/** Reads jwks_uri from the issuer's OpenID configuration (OIDC Discovery 1.0, section 4). */
async function discoverJwksUri(issuer: string): Promise<string> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000), headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`discovery answered ${response.status}`);
  const metadata = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (metadata.issuer !== issuer) throw new Error('discovery document names a different issuer');
  if (typeof metadata.jwks_uri !== 'string') throw new Error('discovery document has no jwks_uri');
  return metadata.jwks_uri;
}

function userIdFrom(payload: JWTPayload, claims: string[]): string | undefined {
  for (const claim of claims) {
    const value = payload[claim];
    if (typeof value === 'string' && value.length > 0 && value.length <= 256) return value;
  }
  return undefined;
}

/** How to show the user: `name`, else the sign-in name or email (Entra: preferred_username). */
function displayNameFrom(payload: JWTPayload): string | undefined {
  for (const claim of ['name', 'preferred_username', 'email']) {
    const value = payload[claim];
    // Control characters and bidi overrides have no place in a name shown to other people.
    const clean = typeof value === 'string' ? value.replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu, '').trim() : '';
    if (clean.length > 0 && clean.length <= 256) return clean;
  }
  return undefined;
}

/** The e-mail or UPN (Entra: preferred_username), when it looks like an address. */
function emailFrom(payload: JWTPayload): string | undefined {
  for (const claim of ['email', 'preferred_username']) {
    const value = payload[claim];
    if (typeof value === 'string' && looksLikeEmail(value.trim())) return value.trim();
  }
  return undefined;
}

function carriesScope(payload: JWTPayload, scope: string): boolean {
  const scp = typeof payload.scp === 'string' ? payload.scp.split(' ') : typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
  const roles = Array.isArray(payload.roles) ? payload.roles : [];
  return scp.includes(scope) || roles.includes(scope);
}

export function createOidcVerifier(config: OidcConfig, options: OidcVerifierOptions): OidcVerifier {
  let keySet: Promise<JWTVerifyGetKey> | undefined = options.keySet ? Promise.resolve(options.keySet) : undefined;
  const keys = () => {
    keySet ??= (async () => {
      const jwksUri = config.jwksUri ?? (await discoverJwksUri(config.issuer));
      return createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
    })();
    // A failed discovery must not stick: forget it so the next request tries again.
    keySet.catch(() => {
      keySet = undefined;
    });
    return keySet;
  };

  return async (accessToken) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(accessToken, await keys(), {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: asymmetricAlgorithms,
        clockTolerance: config.clockToleranceSeconds,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'ERR_JWT_EXPIRED') throw unauthorized('The access token has expired. Sign in again.');
      if (typeof code === 'string' && rejectedTokenCodes.has(code)) {
        throw unauthorized('The access token is not valid for this service.');
      }
      throw issuerUnreachable(options.retryAfterSeconds);
    }
    const subject = userIdFrom(payload, config.userClaims);
    if (!subject) throw unauthorized('The access token does not identify a user.');
    if (config.requiredScope && !carriesScope(payload, config.requiredScope)) {
      throw forbidden('The access token does not grant access to the token service.');
    }
    const displayName = displayNameFrom(payload);
    const email = emailFrom(payload);
    // Everyone the configured issuer signs in belongs to one organisation, named by the issuer.
    return { issuer: config.issuer, subject, org: config.issuer, ...(displayName ? { displayName } : {}), ...(email ? { email } : {}), ...(typeof payload.exp === 'number' ? { credentialExpiresAt: payload.exp * 1000 } : {}) };
  };
}
