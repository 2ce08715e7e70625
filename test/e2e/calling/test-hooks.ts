/**
 * Replaces renderer/calling/test-hooks.ts in the real-SDK e2e build: lets a test start calling
 * with a token it made (in the app, sign-in does it) and read the service's state. The
 * simulated-ACS tests sign in instead (signed-in.ts).
 */
import { AzureCommunicationTokenCredential } from '@azure/communication-common';
import type { CallingRuntime } from '../../../renderer/calling/calling-runtime.svelte.js';

declare global {
  interface Window {
    __callingTest?: {
      start(token: string, displayName: string): Promise<void>;
      phase(): string;
      connection(): string | null;
    };
  }
}

export function installTestHooks(runtime: CallingRuntime): void {
  window.__callingTest = {
    start: (token, displayName) => runtime.start(new AzureCommunicationTokenCredential(token), displayName),
    phase: () => runtime.service.phase,
    connection: () => runtime.service.connection,
  };
}
