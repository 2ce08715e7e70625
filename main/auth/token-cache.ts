/**
 * The ACS token cache of the main process. It alone talks to the token service for tokens:
 *
 * - single-flight: however many callers ask at once, one request is in flight;
 * - proactive: the next token is fetched well before the current one expires (retry-policy.ts);
 * - patient: failures back off exponentially with jitter, background retries are bounded, and
 *   a caller asking during a back-off gets the last failure at once instead of a new request;
 * - offline-tolerant: while the current token is valid, callers keep getting it;
 * - awake: after the machine sleeps or the network returns, it re-checks at once (wake());
 * - correctable: a token ACS refused is dropped and replaced, at a bounded rate;
 * - persistent only through the SessionVault (OS-encrypted, or memory only);
 * - observable: it publishes an AuthState with an i18n reason whenever its state changes.
 *
 * Tokens never reach the logger; they leave this class only through getToken().
 */
import type { AuthReason, AuthState } from '../../contract/channels-auth.js';
import type { Logger } from '../app/logger.js';
import { UserFacingError } from '../ipc/user-facing-error.js';
import { createAuthorizer, type Authorization, type Authorize, type OidcRefresher } from './authorizer.js';
import { systemClock, systemTimers, type Clock, type Timers } from './clock.js';
import { backoffDelayMs, defaultRetryPolicy, refreshAt, type RetryPolicy } from './retry-policy.js';
import { methodOf, type IssuedToken, type Session } from './session.js';
import type { SessionVault } from './session-vault.js';
import { defaultRequestTimeoutMs, TokenServiceClient, TokenServiceError, type FetchLike } from './token-service-client.js';

export interface TokenCacheOptions {
  fetch: FetchLike;
  vault: SessionVault;
  log: Logger;
  clock?: Clock;
  timers?: Timers;
  /** Source of jitter; Math.random in the app, fixed in tests. */
  random?: () => number;
  retryPolicy?: RetryPolicy;
  /** How long one token request may take. */
  requestTimeoutMs?: number;
  /** Renews OIDC access tokens; null when OIDC is not in use. */
  oidc?: OidcRefresher | null;
}

/** A token this close to expiry is not handed out: it could expire before it is used. */
const handOutMarginMs = 5_000;
/** However often the user clicks "Try again", the service hears from us at most this often. */
const minManualRetryIntervalMs = 5_000;
/**
 * However often the renderer reports a refused token, a forced renewal starts at most this
 * often: a misbehaving renderer cannot hammer the service (which allows 30 requests a minute).
 */
export const minForcedRefreshIntervalMs = 15_000;

/** Where the organisation's other routes are, and the header they need; never logged. */
export interface ServiceAuthorization {
  serviceUrl: string;
  authorization: string;
}

interface Failure {
  error: TokenServiceError;
  /** Consecutive failures so far. */
  count: number;
  /** Earliest time another attempt may start (null: only a new sign-in helps). */
  nextAttemptAt: number | null;
  /** Whether a background retry is scheduled for nextAttemptAt. */
  retryScheduled: boolean;
}

export class TokenCache {
  readonly client: TokenServiceClient;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly policy: RetryPolicy;
  private readonly authorize: Authorize;
  private readonly listeners = new Set<(state: AuthState) => void>();
  private readonly sessionListeners = new Set<(signedIn: boolean) => void>();
  /** One credential renewal at a time: OIDC refresh tokens rotate, two renewals would race. */
  private authorizing: { credential: Session['credential']; promise: Promise<Authorization> } | null = null;

  private session: Session | null = null;
  private signingIn: 'api-key' | 'oidc' | null = null;
  private signedOutReason: AuthReason | null = null;
  private failure: Failure | null = null;
  private inFlight: Promise<IssuedToken> | null = null;
  /** A refused token's replacement under way (one at a time; others join it). */
  private replacing: Promise<IssuedToken> | null = null;
  private lastForcedAt = Number.NEGATIVE_INFINITY;
  /** Bumped on every sign-in and sign-out, so a request started before cannot land after. */
  private epoch = 0;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private refreshTimer: unknown = null;
  private expiryTimer: unknown = null;
  private published: string | null = null;
  private current: AuthState;

