/**
 * Calling follows the signed-in user: it starts with the shared credential when a user is
 * signed in, keeps running through token renewals and refresh trouble, stops on sign-out, and
 * restarts for another user. The calling runtime is a recorder; chat is turned off by policy
 * (no SDK, no network), so only calling is watched here.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommunicationTokenCredential } from '@azure/communication-common';
import type { UserToken } from '../../../../contract/channels-auth.js';
import type { IpcResult, SoftphoneApi } from '../../../../contract/index.js';
import { defaultSettings } from '../../../../contract/settings.js';
import { AuthSession } from '../../../../renderer/auth/auth-session.svelte.js';
import { disposeSharedCredential } from '../../../../renderer/auth/credential.js';
import { connectFeaturesToSignIn } from '../../../../renderer/shell/signed-in-features.svelte.js';
import { fakeAuthApi, readyState, signedOutState } from '../fake-auth-api.js';

/** What the calling runtime was asked to do, in order. */
const calling = vi.hoisted(() => ({ log: [] as string[], credentials: [] as unknown[] }));
vi.mock('../../../../renderer/calling/calling-runtime.svelte.js', () => ({
  callingRuntime: () => ({
    start: async (credential: CommunicationTokenCredential, displayName: string) => {
      calling.credentials.push(credential);
      calling.log.push(`start ${displayName}`);
    },
    stop: async () => {
      calling.log.push('stop');
    },
  }),
}));

const chatOff = { view: { values: { ...defaultSettings, allowChat: false }, locked: [] } };

const tokenFor = (communicationUserId: string): IpcResult<UserToken> => ({
  ok: true,
  value: { token: `tok-${communicationUserId}`, expiresOn: new Date(Date.now() + 3_600_000).toISOString(), communicationUserId, acsEndpoint: 'https://contoso.communication.azure.com/' },
});

let disconnect: (() => void) | null = null;

beforeEach(() => {
  calling.log.length = 0;
  calling.credentials.length = 0;
});

afterEach(() => {
  disconnect?.();
  disconnect = null;
  delete window.softphone;
  disposeSharedCredential();
});

async function connect(initial = readyState()) {
  const fake = fakeAuthApi(initial);
  window.softphone = { auth: fake.api.auth } as SoftphoneApi;
  const auth = new AuthSession(fake.api);
  await auth.load();
  disconnect = connectFeaturesToSignIn(auth, chatOff, null);
  return fake;
}

/** Lets the credential's creation and the effects run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('calling and the signed-in user', () => {
  it('starts once signed in, keeps running through renewals, stops on sign-out and starts again on sign-in', async () => {
    const fake = await connect();
    await vi.waitFor(() => expect(calling.log).toEqual(['start Alice Archer']));
    // A renewed token, then refresh trouble: the same user, calling carries on.
    fake.push(readyState({ expiresOn: '2099-06-01T00:00:00.000Z' }));
    fake.push({ ...readyState(), status: 'refresh-failing', reason: { key: 'auth:reasons.unreachable' }, nextRetryAt: null, needsSignIn: false });
    await settle();
    expect(calling.log).toEqual(['start Alice Archer']);
    fake.push(signedOutState);
    await vi.waitFor(() => expect(calling.log).toEqual(['start Alice Archer', 'stop']));
    fake.push(readyState());
    await vi.waitFor(() => expect(calling.log).toEqual(['start Alice Archer', 'stop', 'start Alice Archer']));
    // A new credential after the sign-out: the old one was disposed with it.
    expect(calling.credentials[1]).not.toBe(calling.credentials[0]);
  });

  it('restarts for another user who signs in without a sign-out in between', async () => {
    const fake = await connect();
    await vi.waitFor(() => expect(calling.log).toEqual(['start Alice Archer']));
    fake.next.token = async () => tokenFor('8:acs:bob');
    fake.push(readyState({ communicationUserId: '8:acs:bob', displayName: 'Bob Baker' }));
    await vi.waitFor(() => expect(calling.log).toEqual(['start Alice Archer', 'stop', 'start Bob Baker']));
  });

  it('does not start when the user signs out while the credential is still coming', async () => {
    let answer: (result: IpcResult<UserToken>) => void = () => undefined;
    const fake = fakeAuthApi(readyState());
    fake.next.token = () => new Promise((resolve) => (answer = resolve));
    window.softphone = { auth: fake.api.auth } as SoftphoneApi;
    const auth = new AuthSession(fake.api);
    await auth.load();
    disconnect = connectFeaturesToSignIn(auth, chatOff, null);
    await vi.waitFor(() => expect(fake.calls.some((c) => c.method === 'getToken')).toBe(true));
    fake.push(signedOutState);
    answer(tokenFor('8:acs:alice'));
    await settle();
    expect(calling.log).not.toContain('start Alice Archer');
  });

  it('leaves calling stopped when the credential cannot be had, and starts it with the next sign-in', async () => {
    const fake = fakeAuthApi(readyState());
    fake.next.token = async () => ({ ok: false, error: { code: 'failed', messageKey: 'auth:reasons.unreachable' } });
    window.softphone = { auth: fake.api.auth } as SoftphoneApi;
    const auth = new AuthSession(fake.api);
    await auth.load();
    disconnect = connectFeaturesToSignIn(auth, chatOff, null);
    await settle();
    expect(calling.log).toEqual([]);
    fake.next.token = async () => tokenFor('8:acs:alice');
    fake.push(signedOutState);
    await settle();
    fake.push(readyState());
    await vi.waitFor(() => expect(calling.log.at(-1)).toBe('start Alice Archer'));
    expect(calling.log.filter((entry) => entry.startsWith('start'))).toHaveLength(1);
  });
});
