/** Settings → Start-up and presence: start at login (lockable by policy) and the Away delay. */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import StartupSettings from '../../../renderer/settings/StartupSettings.svelte';
import { SettingsState } from '../../../renderer/settings/settings-state.svelte.js';
import { i18n } from '../../../renderer/i18n/i18n.svelte.js';
import { defaultSettings, type SettingsView as View } from '../../../contract/settings.js';
import type { SoftphoneApi } from '../../../contract/index.js';

async function renderStartup(view: View, locale: 'en' | 'es' = 'en') {
  await i18n.setLocale(locale);
  const patches: unknown[] = [];
  let current = view;
  const api = {
    settings: {
      get: async () => ({ ok: true, value: view }),
      set: async (patch: object) => {
        patches.push(patch);
        current = { ...current, values: { ...current.values, ...patch } };
        return { ok: true, value: current };
      },
      onChanged: () => () => {},
    },
  } as unknown as SoftphoneApi;
  const settings = new SettingsState(api);
  await settings.load();
  render(StartupSettings, { settings });
  return { patches, settings };
}

describe('StartupSettings', () => {
  it('turns start at login on and sets the Away delay', async () => {
    const { patches, settings } = await renderStartup({ values: defaultSettings, locked: [] });
    const startAtLogin = screen.getByLabelText('Start when I sign in to the computer');
    expect(startAtLogin).not.toBeChecked();
    await fireEvent.click(startAtLogin);
    const awayAfter = screen.getByLabelText('Show me as Away after (minutes)');
    expect(awayAfter).toHaveValue(10);
    await fireEvent.change(awayAfter, { target: { value: '0' } });
    expect(patches).toEqual([{ startAtLogin: true }, { awayAfterMinutes: 0 }]);
    expect(settings.view?.values).toMatchObject({ startAtLogin: true, awayAfterMinutes: 0 });
  });

  it('refuses an Away delay out of range with a message, sending nothing', async () => {
    const { patches } = await renderStartup({ values: defaultSettings, locked: [] });
    for (const value of ['241', '2.5', '-1', '']) {
      await fireEvent.change(screen.getByLabelText('Show me as Away after (minutes)'), { target: { value } });
    }
    expect(patches).toEqual([]);
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a whole number of minutes from 0 to 240.');
  });

  it('shows start at login locked when the organisation sets it, in Spanish too', async () => {
    await renderStartup({ values: { ...defaultSettings, startAtLogin: true }, locked: ['startAtLogin'] }, 'es');
    const startAtLogin = screen.getByLabelText('Iniciar al iniciar sesión en el equipo');
    expect(startAtLogin).toBeChecked();
    expect(startAtLogin).toBeDisabled();
    expect(startAtLogin).toHaveAccessibleDescription('Establecido por su organización');
    expect(screen.getByLabelText('Mostrarme como Ausente después de (minutos)')).toBeEnabled();
  });
});
