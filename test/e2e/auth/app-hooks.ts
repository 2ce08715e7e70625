/**
 * Replaces renderer/calling/test-hooks.ts in the auth e2e build (buildE2eRenderer('auth') in
 * test/e2e/calling/build-e2e-renderer.ts): it is bundled INTO the app, so what it reports is the
 * app's own calling runtime, chat session and shared credential — not copies in a separately
 * bundled script.
 */
import type { CallingRuntime } from '../../../renderer/calling/calling-runtime.svelte.js';
import { getSharedCredential } from '../../../renderer/auth/credential.js';
import { chatSession } from '../../../renderer/chat/chat-session.svelte.js';

export interface AppCredentialReport {
  callingPhase: string;
  /** The credential the calling service made its CallAgent with is the shared one. */
  callingUsesShared: boolean;
  /** The credential chat runs with is the shared one. */
  chatUsesShared: boolean;
  communicationUserId: string;
  token: string;
}

declare global {
  interface Window {
    __authE2E?: {
      report(): Promise<AppCredentialReport>;
      /** What the Calling SDK does when ACS refuses the token: the agent drops with invalidToken. */
      refuseToken(): void;
    };
  }
}

/** The calling service's own members, read as the app holds them (test-only access). */
interface CallingServiceInternals {
  credential: unknown;
  onConnectionStateChanged(args: { newValue: string; reason?: string }): void;
}

export function installTestHooks(runtime: CallingRuntime): void {
  const internals = runtime.service as unknown as CallingServiceInternals;
  window.__authE2E = {
    async report() {
      const shared = await getSharedCredential();
      return {
        callingPhase: runtime.service.phase,
        callingUsesShared: internals.credential === shared.credential,
        chatUsesShared: chatSession.runtime?.input.credential === shared.credential,
        communicationUserId: shared.communicationUserId,
        token: (await shared.credential.getToken()).token,
      };
    },
    refuseToken() {
      internals.onConnectionStateChanged({ newValue: 'Disconnected', reason: 'invalidToken' });
    },
  };
}
