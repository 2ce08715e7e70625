/**
 * The shell's part of "living in the tray": presence for the picker, the desktop events
 * (links, notification actions), and whether the user can see the window at all — main's word
 * for it, since a window hidden in the tray still tells the page it is visible (background
 * throttling is off so calls ring). Call during a component's initialisation; it starts on
 * mount and stops on destroy.
 */
import { onMount } from 'svelte';
import type { WindowState } from '../../contract/channels-tray.js';
import { call } from '../lib/bridge.js';
import { PresenceState } from '../presence/presence-state.svelte.js';
import { DesktopEvents } from './desktop-events.svelte.js';
import type { View } from './views.js';

export interface ShellDesktop {
  presence: PresenceState | null;
  events: DesktopEvents | null;
  /** The window is on screen and focused: what it shows is seen. False while hidden in the tray. */
  readonly attentive: boolean;
}

export function useDesktop(navigate: (view: View) => void): ShellDesktop {
  const api = typeof window === 'undefined' ? undefined : window.softphone;
  // Until main answers, assume nobody is looking: missed calls stay counted rather than vanish.
  let windowState = $state<WindowState>({ visible: false, focused: false });
  const presence = api ? new PresenceState(api) : null;
  const events = api ? new DesktopEvents(api, navigate) : null;
  onMount(() => {
    const stopWindow = api?.tray.onWindowStateChanged((state) => (windowState = state));
    if (api) {
      void call(api.tray.windowState())
        .then((state) => (windowState = state))
        .catch(() => {});
    }
    const stop = events?.start();
    void presence?.load().catch(() => {});
    return () => {
      stopWindow?.();
      stop?.();
      presence?.dispose();
    };
  });
  return {
    presence,
    events,
    get attentive() {
      return windowState.visible && windowState.focused;
    },
  };
}
