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
  private unsubscribe: (() => void) | null = null;
  private userId: string | null = null;

  constructor(
    private readonly api: Pick<SoftphoneApi, 'auth'>,
    private readonly disposeCredential: () => void = disposeSharedCredential,
  ) {}

  async load(): Promise<void> {
    this.unsubscribe ??= this.api.auth.onStateChanged((state) => this.apply(state));
    this.apply(await call(this.api.auth.getState()));
  }

  /** The sign-in screen is shown: nobody is signed in, or the stored sign-in no longer works. */
  get needsSignIn(): boolean {
    const state = this.state;
    return state?.status === 'signed-out' || state?.status === 'signing-in' || (state?.status === 'expired' && state.needsSignIn);
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

  /** Renewing failed and the user does not want to wait for the next automatic attempt. */
  get canRetry(): boolean {
    const state = this.state;
    return state?.status === 'refresh-failing' || (state?.status === 'expired' && !state.needsSignIn);
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
    const userId = 'communicationUserId' in state ? state.communicationUserId : null;
    const signedOut = state.status === 'signed-out' || state.status === 'signing-in';
    if ((signedOut && this.userId !== null) || (userId !== null && this.userId !== null && userId !== this.userId)) {
      this.disposeCredential();
    }
    this.userId = signedOut ? null : userId;
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
