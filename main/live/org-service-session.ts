/**
 * What the live channel and the people clients need from auth, as an interface so they run
 * against the real TokenCache in the app and against a stub in tests (see people-services.ts
 * for the adapter over TokenCache).
 */
import type { ServiceAuthorization } from '../auth/token-cache.js';

export type { ServiceAuthorization };

export interface OrgServiceSession {
  /** True while someone is signed in. */
  isSignedIn(): boolean;
  /** The service URL and a fresh Authorization header; null when signed out. May reject (renewal failed). */
  authorization(signal?: AbortSignal): Promise<ServiceAuthorization | null>;
  /** The service answered 401/403 or ended the stream for the credential: auth checks it. */
  credentialRefused(): void;
  /** A session began (true: restored or signed in) or ended (false). */
  onSessionChange(listener: (signedIn: boolean) => void): () => void;
}
