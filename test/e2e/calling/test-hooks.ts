/**
 * Replaces renderer/calling/test-hooks.ts in the e2e builds: lets a test start calling with a
 * token it made (as sign-in does in the app) and read the service's state.
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