  constructor(private readonly options: TokenCacheOptions) {
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemTimers;
    this.random = options.random ?? Math.random;
    this.policy = options.retryPolicy ?? defaultRetryPolicy;
    this.authorize = createAuthorizer(this.clock, options.oidc ?? null);
    this.client = new TokenServiceClient({
      fetch: options.fetch,
      clock: this.clock,
      timers: this.timers,
      timeoutMs: options.requestTimeoutMs ?? defaultRequestTimeoutMs,
    });
    this.current = this.computeState();
  }

  get persistence() {
    return this.options.vault.persistence;
  }

  /** Picks up the session kept from the last run, if any, and starts refreshing it. */
  start(): void {
    this.session = this.options.vault.load();
    this.afterSessionChange();
    if (this.session && !this.usableToken()) this.refreshInBackground();
    if (this.session) this.sessionChanged(true);
  }

  get state(): AuthState {
    return this.current;
  }

  onStateChange(listener: (state: AuthState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Called when a session begins (restored at start, or a sign-in — also the same person's) and
   * when it ends (sign-out): the live channel starts over, with nothing of the last session.
   */
  onSessionChange(listener: (signedIn: boolean) => void): () => void {
    this.sessionListeners.add(listener);
    return () => this.sessionListeners.delete(listener);
  }

  /**
   * The service URL and a fresh Authorization header for the organisation's other routes (the
   * directory, presence, the live channel): the credential POST /token uses, an OIDC access
   * token renewed first when it is about to expire. Null when nobody is signed in (or the
   * session changed meanwhile). Rejects with a TokenServiceError when the credential cannot be
   * had (renewal refused or unreachable).
   */
  async serviceAuthorization(signal?: AbortSignal): Promise<ServiceAuthorization | null> {
    const session = this.session;
    if (!session) return null;
    const epoch = this.epoch;
    const authorization = await this.authorizeOnce(session);
    if (signal?.aborted) throw new TokenServiceError('aborted');
    if (epoch !== this.epoch) return null;
    return { serviceUrl: session.serviceUrl, authorization: authorization.header };
  }

  /**
   * Another route of the service refused the credential (401/403 from the live channel or the
   * directory): ask the token service now, so that the auth state says "sign in again" when that
   * is so. However many report it, at most one check per minForcedRefreshIntervalMs.
   */
  recheckCredential(): void {
    if (!this.session || this.signingIn || this.inFlight || this.failure?.error.needsSignIn) return;
    if (this.clock.now() - this.lastAttemptAt < minForcedRefreshIntervalMs) return;
    this.options.log.info('auth: the service refused the credential elsewhere; checking it');
    this.refreshInBackground();
  }

  /** The session's service URL and credential (for sign-out); null when signed out. */
  get currentSession(): Readonly<Session> | null {
    return this.session;
  }

  beginSignIn(method: 'api-key' | 'oidc'): void {
    this.signingIn = method;
    this.signedOutReason = null;
    this.publish();
  }

  /** Sign-in failed or was cancelled: back to signed out (keeping any earlier session). */
  failSignIn(reason: AuthReason | null): void {
    this.signingIn = null;
    if (!this.session) this.signedOutReason = reason;
    this.publish();
  }

  /** Adopts a freshly signed-in session (its first token already fetched). */
  completeSignIn(session: Session & { token: IssuedToken }): void {
    this.epoch++;
    this.signingIn = null;
    this.signedOutReason = null;
    this.session = { ...session };
    this.failure = null;
    // A request of the previous session may still be running; it can no longer land (epoch), and
    // it must not keep blocking this session's refreshes either.
    this.inFlight = null;
    this.replacing = null;
    this.options.vault.save(this.session);
    this.options.log.info('auth: signed in', { method: session.credential.kind, persistence: this.persistence });
    this.afterSessionChange();
    this.sessionChanged(true);
  }

  /** Forgets everything; returns the session that was active, so the caller can revoke it. */
  signOut(reason: AuthReason | null = null): Session | null {
    const previous = this.session;
    this.epoch++;
    this.session = null;
    this.signingIn = null;
    this.failure = null;
    this.inFlight = null;
    this.replacing = null;
    this.signedOutReason = reason;
    this.options.vault.clear();
    this.clearTimers();
    this.publish();
    if (previous) this.sessionChanged(false);
    return previous;
  }

  /**
   * A valid token for the ACS SDKs. Answers from the cache while the token is valid; otherwise
   * joins (or starts) the one request in flight. During a back-off it fails at once with the
   * last reason rather than asking the service again.
   */
  async getToken(): Promise<IssuedToken> {
    if (!this.session) throw new UserFacingError('auth:reasons.signedOut');
    const now = this.clock.now();
    const token = this.usableToken();
    if (token) {
      // A sleeping machine can miss the refresh timer: catch up when someone asks.
      if (now >= refreshAt(token.obtainedAt, token.expiresOn) && this.mayAttempt(now)) this.refreshInBackground();
      return token;
    }
    if (this.inFlight) return this.inFlight;
    if (!this.mayAttempt(now)) throw new UserFacingError(this.failure!.error.reasonKey);
    return this.refresh();
  }

  /**
   * The user asked to try again: skip the back-off (not the single flight, nor a refusal that
   * only a new sign-in can fix). Resolves once the attempt is over; the state tells the result.
   */
  async retryNow(): Promise<void> {
    if (!this.session || !this.failure || this.failure.error.needsSignIn) return;
    if (this.clock.now() - this.lastAttemptAt < minManualRetryIntervalMs && !this.inFlight) return;
    await this.refresh().catch(() => undefined);
  }

  /**
   * ACS refused the token that expires at `refusedExpiresOn` (revoked by a sign-out elsewhere,
   * or its identity changed). If it is still the current token, drop it and fetch a new one;
   * if it was already replaced, hand out the current one. Forced renewals start at most once
   * per minForcedRefreshIntervalMs — a report that comes sooner waits for that moment.
   */
  replaceRefusedToken(refusedExpiresOn: number): Promise<IssuedToken> {
    if (!this.session) return Promise.reject(new UserFacingError('auth:reasons.signedOut'));
    if (this.session.token?.expiresOn !== refusedExpiresOn) return this.getToken();
    if (this.replacing) return this.replacing;
    const epoch = this.epoch;
    let replacing: Promise<IssuedToken> | null = null;
    replacing = (async () => {
      try {
        const wait = this.lastForcedAt + minForcedRefreshIntervalMs - this.clock.now();
        if (wait > 0) await new Promise<void>((resolve) => this.timers.setTimeout(resolve, wait));
        if (epoch !== this.epoch || !this.session) throw new UserFacingError('auth:reasons.signedOut');
        if (this.session.token?.expiresOn !== refusedExpiresOn) return await this.getToken();
        this.lastForcedAt = this.clock.now();
        this.dropRefusedToken(this.session as Session & { token: IssuedToken });
        // The service already refused the credential: asking it again cannot help.
        if (this.failure?.error.needsSignIn) throw new UserFacingError(this.failure.error.reasonKey);
        // Refused by ACS is not the service's failure: start a fresh series, skip any back-off.
        this.failure = null;
        return await this.refresh();
      } finally {
        if (this.replacing === replacing) this.replacing = null;
      }
    })();
    this.replacing = replacing;
    return replacing;
  }

  /**
   * The machine woke from sleep or the network came back: timers may have slept through the
   * refresh or the expiry, and background retries may have given up. Re-check now: publish the
   * true state, and renew if the token is due (or gone, or renewing was failing) — unless only a
   * new sign-in can help. A storm of wake events sends at most one request per few seconds.
   */
  wake(): void {
    if (!this.session || this.signingIn) return;
    // The token may have run out while the machine slept.
    this.publish();
    if (this.inFlight || this.failure?.error.needsSignIn) return;
    const now = this.clock.now();
    const token = this.usableToken();
    const due = !token || now >= refreshAt(token.obtainedAt, token.expiresOn) || this.failure !== null;
    if (!due) {
      // Timers can run late after a sleep: set them again against the wall clock.
      this.afterSessionChange();
      return;
    }
    if (now - this.lastAttemptAt < minManualRetryIntervalMs) return;
    // A new chance after the wake: the back-off starts over and background retries resume.
    if (this.failure) this.failure = { ...this.failure, count: 0 };
    this.refreshInBackground();
  }

  /** Stops timers (app quit). */
  dispose(): void {
    this.clearTimers();
    this.listeners.clear();
    this.sessionListeners.clear();
  }

  /**
   * The session's Authorization header, joining a renewal already under way. A renewed OIDC
   * credential (its refresh token may have rotated) is kept at once, even if the request it is
   * for then fails — unless the session changed meanwhile.
   */
  private authorizeOnce(session: Session): Promise<Authorization> {
    const credential = session.credential;
    if (this.authorizing?.credential === credential) return this.authorizing.promise;
    const epoch = this.epoch;
    const promise = this.authorize(credential).then((authorization) => {
      if (epoch === this.epoch && session.credential === credential && authorization.credential !== credential) {
        session.credential = authorization.credential;
        this.options.vault.save(session);
      }
      return authorization;
    });
    const slot = { credential, promise };
    this.authorizing = slot;
    const release = () => {
      if (this.authorizing === slot) this.authorizing = null;
    };
    promise.then(release, release);
    return promise;
  }

  private sessionChanged(signedIn: boolean): void {
    for (const listener of this.sessionListeners) {
      try {
        listener(signedIn);
      } catch {
        this.options.log.warn('auth: a session listener failed');
      }
    }
  }

  private usableToken(): IssuedToken | null {
    const token = this.session?.token;
    return token && !token.refused && this.clock.now() < token.expiresOn - handOutMarginMs ? token : null;
  }

  private mayAttempt(now: number): boolean {
    if (this.inFlight) return false;
    if (!this.failure) return true;
    return this.failure.nextAttemptAt !== null && now >= this.failure.nextAttemptAt;
  }

  private refreshInBackground(): void {
    this.refresh().catch(() => undefined);
  }

  /**
   * Marks a token ACS refused, here and on disk, so it is never handed out again. It is kept,
   * not deleted, because it still says who is signed in (the identity does not change).
   */
  private dropRefusedToken(session: Session & { token: IssuedToken }): void {
    session.token = { ...session.token, refused: true };
    this.options.vault.save(session);
    this.options.log.info('auth: ACS refused the token; fetching a new one');
    this.afterSessionChange();
  }

  /** The single flight: every concurrent caller shares this one request. */
  private refresh(): Promise<IssuedToken> {
    if (this.inFlight) return this.inFlight;
    const session = this.session;
    if (!session) return Promise.reject(new UserFacingError('auth:reasons.signedOut'));
    const epoch = this.epoch;
    this.lastAttemptAt = this.clock.now();
    this.cancelRefreshTimer();
    let flight: Promise<IssuedToken> | null = null;
    flight = (async () => {
      try {
        const authorization = await this.authorizeOnce(session);
        const token = await this.client.requestToken(session.serviceUrl, authorization.header);
        if (epoch !== this.epoch) throw new UserFacingError('auth:reasons.signedOut');
        this.onRefreshed(session, token);
        return token;
      } catch (caught) {
        // Signed out (or in as someone else) meanwhile: this failure is no longer ours to report.
        if (epoch !== this.epoch) throw new UserFacingError('auth:reasons.signedOut');
        if (caught instanceof UserFacingError) throw caught;
        const error = caught instanceof TokenServiceError ? caught : new TokenServiceError('unreachable');
        this.onFailed(error);
        throw new UserFacingError(error.reasonKey);
      } finally {
        // Only this request's own slot: a sign-in meanwhile may have started a newer one.
        if (this.inFlight === flight) this.inFlight = null;
      }
    })();
    this.inFlight = flight;
    return flight;
  }

  private onRefreshed(session: Session, token: IssuedToken): void {
    session.token = token;
    this.failure = null;
    this.options.vault.save(session);
    this.options.log.info('auth: token refreshed', { expiresInMinutes: Math.round((token.expiresOn - this.clock.now()) / 60_000) });
    this.inFlight = null;
    this.afterSessionChange();
  }

  private onFailed(error: TokenServiceError): void {
    const now = this.clock.now();
    const count = (this.failure?.count ?? 0) + 1;
    let nextAttemptAt: number | null = null;
    let retryScheduled = false;
    if (!error.needsSignIn) {
      nextAttemptAt = now + backoffDelayMs(count, this.policy, this.random, error.retryAfterMs);
      retryScheduled = count < this.policy.maxConsecutiveFailures;
    }
    this.failure = { error, count, nextAttemptAt, retryScheduled };
    this.options.log.warn('auth: token refresh failed', { reason: error.kind, consecutiveFailures: count, retryInMs: nextAttemptAt === null ? null : nextAttemptAt - now });
    this.inFlight = null;
    this.cancelRefreshTimer();
    if (retryScheduled && nextAttemptAt !== null) this.refreshTimer = this.timers.setTimeout(() => this.onRefreshTimer(), nextAttemptAt - now);
    this.publish();
  }

  /** Re-arms the timers after the session or its token changed, and publishes. */
  private afterSessionChange(): void {
    this.clearTimers();
    const token = this.session?.token;
    if (token && !token.refused) {
      const now = this.clock.now();
      if (now < token.expiresOn) {
        this.refreshTimer = this.timers.setTimeout(() => this.onRefreshTimer(), Math.max(refreshAt(token.obtainedAt, token.expiresOn) - now, 0));
        // Flip the published state to "expired" the moment the token stops working.
        this.expiryTimer = this.timers.setTimeout(() => this.publish(), token.expiresOn - now);
      }
    }
    this.publish();
  }

  private onRefreshTimer(): void {
    this.refreshTimer = null;
    if (this.session && !this.inFlight) this.refreshInBackground();
  }

  private cancelRefreshTimer(): void {
    if (this.refreshTimer !== null) this.timers.clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }

  private clearTimers(): void {
    this.cancelRefreshTimer();
    if (this.expiryTimer !== null) this.timers.clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
  }

  private computeState(): AuthState {
    const persistence = this.options.vault.persistence;
    if (this.signingIn) return { status: 'signing-in', persistence, method: this.signingIn };
    const session = this.session;
    if (!session) return { status: 'signed-out', persistence, reason: this.signedOutReason };
    const token = session.token;
    const base = {
      serviceUrl: session.serviceUrl,
      method: methodOf(session.credential),
      communicationUserId: token?.communicationUserId ?? '',
      displayName: token?.displayName ?? '',
      persistence,
    };
    const failure = this.failure;
    const nextRetryAt = failure?.retryScheduled && failure.nextAttemptAt !== null ? new Date(failure.nextAttemptAt).toISOString() : null;
    if (token && !token.refused && this.clock.now() < token.expiresOn) {
      const expiresOn = new Date(token.expiresOn).toISOString();
      if (!failure) return { status: 'ready', expiresOn, ...base };
      return { status: 'refresh-failing', expiresOn, reason: { key: failure.error.reasonKey }, nextRetryAt, needsSignIn: failure.error.needsSignIn, ...base };
    }
    return {
      status: 'expired',
      reason: { key: failure ? failure.error.reasonKey : token?.refused ? 'auth:reasons.tokenRefused' : 'auth:reasons.tokenExpired' },
      nextRetryAt,
      needsSignIn: failure?.error.needsSignIn ?? false,
      ...base,
    };
  }

  private publish(): void {
    const state = this.computeState();
    const serialized = JSON.stringify(state);
    this.current = state;
    if (serialized === this.published) return;
    this.published = serialized;
    for (const listener of this.listeners) listener(state);
  }
}
