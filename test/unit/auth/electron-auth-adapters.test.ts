/**
 * The auth capability's Electron adapters against stand-ins for `net` and `powerMonitor` (no
 * Electron binary here): sign-in HTTP goes through net.fetch unchanged, and resume, unlock and
 * the network coming back each wake the token cache.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fetched: { input: string; init: RequestInit }[] = [];
const network = { online: true };
const powerMonitor = new EventEmitter();

vi.mock('electron', () => ({
  net: {
    fetch: async (input: string, init: RequestInit) => {
      fetched.push({ input, init });
      return new Response('{}', { status: 200 });
    },
    isOnline: () => network.online,
  },
  powerMonitor,
}));
const { electronNetFetch } = await import('../../../main/auth/electron-net-fetch.js');
const { electronWakeEvents } = await import('../../../main/auth/electron-wake-events.js');

describe('electronNetFetch', () => {
  it('hands the request to net.fetch as it is (method, headers, body, signal, no redirects)', async () => {
    const signal = new AbortController().signal;
    const init: RequestInit = { method: 'POST', headers: { authorization: 'ApiKey k' }, body: '{}', signal, redirect: 'error' };
    const response = await electronNetFetch('https://tokens.contoso.test/token', init);
    expect(response.status).toBe(200);
    expect(fetched).toEqual([{ input: 'https://tokens.contoso.test/token', init }]);
  });
});

describe('electronWakeEvents', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    network.online = true;
  });
  afterEach(() => vi.useRealTimers());

  it('wakes on resume and unlock, and when the network comes back — not while it stays up or down', async () => {
    const woken = vi.fn();
    const stop = electronWakeEvents.onWake(woken);
    powerMonitor.emit('resume');
    powerMonitor.emit('unlock-screen');
    expect(woken).toHaveBeenCalledTimes(2);

    await vi.advanceTimersByTimeAsync(30_000);
    expect(woken).toHaveBeenCalledTimes(2);
    network.online = false;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(woken).toHaveBeenCalledTimes(2);
    network.online = true;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(woken).toHaveBeenCalledTimes(3);

    stop();
    powerMonitor.emit('resume');
    network.online = false;
    await vi.advanceTimersByTimeAsync(10_000);
    network.online = true;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(woken).toHaveBeenCalledTimes(3);
    expect(powerMonitor.listenerCount('resume')).toBe(0);
  });
});
