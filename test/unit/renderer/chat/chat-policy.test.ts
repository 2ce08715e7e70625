/**
 * IT's allowChat policy in the shell: off, there is no Chat section to go to (neither in the
 * navigation nor by its shortcut); on, it is there.
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../../../renderer/App.svelte';
import { defaultSettings } from '../../../../contract/settings.js';
import type { IpcResult } from '../../../../contract/errors.js';
import { signedOutState } from '../fake-auth-api.js';

const failure: IpcResult<never> = { ok: false, error: { code: 'internal', messageKey: 'errors:ipc.internal' } };

/** A window.softphone answering the start-up calls; anything else fails, every on… is a no-op. */
function fakeApi(allowChat: boolean) {
  const answers: Record<string, unknown> = {
    'locale:get': { locale: 'en', systemLocale: 'en' },
    'app:getInfo': { name: 'ACS Softphone', version: '1.0.0', platform: 'linux', electron: '45', chrome: '144' },
    'app:getStartupNotices': { settingsRecovery: null },
    'settings:get': { values: { ...defaultSettings, allowChat }, locked: allowChat ? [] : ['allowChat'] },
    'auth:getState': signedOutState,
  };
  const group = (name: string) =>
    new Proxy(
      {},
      {
        get: (_target, method: string) =>
          method.startsWith('on') ? () => () => undefined : async () => (`${name}:${method}` in answers ? { ok: true, value: answers[`${name}:${method}`] } : failure),
      },
    );
  return new Proxy({}, { get: (_t, name: string) => group(name) });
}

afterEach(() => {
  delete (window as { softphone?: unknown }).softphone;
});

const navItems = async () => within(await screen.findByRole('navigation', { name: 'Main' })).getAllByRole('button').map((b) => b.textContent?.trim());

describe('allowChat policy in the shell', () => {
  it('off: no Chat section, and its shortcut does nothing', async () => {
    window.softphone = fakeApi(false) as never;
    render(App);
    expect(await navItems()).toEqual(['Calls', 'Settings']);
    await fireEvent.keyDown(window, { key: '2', ctrlKey: true });
    expect(screen.queryByRole('heading', { name: 'Chat' })).toBeNull();
    await fireEvent.keyDown(window, { key: '3', ctrlKey: true });
    // Settings is its own chunk, loaded on first use; the first import in a test run is slow.
    expect(await screen.findByRole('heading', { name: 'Settings', level: 1 }, { timeout: 10_000 })).toBeInTheDocument();
  });

  it('on: the Chat section is there', async () => {
    window.softphone = fakeApi(true) as never;
    render(App);
    expect(await navItems()).toEqual(['Calls', 'Chat', 'Settings']);
    await fireEvent.keyDown(window, { key: '2', ctrlKey: true });
    expect(await screen.findByRole('heading', { name: 'Chat' })).toBeInTheDocument();
  });
});
