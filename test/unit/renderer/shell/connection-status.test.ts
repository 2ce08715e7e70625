/**
 * The status area's connection state: offline, signed out, connecting, connected,
 * reconnecting or not connected — from the network, sign-in and the calling agent — and the
 * presence shown as Offline while signed out.
 */
import { render, screen, waitFor } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import StatusArea from '../../../../renderer/shell/StatusArea.svelte';
import { connectionStatus, type ConnectionInputs } from '../../../../renderer/shell/connection-status.js';
import { NetworkState } from '../../../../renderer/shell/network-state.svelte.js';
import { AuthSession, authContextKey } from '../../../../renderer/auth/auth-session.svelte.js';
import { initCallingRuntime } from '../../../../renderer/calling/calling-runtime.svelte.js';
import { SettingsState } from '../../../../renderer/settings/settings-state.svelte.js';
import { PresenceState } from '../../../../renderer/presence/presence-state.svelte.js';
import { i18n } from '../../../../renderer/i18n/i18n.svelte.js';
import { fakeAuthApi, readyState, signedOutState } from '../fake-auth-api.js';
import { fakeSoftphone } from '../fake-softphone.js';
import type { AuthState } from '../../../../contract/channels-auth.js';

const base: ConnectionInputs = { online: true, signedIn: true, phase: 'ready', connection: 'Connected', connectionReason: null };

describe('connectionStatus', () => {
  it.each<[string, Partial<ConnectionInputs>, string]>([
    ['no network wins over everything', { online: false }, 'offline'],
    ['no network while signed out', { online: false, signedIn: false, phase: null }, 'offline'],
    ['signed out', { signedIn: false, phase: 'signedOut', connection: null }, 'signedOut'],
    ['signed in, calling not started yet', { phase: 'signedOut', connection: null }, 'connecting'],
    ['signed in, calling not loaded', { phase: null, connection: null }, 'connecting'],
    ['agent starting', { phase: 'starting', connection: null }, 'connecting'],
    ['agent created, not connected yet', { connection: 'Disconnected' }, 'connecting'],
    ['agent connected', {}, 'connected'],
    ['agent lost its connection', { connection: 'Disconnected', connectionReason: 'connectionIssue' }, 'reconnecting'],
    ['agent being recreated', { phase: 'reconnecting', connection: null }, 'reconnecting'],
    ['agent gave up', { phase: 'failed', connection: null }, 'disconnected'],
  ])('%s → %s', (_name, inputs, expected) => {
    expect(connectionStatus({ ...base, ...inputs })).toBe(expected);
  });
});

async function renderStatus(authState: AuthState = readyState()) {
  const fake = fakeAuthApi(authState);
  const auth = new AuthSession(fake.api, () => {});
  await auth.load();
  const { api } = fakeSoftphone({ 'presence:get': { status: 'busy', chosen: 'busy', reason: null } });
  const settings = new SettingsState(api);
  await settings.load();
  const runtime = initCallingRuntime(api, settings);
  const presence = new PresenceState(api);
  await presence.load();
  const network = new NetworkState();
  render(StatusArea, { props: { network, presence }, context: new Map([[authContextKey, auth]]) });
  return { fake, service: runtime.service, network };
}

const connection = () => screen.getByTestId('connection');

beforeEach(() => i18n.setLocale('en'));

describe('StatusArea', () => {
  it('follows the calling agent once signed in, and the network', async () => {
    const { service, network } = await renderStatus();
    service.phase = 'starting';
    flushSync();
    expect(connection()).toHaveTextContent('Connection: Connecting…');
    service.phase = 'ready';
    service.connection = 'Connected';
    flushSync();
    expect(connection()).toHaveTextContent('Connection: Connected');
    expect(connection().dataset.status).toBe('connected');
    service.connection = 'Disconnected';
    service.connectionReason = 'connectionIssue';
    flushSync();
    expect(connection()).toHaveTextContent('Connection: Reconnecting…');
    network.online = false;
    flushSync();
    expect(connection()).toHaveTextContent('Connection: No network');
    network.online = true;
    service.phase = 'failed';
    flushSync();
    expect(connection()).toHaveTextContent('Connection: Not connected');
    // Signed in: the status picker is there.
    expect(screen.getByLabelText('Your status')).toHaveValue('busy');
  });

  it('shows signed out, and presence Offline with no picker, while nobody is signed in', async () => {
    const { fake } = await renderStatus(signedOutState);
    expect(connection()).toHaveTextContent('Connection: Signed out');
    expect(screen.getByTestId('presence')).toHaveTextContent('Presence: Offline');
    expect(screen.queryByLabelText('Your status')).toBeNull();
    expect(screen.getByRole('status').textContent).not.toMatch(/Available|Online/);
    fake.push(readyState());
    await waitFor(() => expect(screen.getByLabelText('Your status')).toBeInTheDocument());
  });

  it('speaks Spanish', async () => {
    await renderStatus(signedOutState);
    await i18n.setLocale('es');
    flushSync();
    expect(connection()).toHaveTextContent('Conexión: Sesión no iniciada');
    expect(screen.getByTestId('presence')).toHaveTextContent('Presencia: Desconectado');
  });
});
