import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import SignInScreen from '../../../renderer/auth/SignInScreen.svelte';
import { AuthSession } from '../../../renderer/auth/auth-session.svelte.js';
import { SettingsState } from '../../../renderer/settings/settings-state.svelte.js';
import { i18n } from '../../../renderer/i18n/i18n.svelte.js';
import { defaultSettings, type SettingKey, type Settings } from '../../../contract/settings.js';
import type { SoftphoneApi } from '../../../contract/index.js';
import { fakeAuthApi, signedOutState } from './fake-auth-api.js';
import type { AuthState } from '../../../contract/channels-auth.js';

async function renderSignIn(options: { values?: Partial<Settings>; locked?: SettingKey[]; state?: AuthState } = {}) {
  const fake = fakeAuthApi(options.state ?? signedOutState);
  const view = { values: { ...defaultSettings, ...options.values }, locked: options.locked ?? [] };
  const settings = new SettingsState({ settings: { get: async () => ({ ok: true, value: view }), set: async () => ({ ok: true, value: view }), onChanged: () => () => {} } } as unknown as SoftphoneApi);
  await settings.load();
  const auth = new AuthSession(fake.api, () => {});
  await auth.load();
  render(SignInScreen, { auth, settings });
  return { fake, auth };
}

beforeEach(() => i18n.setLocale('en'));

describe('SignInScreen', () => {
  it('asks for the service address and an API key, and signs in with what was typed', async () => {
    const { fake, auth } = await renderSignIn();
    await fireEvent.input(screen.getByLabelText('Token service address'), { target: { value: ' https://tokens.contoso.test/ ' } });
    await fireEvent.input(screen.getByLabelText('API key'), { target: { value: '  key-123 ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(auth.state?.status).toBe('ready'));
    expect(fake.calls.filter((c) => c.method === 'signInWithApiKey')).toEqual([{ method: 'signInWithApiKey', request: { serviceUrl: 'https://tokens.contoso.test/', apiKey: 'key-123' } }]);
    expect(screen.getByLabelText('API key')).toHaveValue('');
  });

  it('starts from the address used last time', async () => {
    await renderSignIn({ values: { tokenServiceUrl: 'https://tokens.previous.test/' } });
    expect(screen.getByLabelText('Token service address')).toHaveValue('https://tokens.previous.test/');
  });

  it('explains a bad address or a missing key without asking main', async () => {
    const { fake } = await renderSignIn();
    await fireEvent.input(screen.getByLabelText('Token service address'), { target: { value: 'http://tokens.contoso.test/' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Enter an https address (http is allowed only for localhost).')).toBeInTheDocument();
    expect(screen.getByText('Enter your API key.')).toBeInTheDocument();
    expect(screen.getByLabelText('Token service address')).toHaveAttribute('aria-invalid', 'true');
    expect(fake.calls.some((c) => c.method.startsWith('signIn'))).toBe(false);
  });

  it('hides the address when IT manages it, and signs in against IT\'s address', async () => {
    const { fake } = await renderSignIn({ values: { tokenServiceUrl: 'https://tokens.managed.test/' }, locked: ['tokenServiceUrl'] });
    expect(screen.queryByLabelText('Token service address')).toBeNull();
    expect(screen.getByText("Your organisation's token service: https://tokens.managed.test/")).toBeInTheDocument();
    await fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'key-123' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(fake.calls.some((c) => c.method === 'signInWithApiKey')).toBe(true));
    expect(fake.calls.find((c) => c.method === 'signInWithApiKey')?.request).toEqual({ serviceUrl: 'https://tokens.managed.test/', apiKey: 'key-123' });
  });

  it('offers "Sign in with your organisation" when OIDC is configured, and lets the user cancel the wait', async () => {
    const { fake } = await renderSignIn({ values: { tokenServiceUrl: 'https://tokens.contoso.test/', oidcIssuer: 'https://login.contoso.test/', oidcClientId: 'app' } });
    expect(screen.queryByLabelText('API key')).toBeNull();
    let finish!: () => void;
    fake.next.signIn = null;
    const original = fake.api.auth.signInWithOidc;
    fake.api.auth.signInWithOidc = async (request) => {
      fake.push({ status: 'signing-in', method: 'oidc', persistence: 'encrypted' });
      await new Promise<void>((resolve) => (finish = resolve));
      return original(request);
    };
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in with your organisation' }));
    expect(await screen.findByText('Finish signing in in your browser. This window updates when you are done.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in with your organisation' })).toBeDisabled();
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.calls.some((c) => c.method === 'cancelSignIn')).toBe(true);
    finish();
    await waitFor(() => expect(fake.calls.some((c) => c.method === 'signInWithOidc')).toBe(true));
  });

  it('shows main\'s reason for a failed sign-in, translated', async () => {
    const { fake } = await renderSignIn();
    fake.next.signIn = { ok: false, error: { code: 'failed', messageKey: 'auth:reasons.apiKeyRefused' } };
    await fireEvent.input(screen.getByLabelText('Token service address'), { target: { value: 'https://tokens.contoso.test/' } });
    await fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'wrong' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That API key was not accepted. Check it and try again.');
    await i18n.setLocale('es');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('No se aceptó esa clave de API.'));
  });

  it('says why the user must sign in again, and that nothing is saved without OS encryption', async () => {
    await renderSignIn({ state: { status: 'signed-out', persistence: 'memory-only', reason: { key: 'auth:reasons.unauthorized' } } });
    expect(screen.getByRole('alert')).toHaveTextContent('The token service no longer accepts your sign-in. Sign in again.');
    expect(screen.getByText(/no secure storage/)).toBeInTheDocument();
  });
});
