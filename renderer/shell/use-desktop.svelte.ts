/**
 * The shell's part of "living in the tray": presence for the picker, and the desktop events
 * (links, notification actions). Call during a component's initialisation; it starts on mount
 * and stops on destroy.
 */
import { onMount } from 'svelte';
import { PresenceState } from '../presence/presence-state.svelte.js';
import { DesktopEvents } from './desktop-events.svelte.js';
import type { View } from './views.js';

export interface ShellDesktop {
  presence: PresenceState | null;
  events: DesktopEvents | null;
  /** False while the window is hidden in the tray (or minimised): nothing is "seen" then. */
  readonly visible: boolean;
}

export function useDesktop(navigate: (view: View) => void): ShellDesktop {
  const api = typeof window === 'undefined' ? undefined : window.softphone;
  let visible = $state(typeof document === 'undefined' || document.visibilityState === 'visible');
  const onVisibility = () => (visible = document.visibilityState === 'visible');
  const presence = api ? new PresenceState(api) : null;
  const events = api ? new DesktopEvents(api, navigate) : null;
  onMount(() => {
    document.addEventListener('visibilitychange', onVisibility);
    const stop = events?.start();
    void presence?.load().catch(() => {});
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      stop?.();
      presence?.dispose();
    };
  });
  return {
    presence,
    events,
    get visible() {
      return visible;
    },
  };
}
