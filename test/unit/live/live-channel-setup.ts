/** A LiveChannel against the scripted SSE server, with fake time for its timers. */
import { vi } from 'vitest';
import type { LiveChannelState } from '../../../contract/channels-people.js';
import type { WakeEvents } from '../../../main/auth/auth-services.js';
import { LiveChannel } from '../../../main/live/live-channel.js';
import type { LiveEventMap } from '../../../main/live/live-events.js';
import type { OrgServiceSession } from '../../../main/live/org-service-session.js';
import { fakeTime } from '../../fixtures/fake-time.js';
import { recordingLogger } from '../../fixtures/recorders.js';
import type { SseOrgService } from '../../fixtures/sse-org-service.js';

export function liveChannelFor(service: SseOrgService, options: { random?: () => number; signedIn?: boolean } = {}) {
  const time = fakeTime();
  const logger = recordingLogger();
  const session = { signedIn: options.signedIn ?? true, credential: 'ApiKey live-key' };
  const sessionListeners = new Set<(signedIn: boolean) => void>();
  const credentialRefused = vi.fn();
  const orgSession: OrgServiceSession = {
    isSignedIn: () => session.signedIn,
    authorization: async () => (session.signedIn ? { serviceUrl: service.url, authorization: session.credential } : null),
    credentialRefused,
    onSessionChange: (listener) => (sessionListeners.add(listener), () => sessionListeners.delete(listener)),
  };
  const wakeListeners = new Set<() => void>();
  const wakeEvents: WakeEvents = { onWake: (listener) => (wakeListeners.add(listener), () => wakeListeners.delete(listener)) };
  const random = vi.fn(options.random ?? (() => 0.5));
  const channel = new LiveChannel({ fetch: (url, init) => fetch(url, init), session: orgSession, clock: time.clock, timers: time.timers, random, wakeEvents, log: logger.log });
  const states: LiveChannelState[] = [];
  channel.onStateChange((state) => states.push(state));
  const heard: { type: keyof LiveEventMap; payload: unknown }[] = [];
  for (const type of ['hello', 'helloNotResumed', 'resync', 'presence', 'directory'] as const) channel.on(type, (payload) => heard.push({ type, payload }));
  return {
    channel,
    time,
    logger,
    states,
    heard,
    random,
    credentialRefused,
    signIn(credential = 'ApiKey live-key') {
      session.signedIn = true;
      session.credential = credential;
      for (const l of sessionListeners) l(true);
    },
    signOut() {
      session.signedIn = false;
      for (const l of sessionListeners) l(false);
    },
    wake: () => wakeListeners.forEach((l) => l()),
    /** Waits (in real time: the network is real) until the channel's status is `status`. */
    until: (status: LiveChannelState['status']) => vi.waitFor(() => expect(channel.state.status).toBe(status), { timeout: 3000, interval: 5 }),
    heardOf: (type: keyof LiveEventMap) => heard.filter((h) => h.type === type).map((h) => h.payload),
  };
}

import { expect } from 'vitest';
