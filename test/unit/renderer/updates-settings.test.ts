/**
 * Settings → Updates: what went wrong (a refused save, a failed check or restart, an address
 * that is not https) shows in the Updates section, and the next attempt clears it.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import UpdatesSettings from '../../../renderer/updates/UpdatesSettings.svelte';
import { SettingsState } from '../../../renderer/settings/settings-state.svelte.js';
import { i18n } from '../../../renderer/i18n/i18n.svelte.js';
import type { UpdateState } from '../../../contract/channels-updates.js';
import type { IpcResult } from '../../../contract/index.js';
import { failure, fakeSoftphone } from './fake-softphone.js';

const idle: UpdateState = { status: 'idle', disabledReason: null, version: null, percent: null, restartAfterCall: false };
const ready: UpdateState = { ...idle, status: 'ready', version: '2.0.0' };
const internalError = "Something went wrong in the app's background service. Try again.";

/** What main answers next, per channel; the test changes it between clicks. */
const answers: { check: IpcResult<UpdateState>; restart: IpcResult<UpdateState> } = { check: failure, restart: failure };
const fake = fakeSoftphone({
  'updates:getState': idle,
  'updates:check': () => answers.check,
  'updates:restartToUpdate': () => answers.restart,
});

// The Updates state is shared across the app, made once from window.softphone and loaded once:
// later states come as main's updates:stateChanged.
beforeAll(() => {
  window.softphone = fake.api;
});

beforeEach(async () => {
  await i18n.setLocale('en');
  fake.calls.length = 0;
});

async function renderUpdates() {
  const settings = new SettingsState(fake.api);
  await settings.load();
  render(UpdatesSettings, { settings });
  // Each test starts from an idle updater, whatever the one before left in the shared state.
  await waitFor(() => expect(fake.listenerCount('updates:stateChanged')).toBe(1));
  fake.emit('updates:stateChanged', idle);
  return within(screen.getByRole('group', { name: 'Updates' }));
}

describe('UpdatesSettings', () => {
  it('says in its section why Check now failed, and clears it when a check succeeds', async () => {
    answers.check = failure;
    const section = await renderUpdates();
    await fireEvent.click(await section.findByRole('button', { name: 'Check now' }));
    expect(await section.findByRole('alert')).toHaveTextContent(internalError);
    answers.check = { ok: true, value: { ...idle, status: 'up-to-date' } };
    await fireEvent.click(section.getByRole('button', { name: 'Check now' }));
    await waitFor(() => expect(section.queryByRole('alert')).toBeNull());
    expect(section.getByRole('status')).toHaveTextContent('ACS Softphone is up to date.');
  });

  it('says why Restart to update failed', async () => {
    answers.restart = failure;
    const section = await renderUpdates();
    fake.emit('updates:stateChanged', ready);
    await fireEvent.click(await section.findByRole('button', { name: 'Restart to update' }));
    expect(await section.findByRole('alert')).toHaveTextContent(internalError);
    expect(fake.calls).toContain('updates:restartToUpdate');
  });

  it('refuses an update address that is not https without sending it, and says why a refused save failed', async () => {
    const section = await renderUpdates();
    await fireEvent.change(section.getByLabelText('Update server URL'), { target: { value: 'http://updates.example.test/' } });
    expect(await section.findByRole('alert')).toHaveTextContent('Enter an https:// address.');
    expect(fake.calls).not.toContain('settings:set');
    // settings:set is not answered by the fake: main refuses the change.
    await fireEvent.click(section.getByLabelText('Update automatically'));
    await waitFor(() => expect(section.getByRole('alert')).toHaveTextContent(internalError));
    expect(fake.calls).toContain('settings:set');
  });
});
