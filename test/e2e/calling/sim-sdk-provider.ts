/**
 * Replaces renderer/calling/sdk-provider.ts in the simulated-ACS e2e build: the app gets the
 * SDK double instead of the real SDK, and the test drives it (ring, answer from the far end,
 * end) through window.__acsSim.
 */
import type { CallingSdk } from '../../../renderer/calling/calling-sdk.js';
import { createSdkDouble, type SdkDouble } from '../../fixtures/calling-sdk-double/index.js';

declare global {
  interface Window {
    __acsSim?: SdkDouble;
  }
}

export const provideCallingSdk = async (): Promise<CallingSdk> => {
  const double = createSdkDouble();
  window.__acsSim = double;
  return double.sdk;
};
