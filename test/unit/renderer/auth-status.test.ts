import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import StatusArea from '../../../renderer/shell/StatusArea.svelte';
import AccountSettings from '../../../renderer/auth/AccountSettings.svelte';
import { AuthSession, authContextKey } from '../../../renderer/auth/auth-session.svelte.js';
import { NetworkState } from '../../../renderer/shell/network-state.svelte.js';
import { i18n } from '../../../renderer/i18n/i18n.svelte.js';
import type { AuthState } from '../../../contract/channels-auth.js';
import { fakeAuthApi, readyState } from './fake-auth-api.js';

async function session(state: AuthState) {
  const fake = fakeAuthApi(state);
  const auth = new AuthSession(fake.api, () => {});
  await auth.load();
  return { fake, auth, context: new Map([[authContextKey, auth]]) };
}

beforeEach(() => i18n.setLocale('en'));

describe('sign-in state in the status area', () => {
  it('follows main\'s state: ready, refresh trouble with its reason, expired', async () => {
    const { fake, context } = await session(readyState());
    render(StatusArea, { props: { network: new NetworkState() }, context });
    expect(screen.getByTestId('sign-in-state')).toHaveTextContent('Sign-in: Signed in');
    fake.push({ ...readyState(), status: 'refresh-failing', reason: { key: 'auth:reasons.unreachable' }, nextRetryAt: '2099-01-01T10:30:00.000Z', needsSignIn: false });
    await waitFor(() => expect(screen.getByTestId('sign-in-state')).toHaveTextContent('cannot renew access (The token service cannot be reached.'));
    expect(screen.getByTestId('sign-in-state').getAttribute('title')).toMatch(/Trying again at/);
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(fake.calls.some((c) => c.method === 'retryNow')).toBe(true);
    fake.push({ ...readyState(), status: 'expired', reason: { key: 'auth:reasons.timeout' }, nextRetryAt: null, needsSignIn: false });
    await waitFor(() => expect(screen.getByTestId('sign-in-state')).toHaveTextContent('Access expired — The token service took too long to answer.'));
    fake.push({ ...readyState(), status: 'expired', reason: { key: 'auth:reasons.unauthorized' }, nextRetryAt: null, needsSignIn: true });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull());
    fake.push({ ...readyState(), status: 'expired', reason: { key: 'auth:reasons.timeout' }, nextRetryAt: null, needsSignIn: false });
    await i18n.setLocale('es');
    await waitFor(() => expect(screen.getByTestId('sign-in-state')).toHaveTextContent('Acceso caducado'));
  });

  it('offers "Sign in again", not "Try again", when the service refused the sign-in but the token still works', async () => {
    const { fake, context, auth } = await session(readyState());
    render(StatusArea, { props: { network: new NetworkState() }, context });
    fake.push({ ...readyState(), status: 'refresh-failing', reason: { key: 'auth:reasons.unauthorized' }, nextRetryAt: null, needsSignIn: true });
    const button = await screen.findByRole('button', { name: 'Sign in again' });
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(auth.needsSignIn).toBe(true);
    await fireEvent.click(button);
    expect(auth.signInRequested).toBe(true);
    expect(fake.calls.some((c) => c.method === 'retryNow')).toBe(false);
    // Signed in again: the request is spent, the button gone.
    fake.push(readyState());
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Sign in again' })).toBeNull());
    expect(auth.signInRequested).toBe(false);
  });

  it('tells the retry time in the app\'s language, not the operating system\'s', async () => {
    const { fake, context } = await session(readyState());
    render(StatusArea, { props: { network: new NetworkState() }, context });
    const nextRetryAt = '2099-01-01T22:30:00.000Z';
    fake.push({ ...readyState(), status: 'refresh-failing', reason: { key: 'auth:reasons.unreachable' }, nextRetryAt, needsSignIn: false });
    await i18n.setLocale('es');
    const spanish = new Date(nextRetryAt).toLocaleTimeString('es', { hour: '2-digit', minute: '2-digit' });
    await waitFor(() => expect(screen.getByTestId('sign-in-state').getAttribute('title')).toBe(`Se volverá a intentar a las ${spanish}.`));
    // A 24-hour clock, whatever this machine's own locale prefers.
    expect(spanish).toMatch(/^\d{2}:\d{2}$/);
  });

  it('says when the sign-in could not be saved', async () => {
    const { context } = await session(readyState({ persistence: 'save-failed' }));
    render(StatusArea, { props: { network: new NetworkState() }, context });
    expect(screen.getByTestId('sign-in-state').getAttribute('title')).toBe('Sign-in could not be saved on this computer');
  });

  it('is absent where no app session exists (other features\' component tests)', () => {
    render(StatusArea, { props: { network: new NetworkState() } });
    expect(screen.queryByTestId('sign-in-state')).toBeNull();
  });
});

describe('Account in Settings', () => {
  it('shows who is signed in where, and signs out', async () => {
    const { fake, context, auth } = await session(readyState({ persistence: 'memory-only' }));
    render(AccountSettings, { context });
    expect(screen.getByText('Signed in with an API key')).toBeInTheDocument();
    expect(screen.getByText('Others see you as Alice Archer')).toBeInTheDocument();
    expect(screen.getByText('Token service: https://tokens.contoso.test/')).toBeInTheDocument();
    expect(screen.getByText('Communication identity: 8:acs:alice')).toBeInTheDocument();
    expect(screen.getByText('Sign-in not saved on this computer')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(auth.state?.status).toBe('signed-out'));
    expect(fake.calls.some((c) => c.method === 'signOut')).toBe(true);
    expect(screen.getByText('You are not signed in.')).toBeInTheDocument();
  });

  it('says in the Account section why signing out failed, and clears it on the next attempt', async () => {
    const { fake, context } = await session(readyState());
    fake.api.auth.signOut = async () => ({ ok: false, error: { code: 'internal', messageKey: 'errors:ipc.internal' } });
    render(AccountSettings, { context });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Something went wrong in the app's background service. Try again.");
    expect(screen.getByRole('group', { name: 'Account' })).toContainElement(alert);
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeEnabled();
    fake.api.auth.signOut = async () => ({ ok: true, value: { status: 'signed-out', persistence: 'encrypted', reason: null } });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('warns that a sign-in which could not be saved will not survive a restart', async () => {
    const { context } = await session(readyState({ persistence: 'save-failed', displayName: '' }));
    render(AccountSettings, { context });
    expect(screen.getByRole('status')).toHaveTextContent('could not be saved securely on this computer');
    expect(screen.queryByText(/Others see you as/)).toBeNull();
  });
});
