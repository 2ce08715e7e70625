/**
 * App start-up: each start-up call may fail on its own. The language falls back to the
 * browser's, a missing notice is skipped, and an essential failure shows a translated message
 * with Retry instead of a dead English screen.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../../../renderer/App.svelte';
import { defaultSettings } from '../../../../contract/settings.js';
import { failure, fakeSoftphone } from '../fake-softphone.js';

function browserLanguages(languages: string[]) {
  Object.defineProperty(navigator, 'languages', { value: languages, configurable: true });
}

afterEach(() => {
  delete window.softphone;
  browserLanguages(['en-US']);
});

describe('App start-up', () => {
  it('starts in the browser language when main cannot say which, and without start-up notices', async () => {
    browserLanguages(['es-MX', 'en']);
    const { api } = fakeSoftphone({ 'locale:get': () => failure, 'app:getStartupNotices': () => failure });
    window.softphone = api;
    render(App);
    expect(await screen.findByRole('navigation', { name: 'Principal' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('es');
  });

  it('shows a translated error with Retry when an essential part fails, and starts on Retry', async () => {
    browserLanguages(['es-ES']);
    let settingsFail = true;
    const { api, calls } = fakeSoftphone({
      'locale:get': () => failure,
      'settings:get': () => (settingsFail ? failure : { ok: true, value: { values: defaultSettings, locked: [] } }),
    });
    window.softphone = api;
    render(App);
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('ACS Softphone no pudo iniciarse. Vuelva a intentarlo'));
    expect(screen.queryByRole('navigation')).toBeNull();

    settingsFail = false;
    await fireEvent.click(screen.getByRole('button', { name: 'Volver a intentar' }));
    expect(await screen.findByRole('navigation', { name: 'Principal' })).toBeInTheDocument();
    expect(calls.filter((c) => c === 'settings:get')).toHaveLength(2);
  });

  it('tells main, once the shell is painted, how long after navigation it became interactive', async () => {
    const reports: unknown[] = [];
    const { api } = fakeSoftphone({ 'app:reportStartup': (request) => (reports.push(request), { ok: true, value: undefined }) });
    window.softphone = api;
    render(App);
    await screen.findByRole('navigation', { name: 'Main' });
    await waitFor(() => expect(reports).toHaveLength(1));
    const mark = performance.getEntriesByName('shell-interactive').at(-1)!;
    expect(reports).toEqual([{ sinceNavigationMs: mark.startTime }]);
  });

  it('starts normally when main cannot take the start-up report', async () => {
    const { api, calls } = fakeSoftphone({ 'app:reportStartup': () => failure });
    window.softphone = api;
    render(App);
    await screen.findByRole('navigation', { name: 'Main' });
    await waitFor(() => expect(calls).toContain('app:reportStartup'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the notice when main repairs a settings file changed while the app runs', async () => {
    const { api, emit, listenerCount } = fakeSoftphone();
    window.softphone = api;
    render(App);
    await screen.findByRole('navigation', { name: 'Main' });
    expect(listenerCount('settings:recovered')).toBeGreaterThan(0);
    emit('settings:recovered', { reason: 'changed-outside', resetKeys: [], backupPath: '/u/settings.changed-1.json' });
    expect(await screen.findByRole('alert')).toHaveTextContent(/changed outside the app.*settings\.changed-1\.json/);
  });

  it('says the bridge is missing in the browser language', async () => {
    browserLanguages(['es']);
    render(App);
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Reinicie ACS Softphone'));
    expect(screen.queryByRole('button', { name: 'Volver a intentar' })).toBeNull();
  });
});
