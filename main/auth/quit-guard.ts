/**
 * Lets a revocation sent at sign-out reach the token service before the app quits: a user who
 * signs out and quits at once still gets their tokens revoked, yet quitting never waits more
 * than a moment for a service that does not answer.
 */
import type { AuthService } from './auth-service.js';

/** The longest a quit waits for a revocation under way. */
export const quitWaitForRevocationMs = 2_000;

/**
 * Returns the before-quit check: true means "hold this quit back" (the caller prevents it);
 * `quit` is called once the revocation is over or the wait ran out. Holds a quit only once.
 */
export function quitAfterRevocation(auth: Pick<AuthService, 'revocationPending' | 'settleRevocation'>, quit: () => void, maxMs = quitWaitForRevocationMs): () => boolean {
  let held = false;
  return () => {
    if (held || !auth.revocationPending) return false;
    held = true;
    void auth.settleRevocation(maxMs).finally(quit);
    return true;
  };
}
