import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { InProcessEventBus } from '../src/live/event-bus.js';
import { MemoryLiveLog, parseLastEventId, planResume, type StoredEvent } from '../src/live/event-log.js';
import { LiveHub, type EndReason } from '../src/live/live-hub.js';
import { formatFrame, SseWriter } from '../src/live/sse-writer.js';
import { effectiveStatus } from '../src/presence/presence-rules.js';
import { MemoryPresenceStore, PresenceService } from '../src/presence/presence-service.js';
import { parseSse, type SseMessage } from './fixtures/sse-client.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('SSE framing', () => {
  it('writes id, event and data lines ended by a blank line; data as one JSON line', () => {
    expect(formatFrame({ id: 7, event: 'presence', data: { a: 'x\ny' } })).toBe('id: 7\nevent: presence\ndata: {"a":"x\\ny"}\n\n');
    expect(formatFrame({ data: 'one\ntwo' })).toBe('data: one\ndata: two\n\n');
    expect(() => formatFrame({ event: 'bad\nevent', data: 1 })).toThrow();
    const { items } = parseSse(formatFrame({ id: 1, event: 'e', data: 'one\ntwo' }) + ': hb\n\n');
    expect(items).toEqual([
      { kind: 'event', message: { id: '1', event: 'e', data: 'one\ntwo' } },
      { kind: 'comment', text: 'hb' },
    ]);
  });

  it('heartbeats are comment lines', () => {
    const out = new PassThrough();
    const writer = new SseWriter(out);
    writer.comment();
    expect(out.read()!.toString()).toBe(': hb\n\n');
  });

  it('drops a client whose buffer stays full instead of buffering without bound', () => {
    // A socket that never accepts anything: every write stays buffered.
    const stuck = new Writable({ highWaterMark: 1024, write: () => undefined });
    const closed: string[] = [];
    const writer = new SseWriter(stuck, { maxBufferedBytes: 8 * 1024, onClose: (reason) => closed.push(reason) });
    let sent = 0;
    while (writer.send({ id: sent, event: 'presence', data: { filler: 'x'.repeat(200) } })) sent += 1;
    expect(closed).toEqual(['slow-client']);
    expect(sent).toBeLessThan(50);
    expect(stuck.destroyed).toBe(true);
    expect(writer.send({ data: 1 })).toBe(false);
  });

  it('drops a client that does not drain within the timeout', () => {
    vi.useFakeTimers();
    const stuck = new Writable({ highWaterMark: 16, write: () => undefined });
    const closed: string[] = [];
    const writer = new SseWriter(stuck, { maxBufferedBytes: 1024 * 1024, drainTimeoutMs: 1000, onClose: (reason) => closed.push(reason) });
    writer.send({ data: 'x'.repeat(100) });
    vi.advanceTimersByTime(999);
    expect(closed).toEqual([]);
    vi.advanceTimersByTime(2);
    expect(closed).toEqual(['slow-client']);
  });
});

describe('the event log', () => {
  const event = (id: number): StoredEvent => ({ id, type: 't', data: '{}', createdAt: 0 });

  it('parses Last-Event-ID strictly', () => {
    expect(parseLastEventId(undefined)).toBeUndefined();
    expect(parseLastEventId('')).toBeUndefined();
    expect(parseLastEventId('0')).toBe(0);
    expect(parseLastEventId('42')).toBe(42);
    for (const bad of ['-1', '01', '1.5', 'abc', '1e3', '9'.repeat(17), '99999999999999999', ' 1 2', '0x10']) expect(parseLastEventId(bad)).toBe('malformed');
    expect(parseLastEventId(['1', '2'])).toBe('malformed');
  });

  it('plans fresh starts, resumes and resyncs', () => {
    expect(planResume(undefined, 5, [])).toEqual({ kind: 'fresh', newest: 5 });
    expect(planResume(5, 5, [])).toEqual({ kind: 'resume', replay: [] });
    expect(planResume(0, 0, [])).toEqual({ kind: 'resume', replay: [] });
    expect(planResume(3, 5, [event(4), event(5)])).toEqual({ kind: 'resume', replay: [event(4), event(5)] });
    expect(planResume(6, 5, [])).toEqual({ kind: 'resync', reason: 'unknown-id', newest: 5 });
    expect(planResume(2, 5, [event(4), event(5)])).toEqual({ kind: 'resync', reason: 'too-far-behind', newest: 5 });
    expect(planResume(2, 5, [])).toEqual({ kind: 'resync', reason: 'too-far-behind', newest: 5 });
  });

  it('assigns per-person ids and keeps at most maxEvents, none older than maxAge', async () => {
    const log = new MemoryLiveLog({ maxEvents: 3, maxAgeMs: 1000 });
    const t = (ms: number) => new Date(ms);
    for (let i = 0; i < 5; i += 1) await log.append(['a'], 't', String(i), t(i));
    const [b] = await log.append(['b', 'a', 'b'], 't', '"x"', t(10));
    expect(b).toMatchObject({ personId: 'b', event: { id: 1 } });
    expect(await log.newest('a')).toBe(6);
    expect((await log.after('a', 0, t(10))).map((e) => e.id)).toEqual([4, 5, 6]);
    expect((await log.after('a', 0, t(1005))).map((e) => e.id)).toEqual([6]);
    expect(await log.prune(t(1005))).toBe(2);
  });
});

