/**
 * Where the CallingService gets its SDK. The production build uses the real one; the
 * simulated-ACS e2e build replaces this module (a Vite alias in test/e2e/calling/vite.sim.config.ts)
 * with the double, so no test code ever ships in the app.
 */
import { loadRealCallingSdk, type CallingSdk } from './calling-sdk.js';

export const provideCallingSdk = (): Promise<CallingSdk> => loadRealCallingSdk();
