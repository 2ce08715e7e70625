/**
 * "Sign in again" when the token service refused the stored sign-in while the token still
 * works: from any view, the button in the status area brings the Calls view with the sign-in
 * form, focused, and the form says why.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../../renderer/App.svelte';
import { defaultSettings } from '../../../contract/settings.js';
import type { AuthState } from '../../../contract/channels-auth.js';
import type { IpcResult } from '../../../contract/errors.js';
import { readyState } from './fake-auth-api.js';

const refused: AuthState = { ...readyState(), status: 'refresh-failing', reason: { key: 'auth:reasons.unauthorized' }, nextRetryAt: null, needsSignIn: true };

/** window.softphone answering the start-up calls; everything else fails, as with main away. */
function fakeApi(answers: Record<string, unknown>) {
  const failure: IpcResult<never> = { ok: false, error: { code: 'internal', messageKey: 'errors:ipc.internal' } };
  const group = (name: string) =>
    new Proxy(
      {},
      {
        get: (_target, method: string) =>
          method.startsWith('on') ? () => () => {} : async () => (`${name}:${method}` in answers ? { ok: true, value: answers[`${name}:${method}`] } : failure),
      },
    );
  return new Proxy({}, { get: (_t, name: string) => group(name) });
}

afterEach(() => {
  delete (window as { softphone?: unknown }).softphone;
});

describe('Sign in again', () => {
  it('takes the user from Settings to the sign-in form on the Calls view, focused, with the reason', async () => {
    (window as { softphone?: unknown }).softphone = fakeApi({
      'locale:get': { locale: 'en', systemLocale: 'en' },
      'app:getInfo': { name: 'ACS Softphone', version: '1.0.0', platform: 'linux', electron: '45', chrome: '144' },
      'app:getStartupNotices': { settingsRecovery: null },
      'settings:get': { values: defaultSettings, locked: [] },
      'auth:getState': refused,
    });
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    expect(screen.queryByRole('heading', { name: 'Sign in to ACS Softphone' })).toBeNull();

    await fireEvent.click(screen.getByRole('button', { name: 'Sign in again' }));
    const form = await screen.findByRole('heading', { name: 'Sign in to ACS Softphone' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Token service address')));
    expect(form.closest('section')).toHaveTextContent('The token service no longer accepts your sign-in. Sign in again.');
    expect(screen.getByRole('button', { name: 'Calls' })).toHaveAttribute('aria-current', 'page');
  });
});