/** A hub over memory, with a PassThrough per stream standing in for the HTTP response. */
function hubFixture(options: { max?: number; recheck?: (header: string) => EndReason | undefined } = {}) {
  const log = new MemoryLiveLog({ maxEvents: 5, maxAgeMs: 60_000 });
  const bus = new InProcessEventBus(log);
  const online: string[] = [];
  const hub = new LiveHub({
    bus,
    log,
    heartbeatMs: 1000,
    reauthMs: 60_000,
    maxConnectionsPerPerson: options.max ?? 2,
    recheck: async (credential) => options.recheck?.(credential.header),
    onFirstStream: (person) => online.push(`+${person}`),
    onLastStreamClosed: (person) => online.push(`-${person}`),
  });
  const open = async (person: string, lastEventId?: number, header = `ApiKey ${person}`, expiresAt?: number) => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk) => (text += chunk));
    const opened = await hub.open(person, out, lastEventId, { header, ...(expiresAt ? { expiresAt } : {}) });
    return {
      out,
      opened,
      events: (): SseMessage[] => parseSse(text).items.flatMap((item) => (item.kind === 'event' ? [item.message] : [])),
      comments: () => parseSse(text).items.filter((item) => item.kind === 'comment').length,
    };
  };
  return { hub, log, bus, open, online };
}

