/**
 * The renderer's shared ACS credential, with the real @azure/communication-common: tokens come
 * from main through the bridge, refresh is proactive, an abort stops the wait, one instance is
 * shared, and sign-out disposes it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCredential, disposeSharedCredential, getSharedCredential, tokenFromMain } from '../../../renderer/auth/credential.js';
import { AuthSession } from '../../../renderer/auth/auth-session.svelte.js';
import { fakeAuthApi, readyState, signedOutState } from './fake-auth-api.js';

afterEach(() => {
  vi.useRealTimers();
  disposeSharedCredential();
});

const minutes = (n: number) => n * 60_000;

describe('shared credential', () => {
  it('starts from main\'s token and reports the user and endpoint the SDKs need', async () => {
    const fake = fakeAuthApi(readyState());
    const shared = await createCredential(fake.api.auth);
    expect(shared.communicationUserId).toBe('8:acs:alice');
    expect(shared.acsEndpoint).toBe('https://contoso.communication.azure.com/');
    expect((await shared.credential.getToken()).token).toBe('tok-1');
    expect(fake.calls.filter((c) => c.method === 'getToken')).toHaveLength(1);
    shared.credential.dispose();
  });

  it('refreshes proactively through main before the token runs out', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-03-02T09:00:00Z') });
    const fake = fakeAuthApi(readyState());
    let n = 0;
    fake.next.token = async () => {
      n++;
      return { ok: true, value: { token: `tok-${n}`, expiresOn: new Date(Date.now() + minutes(11)).toISOString(), communicationUserId: '8:acs:alice', acsEndpoint: 'https://contoso.communication.azure.com/' } };
    };
    const shared = await createCredential(fake.api.auth);
    expect(n).toBe(1);
    // The SDK renews when 10 minutes are left: 1 minute from now.
    await vi.advanceTimersByTimeAsync(minutes(1) + 1000);
    expect(n).toBe(2);
    expect((await shared.credential.getToken()).token).toBe('tok-2');
    shared.credential.dispose();
  });

  it('stops waiting for main when the SDK aborts', async () => {
    const fake = fakeAuthApi(readyState());
    fake.next.token = () => new Promise(() => {});
    const controller = new AbortController();
    const pending = tokenFromMain(fake.api.auth, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect(tokenFromMain(fake.api.auth, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('passes main\'s refusal on as an error carrying its reason', async () => {
    const fake = fakeAuthApi(readyState());
    fake.next.token = async () => ({ ok: false, error: { code: 'failed', messageKey: 'auth:reasons.unreachable' } });
    await expect(tokenFromMain(fake.api.auth)).rejects.toMatchObject({ error: { messageKey: 'auth:reasons.unreachable' } });
  });

  it('is one instance for calling and chat, and a new one after sign-out', async () => {
    const fake = fakeAuthApi(readyState());
    const [a, b] = await Promise.all([getSharedCredential(fake.api.auth), getSharedCredential(fake.api.auth)]);
    expect(a.credential).toBe(b.credential);
    const session = new AuthSession(fake.api);
    await session.load();
    fake.push(signedOutState);
    await vi.waitFor(() => expect(a.credential.getToken()).rejects.toThrow());
    const c = await getSharedCredential(fake.api.auth);
    expect(c.credential).not.toBe(a.credential);
  });

  it('does not keep a failed creation: the next caller tries again', async () => {
    const fake = fakeAuthApi(readyState());
    fake.next.token = async () => ({ ok: false, error: { code: 'failed', messageKey: 'auth:reasons.signedOut' } });
    await expect(getSharedCredential(fake.api.auth)).rejects.toBeTruthy();
    fake.next.token = async () => ({ ok: true, value: { token: 'tok-9', expiresOn: new Date(Date.now() + minutes(60)).toISOString(), communicationUserId: '8:acs:alice', acsEndpoint: 'https://x.communication.azure.com/' } });
    expect((await (await getSharedCredential(fake.api.auth)).credential.getToken()).token).toBe('tok-9');
  });
});

describe('AuthSession', () => {
  it('disposes the credential on sign-out and when another user signs in, not on refresh trouble', async () => {
    const fake = fakeAuthApi(readyState());
    const dispose = vi.fn();
    const session = new AuthSession(fake.api, dispose);
    await session.load();
    fake.push({ ...readyState(), status: 'refresh-failing', reason: { key: 'auth:reasons.timeout' }, nextRetryAt: null });
    expect(dispose).not.toHaveBeenCalled();
    fake.push(readyState({ communicationUserId: '8:acs:bob' }));
    expect(dispose).toHaveBeenCalledTimes(1);
    fake.push(signedOutState);
    expect(dispose).toHaveBeenCalledTimes(2);
    expect(session.needsSignIn).toBe(true);
  });
});
