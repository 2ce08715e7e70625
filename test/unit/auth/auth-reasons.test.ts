/** Every reason main can give for an auth state or a failed sign-in has English and Spanish text. */
import { describe, expect, it } from 'vitest';
import { resources } from '../../../locales/index.js';
import { OidcSignInError, type OidcFailure } from '../../../main/auth/oidc-sign-in.js';
import { TokenServiceError, type TokenServiceFailure } from '../../../main/auth/token-service-client.js';

// Records (not arrays) so that a new failure kind fails compilation until it is listed here.
const serviceFailures: Record<TokenServiceFailure, true> = {
  unreachable: true, timeout: true, unauthorized: true, forbidden: true, 'rate-limited': true, unavailable: true,
  'server-error': true, 'bad-request': true, 'not-found': true, 'bad-response': true, 'expired-token': true, aborted: true,
};
const oidcFailures: Record<OidcFailure, true> = {
  denied: true, 'provider-error': true, 'state-mismatch': true, 'missing-code': true, timeout: true, cancelled: true,
  unreachable: true, rejected: true, 'no-access-token': true,
};
const fixedKeys = ['auth:reasons.signedOut', 'auth:reasons.tokenExpired', 'auth:reasons.tokenRefused', 'auth:reasons.apiKeyRefused', 'auth:reasons.cancelled', 'auth:reasons.unexpected', 'auth:reasons.oidc.notConfigured'];

function lookup(language: 'en' | 'es', key: string): unknown {
  const [ns, path] = key.split(':') as [keyof (typeof resources)['en'], string];
  return path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources[language][ns]);
}

describe('auth reasons', () => {
  const keys = [
    ...Object.keys(serviceFailures).map((kind) => new TokenServiceError(kind as TokenServiceFailure).reasonKey),
    ...Object.keys(oidcFailures).map((kind) => new OidcSignInError(kind as OidcFailure).reasonKey),
    ...fixedKeys,
  ];
  it.each(keys)('%s is translated', (key) => {
    expect(typeof lookup('en', key)).toBe('string');
    expect(typeof lookup('es', key)).toBe('string');
  });
});
