/**
 * Sign-in with the organisation's identity provider: OpenID Connect authorization code flow
 * with PKCE, state and nonce, through the user's own browser and a loopback redirect
 * (RFC 8252: native apps must not use embedded web views for sign-in). openid-client does the
 * protocol; this file only wires it to the browser opener and the loopback listener.
 */
import * as oidc from 'openid-client';
import type { Clock } from './clock.js';
import type { OidcCredential, OidcRefresher } from './authorizer.js';
import { LoopbackRedirectError, startLoopbackRedirect, type LoopbackFailure, type LoopbackPages } from './loopback-redirect.js';
import { TokenServiceError, type FetchLike } from './token-service-client.js';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Extra scopes, space-separated (e.g. `api://org-service/access_as_user`). */
  scopes: string;
}

export type OidcFailure = LoopbackFailure | 'unreachable' | 'rejected' | 'no-access-token';

export class OidcSignInError extends Error {
  constructor(readonly kind: OidcFailure) {
    super(`oidc sign-in: ${kind}`);
    this.name = 'OidcSignInError';
  }

  get reasonKey(): string {
    return `auth:reasons.oidc.${this.kind.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase())}`;
  }
}

export interface OidcSignInOptions {
  /** Opens a URL in the system browser (shell.openExternal in the app). */
  openBrowser: (url: string) => Promise<void>;
  /** The pages the browser shows after the redirect, in the user's language. */
  pages: () => LoopbackPages;
  clock: Clock;
  /**
   * HTTP to the identity provider (discovery, code exchange, refresh): Electron's net.fetch in
   * the app, so the system proxy and the OS certificate store apply; Node's fetch when absent.
   */
  fetch?: FetchLike;
  /** How long to wait for the user to finish in the browser. */
  browserTimeoutMs?: number;
}

/** Ask for a refresh token too, so the app can renew access without bothering the user. */
const baseScopes = ['openid', 'profile', 'offline_access'];

export class OidcSignIn implements OidcRefresher {
  private readonly configs = new Map<string, Promise<oidc.Configuration>>();

  constructor(private readonly options: OidcSignInOptions) {}

  async signIn(settings: OidcSettings, signal?: AbortSignal): Promise<OidcCredential> {
    const config = await this.configFor(settings.issuer, settings.clientId);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const loopback = await startLoopbackRedirect({
      expectedState: state,
      timeoutMs: this.options.browserTimeoutMs ?? 5 * 60_000,
      pages: this.options.pages(),
      ...(signal ? { signal } : {}),
    });
    try {
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: loopback.redirectUri,
        scope: [...baseScopes, ...settings.scopes.split(/\s+/).filter(Boolean)].join(' '),
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        // Let the user pick (or add) an account instead of being signed in silently as whoever
        // the browser last used: after a sign-out, the next person must be able to switch.
        prompt: 'select_account',
      });
      // Only a web page may be opened: https, or http on this machine (a development provider).
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && url.hostname === '127.0.0.1')) throw new OidcSignInError('rejected');
      await this.options.openBrowser(url.href);
      const callback = await loopback.result;
      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      });
      return this.credentialFrom(settings, tokens, null);
    } catch (error) {
      throw toSignInError(error);
    } finally {
      loopback.close();
    }
  }

  /**
   * Renews the access token; a refused refresh token means the user must sign in again. When
   * `signal` aborts, stops waiting for the provider (openid-client's grant takes no signal) and
   * rejects with `aborted`.
   */
  async refresh(credential: OidcCredential, signal?: AbortSignal): Promise<OidcCredential> {
    const refreshToken = credential.refreshToken;
    if (!refreshToken) throw new TokenServiceError('unauthorized');
    try {
      if (signal?.aborted) throw new TokenServiceError('aborted');
      const tokens = await stopWaitingOnAbort(
        this.configFor(credential.issuer, credential.clientId).then((config) => oidc.refreshTokenGrant(config, refreshToken)),
        signal,
      );
      return this.credentialFrom({ issuer: credential.issuer, clientId: credential.clientId, scopes: '' }, tokens, refreshToken);
    } catch (error) {
      if (error instanceof TokenServiceError) throw error;
      if (error instanceof oidc.ResponseBodyError && error.status >= 400 && error.status < 500) throw new TokenServiceError('unauthorized');
      this.configs.delete(`${credential.issuer} ${credential.clientId}`);
      throw new TokenServiceError('unreachable');
    }
  }

  private credentialFrom(settings: OidcSettings, tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers, previousRefreshToken: string | null): OidcCredential {
    if (!tokens.access_token) throw new OidcSignInError('no-access-token');
    // Without expires_in, assume a short life: renewing early is cheap, a 401 is not.
    const lifetimeSeconds = tokens.expiresIn() ?? 300;
    return {
      kind: 'oidc',
      issuer: settings.issuer,
      clientId: settings.clientId,
      accessToken: tokens.access_token,
      accessTokenExpiresAt: this.options.clock.now() + lifetimeSeconds * 1000,
      // Providers that rotate refresh tokens send a new one; others expect the old one again.
      refreshToken: tokens.refresh_token ?? previousRefreshToken,
    };
  }

  private configFor(issuer: string, clientId: string): Promise<oidc.Configuration> {
    const key = `${issuer} ${clientId}`;
    let pending = this.configs.get(key);
    if (!pending) {
      const server = new URL(issuer);
      const loopbackHttp = server.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(server.hostname);
      const execute = loopbackHttp ? [oidc.allowInsecureRequests] : [];
      const fetch = this.options.fetch;
      // The configuration keeps using this fetch for the code exchange and refreshes too.
      const customFetch: oidc.CustomFetch | undefined = fetch ? (url, init) => fetch(url, init as RequestInit) : undefined;
      pending = oidc
        .discovery(server, clientId, undefined, oidc.None(), { execute, timeout: 15, ...(customFetch ? { [oidc.customFetch]: customFetch } : {}) })
        .catch((error: unknown) => {
          this.configs.delete(key);
          throw error instanceof oidc.ResponseBodyError ? new OidcSignInError('rejected') : new OidcSignInError('unreachable');
        });
      this.configs.set(key, pending);
    }
    return pending;
  }
}

/** `work`, or a rejection with TokenServiceError('aborted') as soon as `signal` aborts. */
function stopWaitingOnAbort<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new TokenServiceError('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function toSignInError(error: unknown): OidcSignInError {
  if (error instanceof OidcSignInError) return error;
  if (error instanceof LoopbackRedirectError) return new OidcSignInError(error.kind);
  if (error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError) return new OidcSignInError('rejected');
  if (error instanceof oidc.ClientError) return new OidcSignInError('rejected');
  return new OidcSignInError('unreachable');
}