describe('the live hub', () => {
  it('says hello, fans events out to the person’s streams only, and replays after Last-Event-ID', async () => {
    const { hub, open } = hubFixture();
    const a = await open('a');
    const b = await open('b');
    expect(a.events()[0]).toMatchObject({ event: 'hello' });
    expect(JSON.parse(a.events()[0]!.data)).toMatchObject({ heartbeatSeconds: 1, resumed: false, connectionId: a.opened.connectionId });
    await hub.publish(['a'], { type: 'presence', data: { n: 1 } });
    await hub.publish(['a', 'b'], { type: 'presence', data: { n: 2 } });
    expect(a.events().slice(1)).toEqual([
      { id: '1', event: 'presence', data: '{"n":1}' },
      { id: '2', event: 'presence', data: '{"n":2}' },
    ]);
    expect(b.events().slice(1)).toEqual([{ id: '1', event: 'presence', data: '{"n":2}' }]);
    const again = await open('a', 1);
    expect(JSON.parse(again.events()[0]!.data).resumed).toBe(true);
    expect(again.events().slice(1)).toEqual([{ id: '2', event: 'presence', data: '{"n":2}' }]);
    await hub.close();
  });

  it('resyncs a client too far behind or with an id never issued', async () => {
    const { hub, open } = hubFixture();
    for (let i = 0; i < 8; i += 1) await hub.publish(['a'], { type: 'presence', data: i });
    const behind = await open('a', 1);
    expect(behind.events().map((e) => [e.event, e.id])).toEqual([['hello', undefined], ['resync', '8']]);
    expect(JSON.parse(behind.events()[1]!.data)).toEqual({ reason: 'too-far-behind' });
    expect(JSON.parse(behind.events()[0]!.data).resumed).toBe(false);
    const unknown = await open('a', 99);
    expect(JSON.parse(unknown.events()[1]!.data)).toEqual({ reason: 'unknown-id' });
    await hub.publish(['a'], { type: 'presence', data: 'after' });
    expect(unknown.events()[2]).toMatchObject({ id: '9' });
    await hub.close();
  });

  it('ends the oldest stream when one too many opens, and tells presence about first and last streams', async () => {
    const { hub, open, online } = hubFixture({ max: 2 });
    const first = await open('a');
    await open('a');
    await open('a');
    expect(first.events().at(-1)).toEqual({ event: 'end', data: '{"reason":"shutdown"}' });
    expect(first.out.writableEnded).toBe(true);
    expect(hub.size).toBe(2);
    expect(hub.endPerson('a', 'signed-out')).toBe(2);
    expect(online).toEqual(['+a', '-a']);
    await hub.close();
  });

  it('sends heartbeats, closes a stream whose client is silent for 3 heartbeats, keeps one that beats', async () => {
    vi.useFakeTimers();
    const { hub, open } = hubFixture();
    const silent = await open('a');
    const alive = await open('b');
    for (let i = 0; i < 4; i += 1) {
      vi.advanceTimersByTime(1000);
      expect(hub.heartbeat(alive.opened.connectionId, 'b')).toBe(true);
    }
    expect(hub.heartbeat(alive.opened.connectionId, 'a')).toBe(false);
    expect(silent.out.writableEnded).toBe(true);
    expect(silent.events().some((e) => e.event === 'end')).toBe(false);
    expect(hub.heartbeat(silent.opened.connectionId, 'a')).toBe(false);
    expect(alive.comments()).toBeGreaterThanOrEqual(3);
    expect(alive.out.writableEnded).toBe(false);
    await hub.close();
    expect(alive.events().at(-1)).toEqual({ event: 'end', data: '{"reason":"shutdown"}' });
  });

  it('ends streams whose credential no longer signs in, and at its expiry', async () => {
    vi.useFakeTimers();
    const { hub, open } = hubFixture();
    const expiring = await open('a', undefined, 'Bearer x', Date.now() + 1500);
    vi.advanceTimersByTime(1500);
    expect(expiring.events().at(-1)).toEqual({ event: 'end', data: '{"reason":"expired"}' });
    const keyed = await open('b', undefined, 'ApiKey k');
    expect(hub.endCredential('ApiKey k', 'revoked')).toBe(1);
    expect(keyed.events().at(-1)).toEqual({ event: 'end', data: '{"reason":"revoked"}' });
    await hub.close();
  });

  it('re-checks credentials every reauth period', async () => {
    vi.useFakeTimers();
    let verdict: EndReason | undefined;
    const { hub, open } = hubFixture({ recheck: () => verdict });
    const stream = await open('a');
    const minuteOfHeartbeats = async () => {
      for (let i = 0; i < 60; i += 1) {
        hub.heartbeat(stream.opened.connectionId, 'a');
        await vi.advanceTimersByTimeAsync(1000);
      }
    };
    await minuteOfHeartbeats();
    expect(stream.out.writableEnded).toBe(false);
    verdict = 'disabled';
    await minuteOfHeartbeats();
    expect(stream.events().at(-1)).toEqual({ event: 'end', data: '{"reason":"disabled"}' });
    await hub.close();
  });

  it('delivers events published while the replay is read exactly once, in order', async () => {
    const { hub, open, log } = hubFixture();
    for (let i = 0; i < 3; i += 1) await hub.publish(['a'], { type: 'n', data: i });
    // Slow the log read down so publishes land in the middle of it.
    const after = log.after.bind(log);
    log.after = async (...args) => {
      const kept = await after(...args);
      await hub.publish(['a'], { type: 'n', data: 'during' });
      return kept;
    };
    const stream = await open('a', 1);
    await hub.publish(['a'], { type: 'n', data: 'later' });
    expect(stream.events().slice(1).map((e) => e.id)).toEqual(['2', '3', '4', '5']);
    await hub.close();
  });
});

