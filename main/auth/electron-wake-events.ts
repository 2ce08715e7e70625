/**
 * Electron adapter: the moments the token cache should look again — the machine resumed from
 * sleep (timers may have slept through a refresh or the expiry), the screen was unlocked, or
 * the network came back (Electron has no event for it in main: `net.isOnline()` is polled).
 */
import { net, powerMonitor } from 'electron';
import type { WakeEvents } from './auth-services.js';

/** How often the online state is checked; a cheap call, answered from Chromium's own state. */
const onlinePollMs = 10_000;

export const electronWakeEvents: WakeEvents = {
  onWake(listener) {
    const onResume = () => listener();
    powerMonitor.on('resume', onResume);
    powerMonitor.on('unlock-screen', onResume);
    let online = net.isOnline();
    const timer = setInterval(() => {
      const now = net.isOnline();
      if (now && !online) listener();
      online = now;
    }, onlinePollMs);
    timer.unref();
    return () => {
      powerMonitor.off('resume', onResume);
      powerMonitor.off('unlock-screen', onResume);
      clearInterval(timer);
    };
  },
};
