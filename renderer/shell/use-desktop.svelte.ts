/**
 * The shell's part of "living in the tray": presence for the picker, and the desktop events
 * (links, notification actions). Call during a component's initialisation; it starts on mount
 * and stops on destroy.
 */
import { onMount } from 'svelte';
import { PresenceState } from '../presence/presence-state.svelte.js';
import { DesktopEvents } from './desktop-events.svelte.js';
import type { View } from './views.js';

export function useDesktop(navigate: (view: View) => void): { presence: PresenceState | null; events: DesktopEvents | null } {
  const api = typeof window === 'undefined' ? undefined : window.softphone;
  if (!api) return { presence: null, events: null };
  const presence = new PresenceState(api);
  const events = new DesktopEvents(api, navigate);
  onMount(() => {
    const stop = events.start();
    void presence.load().catch(() => {});
    return () => {
      stop();
      presence.dispose();
    };
  });
  return { presence, events };
}
