/**
 * Starts the app signed in the way a user signs in, for the e2e tests that need calling: the
 * real main services with a token service (the in-process fake, answering for the ACS endpoint
 * the test gives, e.g. the fake ACS chat) and the Calls view's sign-in form filled and sent.
 * Calling then starts as it does in the app: signed-in-features takes the shared credential and
 * the display name from sign-in to the CallAgent. Nothing in the test starts it.
 */
import { expect } from 'vitest';
import { fakeSafeStorage } from '../../fixtures/fake-safe-storage.js';
import { createFakeTokenService, type FakeTokenService } from '../../fixtures/fake-token-service.js';
import { startHarness, type Harness, type HarnessOptions } from '../../harness/harness.js';

/** The name the token service gives the user: what ACS shows the people they call. */
export const signedInName = 'Dana Agent';
const apiKey = 'dev-key-dana';
const tokenServiceUrl = 'https://tokens.e2e.test/';

export interface SignedInHarness extends Harness {
  tokenService: FakeTokenService;
}

export interface SignedInOptions extends HarnessOptions {
  acsEndpoint: string;
  /** Who the token service signs in (default: an identity derived from the API key). */
  communicationUserId?: string;
  /** The name the token service gives the user (default: signedInName). */
  displayName?: string;
}

export async function startSignedIn(options: SignedInOptions): Promise<SignedInHarness> {
  const { acsEndpoint, communicationUserId, displayName = signedInName, ...harnessOptions } = options;
  const tokenService = createFakeTokenService({ now: () => Date.now(), apiKeys: [apiKey], acsEndpoint, displayName, ...(communicationUserId ? { communicationUserId } : {}) });
  const h = await startHarness({
    ...harnessOptions,
    // The fake ACS endpoint's certificate is made at test time.
    contextOptions: { ignoreHTTPSErrors: true, ...harnessOptions.contextOptions },
    deps: { ...harnessOptions.deps, auth: { fetch: tokenService.fetch, cipher: fakeSafeStorage(), ...harnessOptions.deps?.auth } },
  });
  const { page } = h;
  await page.getByRole('heading', { name: 'Sign in to ACS Softphone' }).waitFor();
  await page.getByLabel('Token service address').fill(tokenServiceUrl);
  await page.getByLabel('API key').fill(apiKey);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect.poll(() => page.getByTestId('sign-in-state').textContent()).toContain('Sign-in: Signed in');
  // Calling is started by the app on sign-in; the status line says when its agent is connected.
  await expect.poll(() => page.getByTestId('connection').getAttribute('data-status'), { timeout: 15_000 }).toBe('connected');
  return { ...h, tokenService };
}

/*
 * Driving the simulated SDK (the 'sim' build, window.__acsSim) the way ACS would drive the app.
 */

/** ACS rings the app with a call from a phone number; returns the call's ID. */
export const ring = (h: Harness, phoneNumber: string, displayName: string) =>
  h.page.evaluate(
    ([number, name]) => window.__acsSim!.client.agent!.ring({ identifier: { kind: 'phoneNumber', phoneNumber: number! }, displayName: name! }).id,
    [phoneNumber, displayName] as const,
  );

/** The caller of the latest ringing call gives up before anyone answers (487: cancelled). */
export const callerGivesUp = (h: Harness) => h.page.evaluate(() => window.__acsSim!.client.agent!.ringing.at(-1)!.end({ code: 487, subCode: 0 }));
