/**
 * The renderer's view of sign-in: main's AuthState, kept current by auth:stateChanged, and
 * the actions the sign-in screen and Settings offer. It disposes the shared ACS credential
 * when the user signs out or another user signs in.
 */
import { getContext, setContext } from 'svelte';
import type { AuthState } from '../../contract/channels-auth.js';
import type { SoftphoneApi } from '../../contract/index.js';
import { call } from '../lib/bridge.js';
import { disposeSharedCredential } from './credential.js';

export class AuthSession {
  state = $state<AuthState | null>(null);
  /**
   * "Sign in again" was clicked: the shell shows the Calls view, where the sign-in form is, and
   * the form takes the focus and sets this back to false.
   */
  signInRequested = $state(false);
  private unsubscribe: (() => void) | null = null;
  /** Whose credential is in use: a different user signing in disposes it. */
  private credentialOwner: string | null = null;

  constructor(
    private readonly api: Pick<SoftphoneApi, 'auth'>,
    private readonly disposeCredential: () => void = disposeSharedCredential,
  ) {}

  async load(): Promise<void> {
    this.unsubscribe ??= this.api.auth.onStateChanged((state) => this.apply(state));
    this.apply(await call(this.api.auth.getState()));
  }

  /**
   * The sign-in screen is shown: nobody is signed in, or the service refused the stored sign-in
   * (then also while the current token still works: calls go on, but only a sign-in renews it).
   */
  get needsSignIn(): boolean {
    const state = this.state;
    return state?.status === 'signed-out' || state?.status === 'signing-in' || this.credentialRefused;
  }

  /** The service refused the stored credential: "Try again" cannot help, "Sign in again" can. */
  get credentialRefused(): boolean {
    const state = this.state;
    return (state?.status === 'expired' || state?.status === 'refresh-failing') && state.needsSignIn;
  }

  /** How ACS shows the signed-in user to others (calls, chat); '' when unknown or signed out. */
  get displayName(): string {
    const state = this.state;
    return state && 'displayName' in state ? state.displayName : '';
  }

  /** The signed-in user's ACS identity (8:acs:…); null when nobody is signed in. */
  get userId(): string | null {
    const state = this.state;
    return state && 'communicationUserId' in state ? state.communicationUserId : null;
  }

  /** "Sign in again" was clicked: bring the sign-in form into view. */
  requestSignIn(): void {
    this.signInRequested = true;
  }

  get signedIn(): boolean {
    const status = this.state?.status;
    return status === 'ready' || status === 'refresh-failing' || status === 'expired';
  }

  async signInWithApiKey(serviceUrl: string, apiKey: string): Promise<void> {
    this.apply(await call(this.api.auth.signInWithApiKey({ serviceUrl, apiKey })));
  }

  async signInWithOidc(serviceUrl: string): Promise<void> {
    this.apply(await call(this.api.auth.signInWithOidc({ serviceUrl })));
  }

  async cancelSignIn(): Promise<void> {
    this.apply(await call(this.api.auth.cancelSignIn()));
  }

  /** Renewing failed, trying again can help, and the user does not want to wait for it. */
  get canRetry(): boolean {
    const state = this.state;
    return (state?.status === 'refresh-failing' || state?.status === 'expired') && !state.needsSignIn;
  }

  async retryNow(): Promise<void> {
    this.apply(await call(this.api.auth.retryNow()));
  }

  async signOut(): Promise<void> {
    this.apply(await call(this.api.auth.signOut()));
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private apply(state: AuthState): void {
    this.state = state;
    // A request nobody could act on (signed in again meanwhile) must not fire later.
    if (!this.needsSignIn) this.signInRequested = false;
    const userId = this.userId;
    const signedOut = state.status === 'signed-out' || state.status === 'signing-in';
    if ((signedOut && this.credentialOwner !== null) || (userId !== null && this.credentialOwner !== null && userId !== this.credentialOwner)) {
      this.disposeCredential();
    }
    this.credentialOwner = signedOut ? null : userId;
  }
}

/** Exported for component tests, which pass the context directly. */
export const authContextKey = Symbol('auth-session');

export function setAuthContext(session: AuthSession | null): void {
  setContext(authContextKey, session);
}

/** The app's AuthSession; undefined where no App set one (component tests of other views). */
export function getAuthContext(): AuthSession | null | undefined {
  return getContext<AuthSession | null | undefined>(authContextKey);
}
