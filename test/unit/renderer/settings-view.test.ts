import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import SettingsView from '../../../renderer/settings/SettingsView.svelte';
import { SettingsState } from '../../../renderer/settings/settings-state.svelte.js';
import { i18n } from '../../../renderer/i18n/i18n.svelte.js';
import { defaultSettings, type SettingsView as View } from '../../../contract/settings.js';
import type { SoftphoneApi } from '../../../contract/index.js';
import type { IpcResult } from '../../../contract/errors.js';

function fakeApi(view: View, setResult?: IpcResult<View>) {
  const patches: unknown[] = [];
  const api = {
    settings: {
      get: async () => ({ ok: true, value: view }),
      set: async (patch: unknown) => {
        patches.push(patch);
        return setResult ?? { ok: true, value: { ...view, values: { ...view.values, ...(patch as object) } } };
      },
      onChanged: () => () => {},
    },
  } as unknown as SoftphoneApi;
  return { api, patches };
}

const appInfo = { name: 'ACS Softphone', version: '1.2.3', platform: 'linux' as const, electron: '45', chrome: '144' };
const localeInfo = { locale: 'en' as const, systemLocale: 'es' as const };

async function renderSettings(view: View, setResult?: IpcResult<View>) {
  await i18n.setLocale('en');
  const { api, patches } = fakeApi(view, setResult);
  const settings = new SettingsState(api);
  await settings.load();
  render(SettingsView, { settings, appInfo, localeInfo });
  return { patches, settings };
}

describe('SettingsView', () => {
  it('shows the current values, the system language by name, and the version', async () => {
    await renderSettings({ values: { ...defaultSettings, theme: 'dark' }, locked: [] });
    expect(screen.getByLabelText('Language')).toHaveValue('system');
    expect(screen.getByRole('option', { name: 'System language (Español)' })).toBeInTheDocument();
    expect(screen.getByLabelText('Theme')).toHaveValue('dark');
    expect(screen.getByText(/Version 1\.2\.3/)).toBeInTheDocument();
  });

  it('sends a change to main and shows the saved value', async () => {
    const { patches, settings } = await renderSettings({ values: defaultSettings, locked: [] });
    await fireEvent.change(screen.getByLabelText('Theme'), { target: { value: 'light' } });
    expect(patches).toEqual([{ theme: 'light' }]);
    expect(settings.view?.values.theme).toBe('light');
  });

  it('shows a locked setting as set by the organisation and disabled', async () => {
    await renderSettings({ values: { ...defaultSettings, language: 'es' }, locked: ['language'] });
    expect(screen.getByLabelText('Language')).toBeDisabled();
    expect(screen.getByText('Set by your organisation')).toBeInTheDocument();
    expect(screen.getByLabelText('Theme')).toBeEnabled();
  });

  it('takes a caller ID and country the way a managed policy value is taken (normaliseSettingText)', async () => {
    const { patches } = await renderSettings({ values: defaultSettings, locked: [] });
    // Each field says what it takes, and takes it in the right shape.
    expect(screen.getByLabelText('Caller ID for phone calls')).toHaveAccessibleDescription('An E.164 number, e.g. +14255550123. Leave empty for none.');
    expect(screen.getByLabelText('Caller ID for phone calls')).toHaveAttribute('type', 'tel');
    expect(screen.getByLabelText('Default country for phone numbers')).toHaveAccessibleDescription('Two letters, e.g. US, ES, MX.');
    expect(screen.getByLabelText('Default country for phone numbers')).toHaveAttribute('maxlength', '2');
    // Not a possible international number: refused here, never sent.
    await fireEvent.change(screen.getByLabelText('Caller ID for phone calls'), { target: { value: '555-0123' } });
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter the number in international format, starting with + and the country code.');
    expect(patches).toEqual([]);
    await fireEvent.change(screen.getByLabelText('Caller ID for phone calls'), { target: { value: '+44 (0)20 7946.0958' } });
    await fireEvent.change(screen.getByLabelText('Default country for phone numbers'), { target: { value: ' gb ' } });
    expect(patches).toEqual([{ callerId: '+442079460958' }, { defaultCountry: 'GB' }]);
  });

  it('shows a translated error when main refuses a change', async () => {
    await renderSettings({ values: defaultSettings, locked: [] }, { ok: false, error: { code: 'failed', messageKey: 'errors:settings.locked' } });
    await fireEvent.change(screen.getByLabelText('Theme'), { target: { value: 'dark' } });
    expect(await screen.findByRole('alert')).toHaveTextContent('This setting is managed by your organisation and cannot be changed.');
    // Under the fields it concerns, like every other section's error.
    expect(screen.getByRole('group', { name: 'Appearance' })).toContainElement(screen.getByRole('alert'));
  });
});