describe('presence rules', () => {
  it('shows offline when appearing offline, never connected or past the grace period', () => {
    expect(effectiveStatus({ chosen: 'busy', online: true, lastSeen: 0 }, 100, 10)).toBe('busy');
    expect(effectiveStatus({ chosen: 'appearOffline', online: true, lastSeen: 0 }, 100, 10)).toBe('offline');
    expect(effectiveStatus({ chosen: 'busy', online: false, lastSeen: null }, 100, 10)).toBe('offline');
    expect(effectiveStatus({ chosen: 'busy', online: false, lastSeen: 90 }, 100, 10)).toBe('busy');
    expect(effectiveStatus({ chosen: 'busy', online: false, lastSeen: 89 }, 100, 10)).toBe('offline');
  });

  function presenceFixture(store = new MemoryPresenceStore(), onlineSet = new Set<string>()) {
    const published: Array<{ to: readonly string[]; data: unknown }> = [];
    const service = new PresenceService({
      store,
      graceMs: 30_000,
      isOnline: (id) => onlineSet.has(id),
      publish: async (to, event) => void published.push({ to, data: event.data }),
    });
    return { service, store, published, onlineSet };
  }

  it('publishes changes to subscribers; offline only after the grace period', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { service, published, onlineSet } = presenceFixture();
    await service.subscribe('watcher', ['b']);
    onlineSet.add('b');
    service.streamOpened('b');
    await service.idle();
    await service.setStatus('b', 'busy');
    await service.setStatus('b', 'busy');
    expect(published.map((p) => [p.to, (p.data as { status: string }).status])).toEqual([
      [['watcher'], 'available'],
      [['watcher'], 'busy'],
    ]);
    onlineSet.delete('b');
    service.streamsClosed('b');
    await service.idle();
    await vi.advanceTimersByTimeAsync(29_000);
    expect(published).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(published.at(-1)!.data).toMatchObject({ personId: 'b', status: 'offline' });
    expect((await service.current(['b', 'nobody'])).map((p) => p.status)).toEqual(['offline', 'offline']);
  });

  it('a stream reopened within the grace period shows no offline at all', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { service, published, onlineSet } = presenceFixture();
    await service.subscribe('watcher', ['b']);
    onlineSet.add('b');
    service.streamOpened('b');
    onlineSet.delete('b');
    service.streamsClosed('b');
    await vi.advanceTimersByTimeAsync(10_000);
    onlineSet.add('b');
    service.streamOpened('b');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(published.map((p) => (p.data as { status: string }).status)).toEqual(['available']);
  });

  it('at start-up keeps people seen within the grace period until it runs out, and turns the rest offline', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const store = new MemoryPresenceStore();
    await store.put({ personId: 'recent', chosen: 'busy', shown: 'busy', since: 0, lastSeen: 1_000_000 - 10_000 });
    await store.put({ personId: 'stale', chosen: 'away', shown: 'away', since: 0, lastSeen: 1_000_000 - 60_000 });
    await store.replaceSubscriptions('watcher', ['recent', 'stale']);
    const { service, published } = presenceFixture(store);
    await service.start();
    expect(published.map((p) => p.data)).toMatchObject([{ personId: 'stale', status: 'offline' }]);
    await vi.advanceTimersByTimeAsync(19_000);
    expect(published).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(published.at(-1)!.data).toMatchObject({ personId: 'recent', status: 'offline' });
  });

  it('appearOffline shows offline while connected', async () => {
    const { service, published, onlineSet } = presenceFixture();
    await service.subscribe('watcher', ['b']);
    onlineSet.add('b');
    service.streamOpened('b');
    await service.setStatus('b', 'appearOffline');
    expect(published.map((p) => (p.data as { status: string }).status)).toEqual(['available', 'offline']);
  });
});

describe('live and presence configuration', () => {
  const base = { ACS_CONNECTION_STRING: 'endpoint=https://x.communication.azure.com/;accesskey=a2V5' };
  it('has the documented defaults', () => {
    expect(loadConfig(base).live).toEqual({ heartbeatSeconds: 15, logMaxEvents: 1000, maxConnectionsPerUser: 5, reauthSeconds: 60, presenceGraceSeconds: 30 });
  });
  it('reads and checks each variable, naming the wrong ones', () => {
    expect(
      loadConfig({ ...base, LIVE_HEARTBEAT_SECONDS: '5', LIVE_LOG_MAX_EVENTS: '50', LIVE_MAX_CONNECTIONS_PER_USER: '2', LIVE_REAUTH_SECONDS: '10', PRESENCE_OFFLINE_GRACE_SECONDS: '0' }).live,
    ).toEqual({ heartbeatSeconds: 5, logMaxEvents: 50, maxConnectionsPerUser: 2, reauthSeconds: 10, presenceGraceSeconds: 0 });
    let error: unknown;
    try {
      loadConfig({ ...base, LIVE_HEARTBEAT_SECONDS: '0', LIVE_LOG_MAX_EVENTS: 'lots', LIVE_MAX_CONNECTIONS_PER_USER: '1.5', LIVE_REAUTH_SECONDS: '-1', PRESENCE_OFFLINE_GRACE_SECONDS: '99999' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const names = ['LIVE_HEARTBEAT_SECONDS', 'LIVE_LOG_MAX_EVENTS', 'LIVE_MAX_CONNECTIONS_PER_USER', 'LIVE_REAUTH_SECONDS', 'PRESENCE_OFFLINE_GRACE_SECONDS'];
    for (const name of names) expect((error as ConfigError).problems.some((p) => p.startsWith(name))).toBe(true);
  });
});
