/**
 * Sign-in and the user's ACS token. Main owns the token (cache, refresh, encryption); the
 * renderer reads the state to draw the UI and asks for the token itself only through
 * `auth:getToken`, which the router answers to the app's own frame alone.
 */
import { z } from 'zod';
import { event, invoke, noRequest } from './define.js';
import { serviceUrlSchema } from './settings.js';

/**
 * Where the sign-in is kept: encrypted on disk; in memory only because the OS offers no
 * encryption; or in memory only because saving it failed (the OS refused to encrypt, the disk
 * refused the file) — either way the user signs in again after a restart.
 */
export type TokenPersistence = 'encrypted' | 'memory-only' | 'save-failed';

/** An i18n key (namespace:key) that explains a state to the user, with its values. */
export interface AuthReason {
  key: string;
  params?: Record<string, string | number>;
}

interface SignedInFields {
  serviceUrl: string;
  method: 'api-key' | 'oidc';
  communicationUserId: string;
  /** The name ACS shows for this user (callers, chat senders); '' when the service sent none. */
  displayName: string;
  persistence: TokenPersistence;
}

export type AuthState =
  | { status: 'signed-out'; persistence: TokenPersistence; reason: AuthReason | null }
  | { status: 'signing-in'; persistence: TokenPersistence; method: 'api-key' | 'oidc' }
  | ({ status: 'ready'; expiresOn: string } & SignedInFields)
  | ({
      status: 'refresh-failing';
      /** The current token still works until then. */
      expiresOn: string;
      reason: AuthReason;
      /** When main tries again on its own (ISO 8601); null when only a new sign-in helps. */
      nextRetryAt: string | null;
      /** True when the service refused the stored credential: only signing in again helps. */
      needsSignIn: boolean;
    } & SignedInFields)
  | ({
      status: 'expired';
      reason: AuthReason;
      nextRetryAt: string | null;
      /** True when the service refused the stored credential: only signing in again helps. */
      needsSignIn: boolean;
    } & SignedInFields);

export type AuthStatus = AuthState['status'];

/** What the ACS SDKs need; leaves main only through auth:getToken. */
export interface UserToken {
  token: string;
  /** ISO 8601. */
  expiresOn: string;
  communicationUserId: string;
  acsEndpoint: string;
}

const signInServiceUrl = serviceUrlSchema.refine((value) => value !== '', 'required');

const isoDate = z
  .string()
  .max(64)
  .refine((value) => Number.isFinite(Date.parse(value)), 'not a date');

export const authChannels = {
  auth: {
    getState: invoke<AuthState>()(noRequest),
    signInWithApiKey: invoke<AuthState>()(
      z.strictObject({
        serviceUrl: signInServiceUrl,
        apiKey: z.string().trim().min(1).max(512),
      }),
    ),
    /** Opens the system browser at the organisation's sign-in page and waits for it. */
    signInWithOidc: invoke<AuthState>()(z.strictObject({ serviceUrl: signInServiceUrl })),
    /** Stops waiting for the browser (the user closed it or changed their mind). */
    cancelSignIn: invoke<AuthState>()(noRequest),
    signOut: invoke<AuthState>()(noRequest),
    /** Tries to renew now instead of waiting for the back-off (the user clicked "Try again"). */
    retryNow: invoke<AuthState>()(noRequest),
    getToken: invoke<UserToken>()(noRequest),
    /**
     * ACS refused the token that expires at `refusedExpiresOn` (e.g. it was revoked by a sign-out
     * on another computer): main drops it if it is still the current one and fetches a new one
     * (at most once every few seconds however often this is called), then answers like getToken.
     */
    replaceRefusedToken: invoke<UserToken>()(z.strictObject({ refusedExpiresOn: isoDate })),
    stateChanged: event<AuthState>(),
  },
} as const;
