/**
 * IT's allowChat policy in the shell: off, there is no Chat section to go to (neither in the
 * navigation nor by its shortcut); on, it is there; turned off while Chat is open, Calls takes its place.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../../../renderer/App.svelte';
import { defaultSettings, type SettingsView } from '../../../../contract/settings.js';
import { fakeSoftphone } from '../fake-softphone.js';

/** The settings main sends with allowChat set by IT or not. */
const policyView = (allowChat: boolean): SettingsView => ({ values: { ...defaultSettings, allowChat }, locked: allowChat ? [] : ['allowChat'] });
/** A window.softphone answering the start-up calls with that setting. */
const fakeApp = (allowChat: boolean) => fakeSoftphone({ 'settings:get': policyView(allowChat) });
const fakeApi = (allowChat: boolean) => fakeApp(allowChat).api;

afterEach(() => {
  delete window.softphone;
});

const navItems = async () => within(await screen.findByRole('navigation', { name: 'Main' })).getAllByRole('button').map((b) => b.textContent?.trim());

describe('allowChat policy in the shell', () => {
  it('off: no Chat section, and its shortcut does nothing', async () => {
    window.softphone = fakeApi(false);
    render(App);
    expect(await navItems()).toEqual(['Calls', 'People', 'Settings']);
    await fireEvent.keyDown(window, { key: '2', ctrlKey: true });
    expect(screen.queryByRole('heading', { name: 'Chat' })).toBeNull();
    await fireEvent.keyDown(window, { key: '3', ctrlKey: true });
    // Settings is its own chunk, loaded on first use; the first import in a test run is slow.
    expect(await screen.findByRole('heading', { name: 'Settings', level: 1 }, { timeout: 10_000 })).toBeInTheDocument();
  });

  it('on: the Chat section is there', async () => {
    window.softphone = fakeApi(true);
    render(App);
    expect(await navItems()).toEqual(['Calls', 'People', 'Chat', 'Settings']);
    await fireEvent.keyDown(window, { key: '2', ctrlKey: true });
    expect(await screen.findByRole('heading', { name: 'Chat' })).toBeInTheDocument();
  });

  it('turned off while Chat is open: Calls is shown and marked as the current section', async () => {
    const fake = fakeApp(true);
    window.softphone = fake.api;
    render(App);
    expect(await navItems()).toEqual(['Calls', 'People', 'Chat', 'Settings']);
    await fireEvent.keyDown(window, { key: '2', ctrlKey: true });
    expect(await screen.findByRole('heading', { name: 'Chat' })).toBeInTheDocument();
    fake.emit('settings:changed', policyView(false));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Chat' })).toBeNull());
    expect(await navItems()).toEqual(['Calls', 'People', 'Settings']);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('button', { name: /Calls/ })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('heading', { name: 'Calls' })).toBeInTheDocument();
    // Choosing a section still works as before.
    await fireEvent.keyDown(window, { key: '3', ctrlKey: true });
    expect(await screen.findByRole('heading', { name: 'Settings', level: 1 }, { timeout: 10_000 })).toBeInTheDocument();
    expect(within(nav).getByRole('button', { name: /Settings/ })).toHaveAttribute('aria-current', 'page');
  });
});
