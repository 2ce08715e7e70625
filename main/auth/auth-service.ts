/**
 * Sign-in, sign-out and the token channel: what the auth:* IPC handlers do. Plain TypeScript:
 * the HTTP client, the safe storage and the browser are all injected (auth-services.ts).
 */
import type { AuthState, UserToken } from '../../contract/channels-auth.js';
import { describeError, type Logger } from '../app/logger.js';
import { UserFacingError } from '../ipc/user-facing-error.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { createAuthorizer, type OidcCredential, type OidcRefresher } from './authorizer.js';
import type { Clock, Timers } from './clock.js';
import type { LastUserMarker } from './last-user.js';
import { OidcSignInError, type OidcSettings } from './oidc-sign-in.js';
import type { IssuedToken, Session, StoredCredential } from './session.js';
import type { ServiceAuthorization, TokenCache } from './token-cache.js';
import { TokenServiceError } from './token-service-client.js';

/** The browser half of OIDC sign-in (OidcSignIn in the app, a fake identity provider in tests). */
export interface OidcAuthenticator {
  signIn(settings: OidcSettings, signal?: AbortSignal): Promise<OidcCredential>;
}

export interface AuthServiceOptions {
  cache: TokenCache;
  settings: SettingsStore;
  oidc: OidcAuthenticator;
  /**
   * Renews an expired OIDC access token (null without OIDC), so that a sign-out long after the
   * last renewal can still prove who is asking the service to revoke.
   */
  refresher: OidcRefresher | null;
  /** Who signed in last on this computer (see last-user.ts). */
  lastUser: LastUserMarker;
  clock: Clock;
  timers: Timers;
  log: Logger;
}

/** A revocation gives up after this long (renewing the access token included). */
export const revocationTimeoutMs = 5_000;

export class AuthService {
  private attempt: AbortController | null = null;
  private readonly revocations = new Set<Promise<void>>();
  private readonly userListeners = new Set<() => void>();

  constructor(private readonly options: AuthServiceOptions) {}

  /** Picks up the session kept from the last run, if any, and starts refreshing it. */
  start(): void {
    this.options.cache.start();
    // Upgrading from a version without the marker: the restored session's user is the last one.
    const userId = this.signedInUserId();
    if (userId && this.options.lastUser.get() === null) this.options.lastUser.set(userId);
  }

  state(): AuthState {
    return this.options.cache.state;
  }

  /**
   * The communicationUserId of the person signed in, or null: the session's, so it stays while
   * a renewal fails, the token has expired or the same session signs in again.
   */
  signedInUserId(): string | null {
    return this.options.cache.currentSession?.token?.communicationUserId || null;
  }

  /**
   * The service URL and a fresh Authorization header for the organisation's routes beyond
   * /token (directory, presence, the live channel); null when signed out. See TokenCache.
   */
  serviceAuthorization(signal?: AbortSignal): Promise<ServiceAuthorization | null> {
    return this.options.cache.serviceAuthorization(signal);
  }

  /**
   * Called when the person using the app changes: at sign-out, and when someone other than the
   * last user signs in. Per-user data kept outside the session (call history) is cleared then.
   */
  onUserChanged(listener: () => void): () => void {
    this.userListeners.add(listener);
    return () => this.userListeners.delete(listener);
  }

  /** Every revocation still under way has finished (resolves at once when there is none). */
  get pendingRevocation(): Promise<void> {
    return Promise.all([...this.revocations]).then(() => undefined);
  }

  get revocationPending(): boolean {
    return this.revocations.size > 0;
  }

  /** Waits for the revocations under way, but never longer than `maxMs` (app quit). */
  settleRevocation(maxMs: number): Promise<void> {
    if (this.revocations.size === 0) return Promise.resolve();
    let timer: unknown = null;
    const giveUp = new Promise<void>((resolve) => (timer = this.options.timers.setTimeout(resolve, maxMs)));
    return Promise.race([this.pendingRevocation, giveUp]).finally(() => this.options.timers.clearTimeout(timer));
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
      this.startRevocation(session);
      this.options.log.info('auth: signed out');
      this.options.lastUser.clear();
      this.userChanged();
    }
    return this.state();
  }

  async retryNow(): Promise<AuthState> {
    await this.options.cache.retryNow();
    return this.state();
  }

  async getToken(): Promise<UserToken> {
    return this.toUserToken(await this.options.cache.getToken());
  }

  /** ACS refused the token expiring at `refusedExpiresOn`: a new one (see TokenCache). */
  async replaceRefusedToken(request: { refusedExpiresOn: string }): Promise<UserToken> {
    return this.toUserToken(await this.options.cache.replaceRefusedToken(Date.parse(request.refusedExpiresOn)));
  }

  private toUserToken(token: IssuedToken): UserToken {
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
      // A sign-out moments ago (perhaps of this same person) must reach ACS first: ACS revokes
      // every token issued before the revocation, and this sign-in's token must not be one.
      await this.settleRevocation(revocationTimeoutMs);
      const authorization = await createAuthorizer(this.options.clock, null)(credential, attempt.signal);
      const token = await cache.client.requestToken(serviceUrl, authorization.header, attempt.signal);
      if (attempt.signal.aborted) throw new OidcSignInError('cancelled');
      this.rememberServiceUrl(serviceUrl);
      const previous = cache.currentSession;
      cache.completeSignIn({ serviceUrl, credential, token });
      this.replaced(previous, token);
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

  /**
   * After a sign-in that replaced an earlier session (whose credential had stopped working):
   * revoke the earlier session's tokens if they belong to someone else. Not for the same
   * person: ACS revokes per identity, so it would also kill the token just issued (and the
   * user's other devices' tokens), while their old token here is already forgotten.
   */
  private replaced(previous: Readonly<Session> | null, token: IssuedToken): void {
    const previousUser = previous?.token?.communicationUserId;
    if (previous && previousUser && previousUser !== token.communicationUserId) this.startRevocation(previous);
    if (this.options.lastUser.get() !== token.communicationUserId) {
      this.options.lastUser.set(token.communicationUserId);
      this.userChanged();
    }
  }

  private userChanged(): void {
    for (const listener of this.userListeners) {
      try {
        listener();
      } catch (error) {
        this.options.log.warn('auth: a user-change listener failed', describeError(error));
      }
    }
  }

  private startRevocation(session: Readonly<Session>): void {
    const revoking: Promise<void> = this.revoke(session.serviceUrl, session.credential).finally(() => this.revocations.delete(revoking));
    this.revocations.add(revoking);
  }

  /**
   * Asks the service to revoke the session's ACS tokens, renewing an expired OIDC access token
   * first if it must; gives up after revocationTimeoutMs. Never throws.
   */
  private async revoke(serviceUrl: string, credential: StoredCredential): Promise<void> {
    const controller = new AbortController();
    const timer = this.options.timers.setTimeout(() => controller.abort(), revocationTimeoutMs);
    try {
      const authorization = await createAuthorizer(this.options.clock, this.options.refresher)(credential, controller.signal);
      await this.options.cache.client.signOut(serviceUrl, authorization.header, controller.signal);
    } catch (error) {
      const reason = controller.signal.aborted ? 'timeout' : error instanceof TokenServiceError ? error.kind : 'unknown';
      this.options.log.warn('auth: the token service could not revoke the tokens', { reason });
    } finally {
      this.options.timers.clearTimeout(timer);
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
