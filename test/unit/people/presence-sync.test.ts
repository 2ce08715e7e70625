import { describe, expect, it } from 'vitest';
import type { LiveChannelState, PersonPresence } from '../../../contract/channels-people.js';
import type { LiveEventMap } from '../../../main/live/live-events.js';
import { PresenceSync } from '../../../main/people/presence-sync.js';
import { PresenceTracker } from '../../../main/presence/presence-tracker.js';
import { json, peopleRequests } from './people-setup.js';

function fakeLive(status: LiveChannelState['status'] = 'connected') {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(state: LiveChannelState) => void>();
  let state: LiveChannelState = { status, retryAt: null };
  return {
    on<K extends keyof LiveEventMap>(type: K, listener: (payload: LiveEventMap[K]) => void) {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type)!.add(listener as (payload: unknown) => void);
      return () => listeners.get(type)!.delete(listener as (payload: unknown) => void);
    },
    get state() {
      return state;
    },
    onStateChange(listener: (state: LiveChannelState) => void) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    emit<K extends keyof LiveEventMap>(type: K, payload: LiveEventMap[K]) {
      for (const l of listeners.get(type) ?? []) l(payload);
    },
    setStatus(next: LiveChannelState['status']) {
      state = { status: next, retryAt: null };
      for (const l of stateListeners) l(state);
    },
  };
}

const hello = (resumed: boolean) => ({ connectionId: 'c', heartbeatSeconds: 15, resumed });
const since = '2026-03-02T09:00:00.000Z';

function setup(options: { status?: LiveChannelState['status']; failPresence?: () => boolean } = {}) {
  const published: string[] = [];
  const subscriptions: string[][] = [];
  const people = peopleRequests(({ method, path, body }) => {
    if (path.endsWith('/presence') && method === 'PUT') {
      if (options.failPresence?.()) return json(503, { error: { code: 'unavailable', message: 'x' } });
      published.push((body as { status: string }).status);
      return new Response(null, { status: 204 });
    }
    const ids = (body as { personIds: string[] }).personIds;
    subscriptions.push(ids);
    // The service answers for the ids it knows (and this one adds someone nobody asked about).
    return json(200, { presence: [...ids.filter((id) => id !== 'p_gone').map((personId) => ({ personId, status: 'available', since })), { personId: 'p_extra', status: 'busy', since }] });
  });
  let saved: unknown = 'available';
  const presence = new PresenceTracker({ load: () => saved, save: (s) => (saved = s) });
  const live = fakeLive(options.status);
  const emitted: PersonPresence[][] = [];
  const sync = new PresenceSync({ requests: people.requests, live, presence, timers: people.time.timers, clock: people.time.clock, log: people.logger.log, emit: (p) => emitted.push(p) });
  sync.start();
  return { ...people, sync, presence, live, published, subscriptions, emitted };
}

describe('PresenceSync: the user\'s own presence', () => {
  it('publishes after each hello, and a burst of changes within the interval as one request', async () => {
    const { live, presence, published, time } = setup();
    live.emit('hello', hello(false));
    await time.advance(0);
    expect(published).toEqual(['available']);
    presence.choose('busy');
    presence.setInCall(true);
    presence.setInCall(false);
    presence.choose('doNotDisturb');
    await time.advance(999);
    expect(published).toEqual(['available']);
    await time.advance(1);
    expect(published).toEqual(['available', 'doNotDisturb']);
  });

  it('sends a change after a quiet spell at once, and the next one no sooner than the interval', async () => {
    const { live, presence, published, time } = setup();
    live.emit('hello', hello(true));
    await time.advance(5_000);
    presence.choose('busy');
    await time.advance(0);
    expect(published).toEqual(['available', 'busy']);
    presence.choose('away');
    await time.advance(999);
    expect(published).toEqual(['available', 'busy']);
    await time.advance(1);
    expect(published).toEqual(['available', 'busy', 'away']);
  });

  it('sends In a call and Appear offline as they are', async () => {
    const { live, presence, published, time } = setup();
    live.emit('hello', hello(true));
    presence.setInCall(true);
    await time.advance(1_000);
    presence.setInCall(false);
    presence.choose('appearOffline');
    await time.advance(1_000);
    expect(published).toEqual(['inACall', 'appearOffline']);
  });

  it('sends again after a reconnection, and nothing while the channel is down', async () => {
    const { live, presence, published, time } = setup();
    live.emit('hello', hello(true));
    await time.advance(0);
    live.setStatus('reconnecting');
    presence.choose('away');
    await time.advance(5_000);
    expect(published).toEqual(['available']);
    live.setStatus('connected');
    live.emit('hello', hello(true));
    await time.advance(0);
    expect(published).toEqual(['available', 'away']);
  });

  it('tries again after a failed publish', async () => {
    let failing = true;
    const { live, published, time } = setup({ failPresence: () => failing });
    live.emit('hello', hello(true));
    await time.advance(0);
    expect(published).toEqual([]);
    failing = false;
    await time.advance(15_000);
    expect(published).toEqual(['available']);
  });
});

describe('PresenceSync: everyone else\'s', () => {
  it('replaces the watch set and answers only for the people asked about', async () => {
    const { sync, subscriptions } = setup();
    expect(await sync.watch(['p_ada', 'p_gone', 'p_ada'])).toEqual([{ personId: 'p_ada', status: 'available', since }]);
    expect(subscriptions).toEqual([['p_ada', 'p_gone']]);
  });

  it('passes on live presence events for watched people only', async () => {
    const { sync, live, emitted } = setup();
    await sync.watch(['p_ada']);
    live.emit('presence', { personId: 'p_ada', status: 'busy', since });
    live.emit('presence', { personId: 'p_stranger', status: 'busy', since });
    expect(emitted).toEqual([[{ personId: 'p_ada', status: 'busy', since }]]);
  });

  it.each(['helloNotResumed', 'resync'] as const)('sends the set again after %s and passes on the answer', async (type) => {
    const { sync, live, subscriptions, emitted, time } = setup();
    await sync.watch(['p_ada', 'p_jose']);
    if (type === 'resync') live.emit('resync', { reason: 'too-far-behind' });
    else live.emit('helloNotResumed', hello(false));
    await time.advance(0);
    expect(subscriptions).toEqual([['p_ada', 'p_jose'], ['p_ada', 'p_jose']]);
    expect(emitted.at(-1)?.map((p) => p.personId)).toEqual(['p_ada', 'p_jose']);
  });

  it('forgets the set at a change of user', async () => {
    const { sync, live, subscriptions, emitted, time } = setup();
    await sync.watch(['p_ada']);
    sync.reset();
    live.emit('presence', { personId: 'p_ada', status: 'busy', since });
    live.emit('resync', { reason: 'unknown-id' });
    await time.advance(0);
    expect(emitted).toEqual([]);
    expect(subscriptions.at(-1)).toEqual([]);
  });

  it('refuses a bad subscriptions reply with a translated message', async () => {
    const people = peopleRequests(() => json(200, { presence: 'lots' }));
    const sync = new PresenceSync({ requests: people.requests, live: fakeLive(), presence: new PresenceTracker({ load: () => 'available', save: () => {} }), timers: people.time.timers, clock: people.time.clock, log: people.logger.log, emit: () => {} });
    await expect(sync.watch(['p_ada'])).rejects.toMatchObject({ messageKey: 'orgService:errors.badReply' });
  });
});
