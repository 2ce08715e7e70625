/**
 * Sign-in, sign-out and the token channel: what the auth:* IPC handlers do. Plain TypeScript:
 * the HTTP client, the safe storage and the browser are all injected (auth-services.ts).
 */
import type { AuthState, UserToken } from '../../contract/channels-auth.js';
import type { Logger } from '../app/logger.js';
import { UserFacingError } from '../ipc/user-facing-error.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { createAuthorizer, type OidcCredential } from './authorizer.js';
import type { Clock } from './clock.js';
import { OidcSignInError, type OidcSettings } from './oidc-sign-in.js';
import type { StoredCredential } from './session.js';
import type { TokenCache } from './token-cache.js';
import { TokenServiceError } from './token-service-client.js';

/** The browser half of OIDC sign-in (OidcSignIn in the app, a fake identity provider in tests). */
export interface OidcAuthenticator {
  signIn(settings: OidcSettings, signal?: AbortSignal): Promise<OidcCredential>;
}

export interface AuthServiceOptions {
  cache: TokenCache;
  settings: SettingsStore;
  oidc: OidcAuthenticator;
  clock: Clock;
  log: Logger;
}

export class AuthService {
  private attempt: AbortController | null = null;
  /** The revocation sent at the last sign-out (tests and shutdown wait for it). */
  pendingRevocation: Promise<void> = Promise.resolve();

  constructor(private readonly options: AuthServiceOptions) {}

  state(): AuthState {
    return this.options.cache.state;
  }

  async signInWithApiKey(request: { serviceUrl: string; apiKey: string }): Promise<AuthState> {
    return this.signIn('api-key', request.serviceUrl, async () => ({ kind: 'api-key', apiKey: request.apiKey }));
  }

  async signInWithOidc(request: { serviceUrl: string }): Promise<AuthState> {
    const values = this.options.settings.view().values;
    if (!values.oidcIssuer || !values.oidcClientId) throw new UserFacingError('auth:reasons.oidc.notConfigured');
    const oidcSettings: OidcSettings = { issuer: values.oidcIssuer, clientId: values.oidcClientId, scopes: values.oidcScopes };
    return this.signIn('oidc', request.serviceUrl, (signal) => this.options.oidc.signIn(oidcSettings, signal));
  }

  cancelSignIn(): AuthState {
    if (this.attempt) {
      this.attempt.abort();
      this.attempt = null;
      this.options.cache.failSignIn({ key: 'auth:reasons.cancelled' });
    }
    return this.state();
  }

  /** Forgets the session at once, then asks the service to revoke its tokens (best effort). */
  async signOut(): Promise<AuthState> {
    this.attempt?.abort();
    this.attempt = null;
    const session = this.options.cache.signOut();
    if (session) {
      this.pendingRevocation = this.revoke(session.serviceUrl, session.credential);
      this.options.log.info('auth: signed out');
    }
    return this.state();
  }

  async retryNow(): Promise<AuthState> {
    await this.options.cache.retryNow();
    return this.state();
  }

  async getToken(): Promise<UserToken> {
    const token = await this.options.cache.getToken();
    const override = this.options.settings.get('acsEndpoint');
    return {
      token: token.token,
      expiresOn: new Date(token.expiresOn).toISOString(),
      communicationUserId: token.communicationUserId,
      acsEndpoint: override || token.acsEndpoint,
    };
  }

  private async signIn(method: 'api-key' | 'oidc', requestedUrl: string, credentialFor: (signal: AbortSignal) => Promise<StoredCredential>): Promise<AuthState> {
    const serviceUrl = this.serviceUrlFor(requestedUrl);
    this.attempt?.abort();
    const attempt = new AbortController();
    this.attempt = attempt;
    const cache = this.options.cache;
    cache.beginSignIn(method);
    try {
      const credential = await credentialFor(attempt.signal);
      const authorization = await createAuthorizer(this.options.clock, null)(credential, attempt.signal);
      const token = await cache.client.requestToken(serviceUrl, authorization.header, attempt.signal);
      if (attempt.signal.aborted) throw new OidcSignInError('cancelled');
      this.rememberServiceUrl(serviceUrl);
      cache.completeSignIn({ serviceUrl, credential, token });
      return cache.state;
    } catch (error) {
      const key = reasonFor(error, method);
      this.options.log.warn('auth: sign-in failed', { method, reason: key });
      // A newer attempt owns the state now; only the current one reports.
      if (this.attempt === attempt) cache.failSignIn({ key });
      throw new UserFacingError(key);
    } finally {
      if (this.attempt === attempt) this.attempt = null;
    }
  }

  /** IT's URL wins over whatever the renderer sent; otherwise the user's choice is used. */
  private serviceUrlFor(requested: string): string {
    const view = this.options.settings.view();
    return view.locked.includes('tokenServiceUrl') && view.values.tokenServiceUrl ? view.values.tokenServiceUrl : requested;
  }

  private rememberServiceUrl(serviceUrl: string): void {
    const view = this.options.settings.view();
    if (!view.locked.includes('tokenServiceUrl') && view.values.tokenServiceUrl !== serviceUrl) {
      this.options.settings.set({ tokenServiceUrl: serviceUrl });
    }
  }

  private async revoke(serviceUrl: string, credential: StoredCredential): Promise<void> {
    try {
      const authorization = await createAuthorizer(this.options.clock, null)(credential);
      await this.options.cache.client.signOut(serviceUrl, authorization.header);
    } catch (error) {
      this.options.log.warn('auth: the token service could not revoke the tokens at sign-out', { reason: error instanceof TokenServiceError ? error.kind : 'unknown' });
    }
  }
}

function reasonFor(error: unknown, method: 'api-key' | 'oidc'): string {
  if (error instanceof OidcSignInError) return error.kind === 'cancelled' ? 'auth:reasons.cancelled' : error.reasonKey;
  if (error instanceof TokenServiceError) {
    if (error.kind === 'aborted') return 'auth:reasons.cancelled';
    if (method === 'api-key' && (error.kind === 'unauthorized' || error.kind === 'forbidden')) return 'auth:reasons.apiKeyRefused';
    return error.reasonKey;
  }
  return 'auth:reasons.unexpected';
}
