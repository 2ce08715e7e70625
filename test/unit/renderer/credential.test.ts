/**
 * The renderer's shared ACS credential, with the real @azure/communication-common: tokens come
 * from main through the bridge, refresh is proactive, an abort stops the wait, one instance is
 * shared, and sign-out disposes it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCredential, disposeSharedCredential, getSharedCredential, renewCredential, renewSharedCredential, tokenFromMain } from '../../../renderer/auth/credential.js';
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

describe('after ACS refused the token', () => {
  it('tells main which token was refused and puts the new one into the same credential', async () => {
    const fake = fakeAuthApi(readyState());
    const shared = await createCredential(fake.api.auth);
    const refused = await shared.credential.getToken();
    const renewed = await renewCredential(shared, fake.api.auth);
    // Calling and chat keep the object they hold; it now answers with the new token.
    expect(renewed).toBe(shared.credential);
    expect((await shared.credential.getToken()).token).toBe('tok-new');
    expect(fake.calls.filter((c) => c.method === 'replaceRefusedToken')).toEqual([
      { method: 'replaceRefusedToken', request: { refusedExpiresOn: new Date(refused.expiresOnTimestamp).toISOString() } },
    ]);
    shared.credential.dispose();
  });

  it('keeps refreshing proactively through main with the new token', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-03-02T09:00:00Z') });
    const fake = fakeAuthApi(readyState());
    fake.next.replacement = async () => ({ ok: true, value: { token: 'tok-new', expiresOn: new Date(Date.now() + minutes(11)).toISOString(), communicationUserId: '8:acs:alice', acsEndpoint: 'https://contoso.communication.azure.com/' } });
    fake.next.token = async () => ({ ok: true, value: { token: 'tok-later', expiresOn: new Date(Date.now() + minutes(60)).toISOString(), communicationUserId: '8:acs:alice', acsEndpoint: 'https://contoso.communication.azure.com/' } });
    const shared = await createCredential(fake.api.auth);
    await renewCredential(shared, fake.api.auth);
    await vi.advanceTimersByTimeAsync(minutes(1) + 1000);
    expect((await shared.credential.getToken()).token).toBe('tok-later');
    shared.credential.dispose();
  });

  it('passes main\'s refusal on and leaves the credential as it was', async () => {
    const fake = fakeAuthApi(readyState());
    fake.next.replacement = async () => ({ ok: false, error: { code: 'failed', messageKey: 'auth:reasons.unauthorized' } });
    const shared = await createCredential(fake.api.auth);
    await expect(renewCredential(shared, fake.api.auth)).rejects.toMatchObject({ error: { messageKey: 'auth:reasons.unauthorized' } });
    expect((await shared.credential.getToken()).token).toBe('tok-1');
    shared.credential.dispose();
  });

  it('renewSharedCredential renews the app\'s one shared credential', async () => {
    const fake = fakeAuthApi(readyState());
    const shared = await getSharedCredential(fake.api.auth);
    expect(await renewSharedCredential(fake.api.auth)).toBe(shared.credential);
    expect((await shared.credential.getToken()).token).toBe('tok-new');
  });

  it('a credential disposed meanwhile stays disposed', async () => {
    const fake = fakeAuthApi(readyState());
    let release!: () => void;
    const answer = fake.next.replacement;
    fake.next.replacement = () => new Promise((resolve) => (release = () => resolve(answer())));
    const shared = await createCredential(fake.api.auth);
    const renewing = renewCredential(shared, fake.api.auth);
    await vi.waitFor(() => expect(fake.calls.some((c) => c.method === 'replaceRefusedToken')).toBe(true));
    // Signed out while main was fetching the new token.
    shared.credential.dispose();
    release();
    await renewing;
    await expect(shared.credential.getToken()).rejects.toThrow();
  });
});

describe('AuthSession', () => {
  it('disposes the credential on sign-out and when another user signs in, not on refresh trouble', async () => {
    const fake = fakeAuthApi(readyState());
    const dispose = vi.fn();
    const session = new AuthSession(fake.api, dispose);
    await session.load();
    expect([session.userId, session.displayName]).toEqual(['8:acs:alice', 'Alice Archer']);
    fake.push({ ...readyState(), status: 'refresh-failing', reason: { key: 'auth:reasons.timeout' }, nextRetryAt: null, needsSignIn: false });
    expect(dispose).not.toHaveBeenCalled();
    fake.push(readyState({ communicationUserId: '8:acs:bob' }));
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(session.userId).toBe('8:acs:bob');
    fake.push(signedOutState);
    expect(dispose).toHaveBeenCalledTimes(2);
    expect(session.needsSignIn).toBe(true);
    expect([session.userId, session.displayName]).toEqual([null, '']);
  });
});
