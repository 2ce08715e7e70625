/**
 * "Sign in again" when the token service refused the stored sign-in while the token still
 * works: from any view, the button in the status area brings the Calls view with the sign-in
 * form, focused, and the form says why.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../../renderer/App.svelte';
import type { AuthState } from '../../../contract/channels-auth.js';
import { readyState } from './fake-auth-api.js';
import { fakeSoftphone } from './fake-softphone.js';

const refused: AuthState = { ...readyState(), status: 'refresh-failing', reason: { key: 'auth:reasons.unauthorized' }, nextRetryAt: null, needsSignIn: true };

afterEach(() => {
  delete window.softphone;
});

describe('Sign in again', () => {
  it('takes the user from Settings to the sign-in form on the Calls view, focused, with the reason', async () => {
    window.softphone = fakeSoftphone({ 'auth:getState': refused }).api;
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
