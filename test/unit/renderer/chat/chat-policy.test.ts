/**
 * IT's allowChat policy in the shell: off, there is no Chat section to go to (neither in the
 * navigation nor by its shortcut); on, it is there.
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../../../renderer/App.svelte';
import { defaultSettings } from '../../../../contract/settings.js';
import { fakeSoftphone } from '../fake-softphone.js';

/** A window.softphone answering the start-up calls with allowChat set by IT or not. */
const fakeApi = (allowChat: boolean) =>
  fakeSoftphone({ 'settings:get': { values: { ...defaultSettings, allowChat }, locked: allowChat ? [] : ['allowChat'] } }).api;

afterEach(() => {
  delete window.softphone;
});

const navItems = async () => within(await screen.findByRole('navigation', { name: 'Main' })).getAllByRole('button').map((b) => b.textContent?.trim());

describe('allowChat policy in the shell', () => {
  it('off: no Chat section, and its shortcut does nothing', async () => {
    window.softphone = fakeApi(false);
    render(App);
    expect(await navItems()).toEqual(['Calls', 'Settings']);
    await fireEvent.keyDown(window, { key: '2', ctrlKey: true });
    expect(screen.queryByRole('heading', { name: 'Chat' })).toBeNull();
    await fireEvent.keyDown(window, { key: '3', ctrlKey: true });
    // Settings is its own chunk, loaded on first use; the first import in a test run is slow.
    expect(await screen.findByRole('heading', { name: 'Settings', level: 1 }, { timeout: 10_000 })).toBeInTheDocument();
  });

  it('on: the Chat section is there', async () => {
    window.softphone = fakeApi(true);
    render(App);
    expect(await navItems()).toEqual(['Calls', 'Chat', 'Settings']);
    await fireEvent.keyDown(window, { key: '2', ctrlKey: true });
    expect(await screen.findByRole('heading', { name: 'Chat' })).toBeInTheDocument();
  });
});
