/**
 * Hooks for end-to-end tests. In the app this does nothing; two test builds replace this
 * module: the real-SDK calling build with test/e2e/calling/test-hooks.ts (a test starts calling
 * with a token it made), the auth build with test/e2e/auth/app-hooks.ts (reports what the app's
 * own sign-in started).
 */
import type { CallingRuntime } from './calling-runtime.svelte.js';

export function installTestHooks(_runtime: CallingRuntime): void {}
