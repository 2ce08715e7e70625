/**
 * Starts calling and chat with the one shared credential when the user is signed in, and stops
 * them (disposing the credential) when they sign out. The single place the three features meet.
 */
import type { AuthSession } from '../auth/auth-session.svelte.js';
import { getSharedCredential } from '../auth/credential.js';
import { callingRuntime } from '../calling/calling-runtime.svelte.js';
import { chatSession } from '../chat/chat-session.svelte.js';

export function connectFeaturesToSignIn(auth: AuthSession): () => void {
  let running = false;
  return $effect.root(() => {
    $effect(() => {
      const signedIn = auth.signedIn;
      if (signedIn && !running) {
        running = true;
        void getSharedCredential()
          .then(async ({ credential, communicationUserId, acsEndpoint }) => {
            if (!running) return;
            // No display name is known yet (the token service does not send one): ACS shows the ID.
            chatSession.set({ credential, endpoint: acsEndpoint, userId: communicationUserId, displayName: '' });
            await callingRuntime()?.start(credential, '');
          })
          .catch(() => {
            // Sign-in state shows the reason (the token channel failed); features stay stopped.
            running = false;
          });
      } else if (!signedIn && running) {
        running = false;
        chatSession.clear();
        void callingRuntime()?.stop();
      }
    });
  });
}
