/**
 * Starts calling and chat with the one shared credential when the user is signed in, and stops
 * them (disposing the credential) when they sign out. The single place the three features meet:
 * chat runs here, outside any view, for the whole signed-in session (while IT's allowChat
 * policy allows it); calling is how chat calls a person; notification actions for chat go to it.
 */
import { untrack } from 'svelte';
import type { SoftphoneApi } from '../../contract/index.js';
import type { AuthSession } from '../auth/auth-session.svelte.js';
import { getSharedCredential } from '../auth/credential.js';
import { callingRuntime } from '../calling/calling-runtime.svelte.js';
import { chatSession } from '../chat/chat-session.svelte.js';
import type { SettingsState } from '../settings/settings-state.svelte.js';
import { notificationActions } from './notification-actions.svelte.js';

export function connectFeaturesToSignIn(auth: AuthSession, settings: Pick<SettingsState, 'view'> | null = null, api: SoftphoneApi | null = window.softphone ?? null): () => void {
  // Chat calls a person the way the dial pad does.
  chatSession.callPerson = async (userId) => {
    const outcome = await callingRuntime()?.service.dial(userId);
    if (!outcome) return 'calls:errors.notConnected';
    return outcome.ok ? null : outcome.messageKey;
  };
  const stopListening = chatSession.listen(notificationActions);
  const stopEffects = $effect.root(() => {
    // Calling runs while a user is signed in: a change of user restarts it; other changes of
    // the sign-in state (a token renewed, refresh trouble) leave it running.
    const signedInUser = $derived(auth.signedIn ? auth.userId : null);
    $effect(() => {
      if (!signedInUser) return;
      let cancelled = false;
      void getSharedCredential()
        .then(async ({ credential }) => {
          if (cancelled) return;
          await callingRuntime()?.start(credential, untrack(() => auth.displayName));
        })
        .catch(() => {
          // Sign-in state shows the reason (the token channel failed); calling starts with the next sign-in.
        });
      return () => {
        cancelled = true;
        void callingRuntime()?.stop();
      };
    });

    // One chat per signed-in user, while IT allows chat: a change of user or of the policy ends
    // it; other changes of the sign-in state (a token renewed) leave it running.
    const chatAllowed = $derived(settings?.view?.values.allowChat !== false);
    const signInKnown = $derived(auth.state !== null);
    $effect(() => {
      const userId = signedInUser;
      const allowed = chatAllowed;
      if (!userId || !allowed) {
        if (signInKnown || !allowed) chatSession.unavailable();
        return;
      }
      let end: (() => Promise<void>) | null = null;
      let cancelled = false;
      void getSharedCredential()
        .then(({ credential, communicationUserId, acsEndpoint }) => {
          if (cancelled || communicationUserId !== userId) return;
          const displayName = untrack(() => auth.displayName);
          end = chatSession.begin({ credential, endpoint: acsEndpoint, userId, displayName }, { api });
        })
        .catch(() => {
          // As for calling: the sign-in state says why; chat starts with the next sign-in.
        });
      return () => {
        cancelled = true;
        void end?.();
      };
    });
  });
  return () => {
    stopEffects();
    stopListening();
  };
}
