/**
 * Hooks for end-to-end tests. In the app this does nothing; the e2e builds replace this
 * module (Vite alias) with test/e2e/calling/test-hooks.ts, which lets a test start calling with
 * a token it made, as sign-in will in the app.
 */
import type { CallingRuntime } from './calling-runtime.svelte.js';

export function installTestHooks(_runtime: CallingRuntime): void {}
