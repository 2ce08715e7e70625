/**
 * LiveChannel over real sockets against a scripted SSE server (test/fixtures/sse-org-service.ts)
 * speaking org-service/API.md; its timers run on fake time, so heartbeats, silence and back-off
 * are read off exactly.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultLiveReconnectPolicy } from '../../../main/live/reconnect-policy.js';
import { startSseOrgService, type SseOrgService } from '../../fixtures/sse-org-service.js';
import { liveChannelFor } from './live-channel-setup.js';

let service: SseOrgService;
let current: ReturnType<typeof liveChannelFor> | null = null;
beforeAll(async () => {
  service = await startSseOrgService();
});
afterAll(async () => {
  await service.stop();
});
afterEach(() => {
  current?.channel.dispose();
  current = null;
  service.reset();
});

function setup(options: Parameters<typeof liveChannelFor>[1] = {}) {
  current = liveChannelFor(service, options);
  return current;
}

const presence = (personId: string, status = 'busy') => ({ personId, status, since: '2026-03-02T09:00:00.000Z' });
const waitHeard = (live: ReturnType<typeof setup>, type: Parameters<ReturnType<typeof setup>['heardOf']>[0], count: number) =>
  vi.waitFor(() => expect(live.heardOf(type)).toHaveLength(count), { timeout: 3000, interval: 5 });

describe('connecting', () => {
  it('opens GET /events with the session\'s Authorization, and is connected after hello', async () => {
    const live = setup();
    const opened = service.nextStream();
    live.channel.start();
    expect(live.channel.state).toEqual({ status: 'connecting', retryAt: null });
    const stream = await opened;
    expect(stream.authorization).toBe('ApiKey live-key');
    expect(stream.lastEventId).toBeNull();
    stream.hello({ resumed: false });
    await live.until('connected');
    expect(live.heardOf('hello')).toHaveLength(1);
    expect(live.heardOf('helloNotResumed')).toHaveLength(1);
  });

  it('stays signed out without a session and connects at sign-in', async () => {
    const live = setup({ signedIn: false });
    live.channel.start();
    expect(live.channel.state.status).toBe('signedOut');
    const opened = service.nextStream();
    live.signIn();
    (await opened).hello();
    await live.until('connected');
  });

  it('closes the stream at sign-out and forgets where it was', async () => {
    const live = setup();
    const opened = service.nextStream();
    live.channel.start();
    const stream = await opened;
    stream.hello();
    stream.event(41, 'presence', presence('p_ada'));
    await waitHeard(live, 'presence', 1);
    live.signOut();
    expect(live.channel.state).toEqual({ status: 'signedOut', retryAt: null });
    await stream.closed;
    const again = service.nextStream();
    live.signIn();
    expect((await again).lastEventId).toBeNull();
  });
});

describe('events and resuming', () => {
  it('passes on presence and directory events and resumes from the last id after a drop', async () => {
    const live = setup({ random: () => 0 });
    const first = service.nextStream();
    live.channel.start();
    const stream = await first;
    stream.hello({ resumed: false });
    stream.event(1, 'presence', presence('p_ada'));
    stream.event(2, 'directory', { personId: 'p_jose', change: 'updated' });
    await waitHeard(live, 'directory', 1);
    expect(live.heardOf('presence')).toEqual([presence('p_ada')]);
    const second = service.nextStream();
    stream.close();
    await live.until('reconnecting');
    await live.time.advance(0);
    const resumed = await second;
    expect(resumed.lastEventId).toBe('2');
    resumed.hello({ resumed: true });
    await live.until('connected');
    // A resumed hello needs nothing sent again.
    expect(live.heardOf('helloNotResumed')).toHaveLength(1);
  });

  it('drops an event it already had (at least once on the wire, exactly once to subscribers)', async () => {
    const live = setup();
    const opened = service.nextStream();
    live.channel.start();
    const stream = await opened;
    stream.hello();
    stream.event(5, 'presence', presence('p_ada'));
    stream.event(5, 'presence', presence('p_ada', 'away'));
    stream.event(4, 'presence', presence('p_ada', 'away'));
    stream.event(6, 'presence', presence('p_ada', 'available'));
    await waitHeard(live, 'presence', 2);
    expect(live.heardOf('presence').map((p) => (p as { status: string }).status)).toEqual(['busy', 'available']);
    expect(live.channel.stats.droppedFrames).toBe(2);
  });

  it('follows a resync: tells subscribers, and resumes from the id the service gave', async () => {
    const live = setup({ random: () => 0 });
    const first = service.nextStream();
    live.channel.start();
    const stream = await first;
    stream.hello();
    stream.event(900, 'presence', presence('p_ada'));
    await waitHeard(live, 'presence', 1);
    // The service's log was reset: its newest id is lower than ours.
    stream.write('id: 12\nevent: resync\ndata: {"reason":"unknown-id"}\n\n');
    await waitHeard(live, 'resync', 1);
    expect(live.heardOf('resync')).toEqual([{ reason: 'unknown-id' }]);
    stream.event(13, 'presence', presence('p_jose'));
    await waitHeard(live, 'presence', 2);
    const second = service.nextStream();
    stream.close();
    await live.until('reconnecting');
    await live.time.advance(0);
    expect((await second).lastEventId).toBe('13');
  });
});

describe('end reasons', () => {
  it.each(['revoked', 'disabled'])('after %s: stops, tells auth, and does not reconnect with the same credential', async (reason) => {
    const live = setup();
    const opened = service.nextStream();
    live.channel.start();
    const stream = await opened;
    stream.hello();
    await live.until('connected');
    const before = service.state.eventsRequests;
    stream.end(reason);
    await live.until('signedOut');
    expect(live.credentialRefused).toHaveBeenCalledTimes(1);
    await live.time.advance(60 * 60_000);
    live.wake();
    expect(service.state.eventsRequests).toBe(before);
    // A new sign-in is a new credential: it connects.
    const again = service.nextStream();
    live.signIn('ApiKey new-key');
    expect((await again).authorization).toBe('ApiKey new-key');
  });

  it('after signed-out (a sign-out on another computer): reconnects with back-off and leaves auth alone', async () => {
    const live = setup({ random: () => 1 });
    const opened = service.nextStream();
    live.channel.start();
    const stream = await opened;
    stream.hello();
    await live.until('connected');
    const next = service.nextStream();
    stream.end('signed-out');
    await live.until('reconnecting');
    expect(live.channel.state.retryAt).toBeGreaterThan(live.time.now);
    await live.time.advance(live.channel.state.retryAt! - live.time.now);
    expect((await next).authorization).toBe('ApiKey live-key');
    expect(live.credentialRefused).not.toHaveBeenCalled();
  });

  it('after expired: reconnects at once (the next attempt renews the credential)', async () => {
    const live = setup({ random: () => 1 });
    const opened = service.nextStream();
    live.channel.start();
    const stream = await opened;
    stream.hello();
    await live.until('connected');
    const next = service.nextStream();
    stream.end('expired');
    await live.until('reconnecting');
    expect(live.channel.state.retryAt).toBe(live.time.now);
    await live.time.advance(0);
    await next;
    expect(live.credentialRefused).not.toHaveBeenCalled();
  });

  it('after shutdown (or a reason it does not know): reconnects with back-off', async () => {
    const live = setup({ random: () => 1 });
    const opened = service.nextStream();
    live.channel.start();
    const stream = await opened;
    stream.hello();
    await live.until('connected');
    stream.end('maintenance-window');
    await live.until('reconnecting');
    expect(live.channel.state.retryAt! - live.time.now).toBe(defaultLiveReconnectPolicy.baseDelayMs);
  });
});

describe('heartbeats', () => {
  it('reconnects when nothing arrives for 2.5 heartbeats, and a comment counts as life', async () => {
    const live = setup({ random: () => 0 });
    const opened = service.nextStream();
    live.channel.start();
    const stream = await opened;
    stream.hello({ heartbeatSeconds: 2 });
    await live.until('connected');
    service.state.heartbeatStatus = 204;
    await live.time.advance(4_000);
    stream.write(': hb\n');
    // The silence timer starts again from the comment: 5 s from now.
    await vi.waitFor(() => expect(live.time.pendingDelays()).toContain(5_000), { timeout: 3000, interval: 5 });
    expect(live.channel.state.status).toBe('connected');
    const next = service.nextStream();
    await live.time.advance(5_000);
    await live.until('reconnecting');
    await live.time.advance(0);
    await next;
  });

  it('sends POST /events/heartbeat with the connection id every heartbeat', async () => {
    const live = setup();
    const opened = service.nextStream();
    live.channel.start();
    const stream = await opened;
    const before = service.heartbeats.length;
    stream.hello({ heartbeatSeconds: 3, connectionId: 'conn-hb' });
    await live.until('connected');
    await live.time.advance(3_000);
    await vi.waitFor(() => expect(service.heartbeats.length).toBe(before + 1), { timeout: 3000, interval: 5 });
    expect(service.heartbeats.at(-1)).toEqual({ connectionId: 'conn-hb', authorization: 'ApiKey live-key' });
  });

  it('reconnects when the heartbeat answers 404 (the service forgot the connection)', async () => {
    const live = setup();
    const opened = service.nextStream();
    live.channel.start();
    const stream = await opened;
    stream.hello({ heartbeatSeconds: 3 });
    await live.until('connected');
    service.state.heartbeatStatus = 404;
    const next = service.nextStream();
    try {
      await live.time.advance(3_000);
      await live.until('reconnecting');
      await live.time.advance(0);
      await next;
      await stream.closed;
    } finally {
      service.state.heartbeatStatus = 204;
    }
  });

  it('stops and tells auth when the heartbeat answers 401', async () => {
    const live = setup();
    const opened = service.nextStream();
    live.channel.start();
    const stream = await opened;
    stream.hello({ heartbeatSeconds: 3 });
    await live.until('connected');
    service.state.heartbeatStatus = 401;
    try {
      await live.time.advance(3_000);
      await live.until('signedOut');
      expect(live.credentialRefused).toHaveBeenCalledTimes(1);
      await stream.closed;
    } finally {
      service.state.heartbeatStatus = 204;
    }
  });
});

describe('back-off', () => {
  it('waits with full jitter under an exponential cap, bounded, and says offline after a few failures', async () => {
    const live = setup({ random: () => 1 });
    const failures = 10;
    service.reply(...Array.from({ length: failures }, () => ({ status: 503 })));
    live.channel.start();
    const waits: number[] = [];
    // Scripted refusals open no stream: the first stream is the attempt after them.
    const opened = service.nextStream();
    for (let i = 0; i < failures; i++) {
      await vi.waitFor(() => expect(live.channel.state.retryAt).not.toBeNull(), { timeout: 3000, interval: 5 });
      const wait = live.channel.state.retryAt! - live.time.now;
      waits.push(wait);
      expect(live.channel.state.status).toBe(i + 1 >= defaultLiveReconnectPolicy.offlineAfterFailures ? 'offline' : 'reconnecting');
      await live.time.advance(wait);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 120_000, 120_000, 120_000]);
    (await opened).hello();
    await live.until('connected');
  });

  it('never waits longer than the cap times the random draw (0 → at once)', async () => {
    const live = setup({ random: () => 0 });
    service.reply({ status: 500 }, { status: 500 });
    live.channel.start();
    await live.until('reconnecting');
    await vi.waitFor(() => expect(live.channel.state.retryAt).toBe(live.time.now), { timeout: 3000, interval: 5 });
  });

  it('honours Retry-After on 429/503, up to a bound', async () => {
    const live = setup({ random: () => 0 });
    service.reply({ status: 429, headers: { 'retry-after': '30' } }, { status: 503, headers: { 'retry-after': '999999' } });
    live.channel.start();
    await vi.waitFor(() => expect(live.channel.state.retryAt).not.toBeNull(), { timeout: 3000, interval: 5 });
    expect(live.channel.state.retryAt! - live.time.now).toBe(30_000);
    await live.time.advance(30_000);
    await vi.waitFor(() => expect(live.channel.state.retryAt! - live.time.now).toBe(15 * 60_000), { timeout: 3000, interval: 5 });
  });

  it('treats a 200 that is not an event stream (a captive portal) as a failure', async () => {
    const live = setup({ random: () => 1 });
    service.reply({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>Log in to the Wi-Fi</html>' });
    live.channel.start();
    await live.until('reconnecting');
    expect(live.channel.state.retryAt! - live.time.now).toBe(1_000);
  });

  it('reconnects at once on wake, however long the back-off was, and a storm of wakes is one reconnect', async () => {
    const live = setup({ random: () => 1 });
    service.reply({ status: 503 }, { status: 503 }, { status: 503 });
    live.channel.start();
    for (let i = 0; i < 3; i++) {
      await vi.waitFor(() => expect(live.channel.state.retryAt).not.toBeNull(), { timeout: 3000, interval: 5 });
      if (i < 2) await live.time.advance(live.channel.state.retryAt! - live.time.now);
    }
    expect(live.channel.state.retryAt! - live.time.now).toBe(4_000);
    const before = service.state.eventsRequests;
    const opened = service.nextStream();
    live.wake();
    live.wake();
    live.wake();
    (await opened).hello();
    await live.until('connected');
    expect(service.state.eventsRequests).toBe(before + 1);
  });
});

describe('a service without the live channel', () => {
  it('is unavailable after a 404 and is asked again only rarely', async () => {
    const live = setup();
    service.reply({ status: 404 });
    live.channel.start();
    await live.until('signedOut');
    const before = service.state.eventsRequests;
    live.wake();
    await live.time.advance(defaultLiveReconnectPolicy.unavailableRetryMs - 1);
    expect(service.state.eventsRequests).toBe(before);
    const opened = service.nextStream();
    await live.time.advance(1);
    (await opened).hello();
    await live.until('connected');
  });
});

describe('hostile frames', () => {
  it('drops and counts huge lines, invalid JSON, wrong shapes and unknown types, and goes on', async () => {
    const live = setup();
    const opened = service.nextStream();
    live.channel.start();
    const stream = await opened;
    stream.hello();
    await live.until('connected');
    stream.write(`id: 1\nevent: presence\ndata: ${'x'.repeat(200_000)}\n\n`);
    stream.event(2, 'presence', '{not json');
    stream.event(3, 'presence', { personId: 'p_ada', status: 'partying', since: 'now' });
    stream.event(4, 'telepathy', { personId: 'p_ada' });
    stream.write('event: hello\ndata: {"heartbeatSeconds":0}\n\n');
    for (let i = 0; i < 50; i++) stream.write(`data: ${'y'.repeat(10_000)}\n`);
    stream.write('\n');
    stream.event(5, 'presence', presence('p_ada'));
    await waitHeard(live, 'presence', 1);
    expect(live.channel.stats.droppedFrames).toBe(6);
    expect(live.channel.state.status).toBe('connected');
    expect(live.channel.resumeFrom).toBe('5');
    // The log says what was dropped, never what it held.
    expect(JSON.stringify(live.logger.lines)).not.toContain('p_ada');
  });
});
