/**
 * Main's one live channel to the organisation's service (GET /events, org-service/API.md): a
 * Server-Sent Events stream for the signed-in user, read over the auth adapters' fetch
 * (Electron's net.fetch in the app: the system proxy and certificate store).
 *
 * - resumes with Last-Event-ID (kept in memory for the session; a restart or a sign-in starts
 *   fresh), believes the hello's heartbeat, and hears every byte as a sign of life: silence for
 *   2.5 heartbeats means the connection is dead, and it reconnects;
 * - sends the client heartbeat (POST /events/heartbeat) every heartbeat: 404 → reconnect,
 *   401/403 → stop and let auth check the credential;
 * - reconnects with exponential back-off and full jitter, at once on wake (resume, unlock,
 *   network back) and on sign-in; stops on sign-out; follows the `end` reasons;
 * - treats a service without /events (404, an older service) as unavailable, asked again rarely;
 * - bounds everything it reads (sse-parser.ts) and drops, counts and never passes on a frame
 *   that does not parse.
 *
 * Nothing it logs names a person, a token or an id.
 */
import type { LiveChannelState } from '../../contract/channels-people.js';
import type { Logger } from '../app/logger.js';
import type { WakeEvents } from '../auth/auth-services.js';
import type { Clock, Timers } from '../auth/clock.js';
import { retryAfterMs, type FetchLike } from '../auth/token-service-client.js';
import {
  directoryEventSchema,
  endReasons,
  endSchema,
  eventIdPattern,
  helloSchema,
  presenceEventSchema,
  resyncSchema,
  type EndReason,
  type LiveEventMap,
} from './live-events.js';
import type { OrgServiceSession } from './org-service-session.js';
import { defaultLiveReconnectPolicy, fullJitterDelayMs, silenceFactor, type LiveReconnectPolicy } from './reconnect-policy.js';
import { defaultSseBounds, SseParser, type SseBounds, type SseFrame } from './sse-parser.js';

export interface LiveChannelOptions {
  fetch: FetchLike;
  session: OrgServiceSession;
  clock: Clock;
  timers: Timers;
  /** Jitter; Math.random in the app, scripted in tests. */
  random: () => number;
  wakeEvents: WakeEvents;
  log: Logger;
  policy?: Partial<LiveReconnectPolicy>;
  bounds?: SseBounds;
}

/** What the channel has seen, for tests and the support log. */
export interface LiveChannelStats {
  /** Streams opened (each hello). */
  connections: number;
  /** Frames dropped: too large, not JSON, wrong shape, unknown type, duplicate id. */
  droppedFrames: number;
}

type Mode =
  /** Nobody is signed in. */
  | 'idle'
  /** Connected, connecting or waiting to reconnect. */
  | 'running'
  /** The service has no /events; asked again rarely. */
  | 'unavailable'
  /** The credential was refused or the service ended the stream for it: waits for a new sign-in. */
  | 'refused';

interface Connection {
  controller: AbortController;
  connectionId: string | null;
  heartbeatSeconds: number;
  connectedAt: number | null;
  silenceTimer: unknown;
  heartbeatTimer: unknown;
}

/** Why an attempt or a stream ended, as the back-off sees it. */
type Drop =
  | { kind: 'retry'; cause: string; retryAfterMs?: number | null; atOnce?: boolean }
  | { kind: 'refused'; cause: string }
  | { kind: 'unavailable' };

/**
 * Only a dead credential stops the channel. `signed-out` is not one of them: it says the person
 * signed out on another computer, which revokes their ACS tokens everywhere (the app replaces a
 * refused token as before) but leaves this computer's key or access token good, so the channel
 * comes back with back-off; were the credential refused, that attempt's 401 stops it.
 */
const stopReasons: ReadonlySet<EndReason> = new Set(['revoked', 'disabled']);

type Listener<K extends keyof LiveEventMap> = (payload: LiveEventMap[K]) => void;

export class LiveChannel {
  private readonly policy: LiveReconnectPolicy;
  private readonly bounds: SseBounds;
  private readonly stateListeners = new Set<(state: LiveChannelState) => void>();
  private readonly listeners = new Map<keyof LiveEventMap, Set<(payload: never) => void>>();
  private readonly unsubscribe: (() => void)[] = [];
  private mode: Mode = 'idle';
  private current: LiveChannelState = { status: 'signedOut', retryAt: null };
  private connection: Connection | null = null;
  /** Bumped for every attempt; an older attempt's callbacks find it changed and stop. */
  private attempt = 0;
  private retryTimer: unknown = null;
  private failures = 0;
  private everConnected = false;
  private lastEventId: string | null = null;
  private lastWakeAt = Number.NEGATIVE_INFINITY;
  private readonly counters: LiveChannelStats = { connections: 0, droppedFrames: 0 };

  constructor(private readonly options: LiveChannelOptions) {
    this.policy = { ...defaultLiveReconnectPolicy, ...options.policy };
    this.bounds = options.bounds ?? defaultSseBounds;
  }

  /** Follows the session from now on; connects at once if someone is signed in. */
  start(): void {
    this.unsubscribe.push(
      this.options.session.onSessionChange((signedIn) => (signedIn ? this.begin() : this.stop())),
      this.options.wakeEvents.onWake(() => this.wake()),
    );
    if (this.options.session.isSignedIn()) this.begin();
  }

  get state(): LiveChannelState {
    return this.current;
  }

  get stats(): Readonly<LiveChannelStats> {
    return { ...this.counters };
  }

  /** The id the next connection resumes from (null: starts fresh). */
  get resumeFrom(): string | null {
    return this.lastEventId;
  }

  onStateChange(listener: (state: LiveChannelState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  on<K extends keyof LiveEventMap>(type: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  /** The machine woke, the screen was unlocked or the network came back: reconnect now. */
  wake(): void {
    if (this.mode !== 'running') return;
    const now = this.options.clock.now();
    if (now - this.lastWakeAt < this.policy.minWakeIntervalMs) return;
    this.lastWakeAt = now;
    // A stream that looks up may be half-open after a sleep; resuming by Last-Event-ID loses nothing.
    this.failures = 0;
    this.options.log.info('live: reconnecting after wake');
    this.connectNow();
  }

  /** Stops for good (app quit). */
  dispose(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    this.stop();
    this.stateListeners.clear();
    this.listeners.clear();
  }

  /** A session began: everything of the last one is forgotten. */
  private begin(): void {
    this.teardown();
    this.mode = 'running';
    this.failures = 0;
    this.everConnected = false;
    this.lastEventId = null;
    this.connectNow();
  }

  private stop(): void {
    this.teardown();
    this.mode = 'idle';
    this.lastEventId = null;
    this.setState({ status: 'signedOut', retryAt: null });
  }

  private connectNow(): void {
    this.teardown();
    void this.open();
  }

  /** Ends the current stream and any wait, without deciding what comes next. */
  private teardown(): void {
    this.attempt++;
    this.cancelRetry();
    const connection = this.connection;
    this.connection = null;
    if (!connection) return;
    this.options.timers.clearTimeout(connection.silenceTimer);
    this.options.timers.clearTimeout(connection.heartbeatTimer);
    connection.controller.abort();
  }

  private cancelRetry(): void {
    if (this.retryTimer !== null) this.options.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private async open(): Promise<void> {
    const attempt = this.attempt;
    const connection: Connection = {
      controller: new AbortController(),
      connectionId: null,
      heartbeatSeconds: this.policy.defaultHeartbeatSeconds,
      connectedAt: null,
      silenceTimer: null,
      heartbeatTimer: null,
    };
    this.connection = connection;
    this.setState({ status: this.everConnected ? 'reconnecting' : 'connecting', retryAt: null });
    // Also bounds the wait for the response headers: a service that accepts and says nothing is dead.
    this.armSilence(connection, attempt);
    const drop = await this.run(connection, attempt);
    if (attempt !== this.attempt) return;
    this.dropped(connection, drop);
  }

  /** One attempt, from asking auth for the header to the stream's end. Never throws. */
  private async run(connection: Connection, attempt: number): Promise<Drop> {
    const { signal } = connection.controller;
    let response: Response;
    try {
      const auth = await this.options.session.authorization(signal);
      if (!auth) return { kind: 'refused', cause: 'signed-out' };
      const headers: Record<string, string> = { authorization: auth.authorization, accept: 'text/event-stream', 'cache-control': 'no-store' };
      if (this.lastEventId !== null) headers['last-event-id'] = this.lastEventId;
      response = await this.options.fetch(serviceRoute(auth.serviceUrl, 'events'), { method: 'GET', headers, signal, redirect: 'error' });
    } catch {
      // Unreachable, aborted by the silence timer, or the credential could not be renewed (auth says which).
      return { kind: 'retry', cause: 'unreachable' };
    }
    if (attempt !== this.attempt) {
      void response.body?.cancel().catch(() => undefined);
      return { kind: 'retry', cause: 'superseded' };
    }
    if (!response.ok) {
      void response.body?.cancel().catch(() => undefined);
      if (response.status === 404) return { kind: 'unavailable' };
      if (response.status === 401 || response.status === 403) return { kind: 'refused', cause: `http-${response.status}` };
      return { kind: 'retry', cause: `http-${response.status}`, retryAfterMs: retryAfterMs(response.headers.get('retry-after'), this.options.clock) };
    }
    const type = response.headers.get('content-type') ?? '';
    if (!/^text\/event-stream\b/i.test(type) || !response.body) {
      // A captive portal's page or a proxy's answer, not the service.
      void response.body?.cancel().catch(() => undefined);
      return { kind: 'retry', cause: 'not-an-event-stream' };
    }
    return this.read(connection, attempt, response.body);
  }

  private async read(connection: Connection, attempt: number, body: ReadableStream<Uint8Array>): Promise<Drop> {
    let outcome: Drop | null = null;
    const parser = new SseParser(
      {
        frame: (frame) => {
          if (!outcome) outcome = this.frame(connection, attempt, frame);
        },
        comment: () => {},
        dropped: (reason) => this.drop(reason),
      },
      this.bounds,
    );
    const reader = body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (attempt !== this.attempt) return { kind: 'retry', cause: 'superseded' };
        if (done) break;
        this.armSilence(connection, attempt);
        parser.feed(decoder.decode(value, { stream: true }));
        if (outcome) return outcome;
        if (attempt !== this.attempt) return { kind: 'retry', cause: 'superseded' };
      }
      return { kind: 'retry', cause: 'stream-ended' };
    } catch {
      return { kind: 'retry', cause: connection.controller.signal.aborted ? 'silent' : 'stream-broken' };
    } finally {
      reader.cancel().catch(() => undefined);
    }
  }

  /** One parsed frame; returns a Drop when the frame ends the stream. */
  private frame(connection: Connection, attempt: number, frame: SseFrame): Drop | null {
    const json = parseJson(frame.data);
    switch (frame.event) {
      case 'hello': {
        const hello = helloSchema.safeParse(json);
        if (hello.success) this.connected(connection, attempt, hello.data);
        else this.drop('bad-hello');
        return null;
      }
      case 'end': {
        const end = endSchema.safeParse(json);
        const reason = end.success && (endReasons as readonly string[]).includes(end.data.reason) ? (end.data.reason as EndReason) : 'shutdown';
        this.options.log.info('live: the service ended the stream', { reason });
        if (stopReasons.has(reason)) return { kind: 'refused', cause: `end-${reason}` };
        // An expired access token is renewed by the next attempt's authorization: go at once.
        return { kind: 'retry', cause: `end-${reason}`, atOnce: reason === 'expired' };
      }
      case 'resync': {
        const resync = resyncSchema.safeParse(json);
        // Whatever the reason says, the id is where the service's log now stands.
        if (frame.id !== undefined && eventIdPattern.test(frame.id)) this.lastEventId = frame.id;
        if (!resync.success) {
          this.drop('bad-resync');
          return null;
        }
        this.options.log.info('live: resync', { reason: resync.data.reason });
        this.emit('resync', resync.data);
        return null;
      }
      default:
        this.event(frame, json);
        return null;
    }
  }

  private connected(connection: Connection, attempt: number, hello: LiveEventMap['hello']): void {
    connection.connectionId = hello.connectionId;
    connection.heartbeatSeconds = hello.heartbeatSeconds;
    connection.connectedAt = this.options.clock.now();
    this.everConnected = true;
    this.counters.connections++;
    this.armSilence(connection, attempt);
    this.armHeartbeat(connection, attempt);
    this.setState({ status: 'connected', retryAt: null });
    this.options.log.info('live: connected', { resumed: hello.resumed, heartbeatSeconds: hello.heartbeatSeconds });
    this.emit('hello', hello);
    if (!hello.resumed) this.emit('helloNotResumed', hello);
  }

  /** A `presence` or `directory` event (or one of a type this version does not know). */
  private event(frame: SseFrame, json: unknown): void {
    if (frame.id !== undefined) {
      if (!eventIdPattern.test(frame.id)) return this.drop('bad-id');
      // Exactly once: an id at or below the last one was already handled.
      if (this.lastEventId !== null && BigInt(frame.id) <= BigInt(this.lastEventId)) return this.drop('duplicate');
      // Kept even for a frame dropped below: resuming must not ask for it again and again.
      this.lastEventId = frame.id;
    }
    if (frame.event === 'message' && frame.data === '') return;
    if (frame.event === 'presence') {
      const parsed = presenceEventSchema.safeParse(json);
      return parsed.success ? this.emit('presence', parsed.data) : this.drop('bad-presence');
    }
    if (frame.event === 'directory') {
      const parsed = directoryEventSchema.safeParse(json);
      return parsed.success ? this.emit('directory', parsed.data) : this.drop('bad-directory');
    }
    this.drop('unknown-type');
  }

  private drop(reason: string): void {
    this.counters.droppedFrames++;
    // A flood of bad frames must not flood the log: the first few, then every hundredth.
    if (this.counters.droppedFrames <= 20 || this.counters.droppedFrames % 100 === 0) {
      this.options.log.warn('live: dropped a frame', { reason, dropped: this.counters.droppedFrames });
    }
  }

  /** The stream or attempt ended: decide what comes next. */
  private dropped(connection: Connection, drop: Drop): void {
    this.teardown();
    const now = this.options.clock.now();
    if (drop.kind === 'unavailable') {
      this.mode = 'unavailable';
      this.options.log.warn('live: the service has no live channel; asking again later', { retryInMs: this.policy.unavailableRetryMs });
      this.setState({ status: 'signedOut', retryAt: null });
      this.retryTimer = this.options.timers.setTimeout(() => this.retryUnavailable(), this.policy.unavailableRetryMs);
      return;
    }
    if (drop.kind === 'refused') {
      if (drop.cause === 'signed-out') return this.stop();
      this.mode = 'refused';
      this.options.log.warn('live: the service refused the credential; waiting for a new sign-in', { cause: drop.cause });
      this.setState({ status: 'signedOut', retryAt: null });
      this.options.session.credentialRefused();
      return;
    }
    // A connection that stayed up long was healthy: this failure starts a new series.
    if (connection.connectedAt !== null && now - connection.connectedAt >= this.policy.stableConnectionMs) this.failures = 0;
    this.failures++;
    const delay = drop.atOnce && this.failures === 1 ? 0 : fullJitterDelayMs(this.failures, this.policy, this.options.random, drop.retryAfterMs ?? null);
    this.options.log.info('live: disconnected', { cause: drop.cause, failures: this.failures, retryInMs: delay });
    const retryAt = now + delay;
    this.setState({ status: this.failures >= this.policy.offlineAfterFailures ? 'offline' : 'reconnecting', retryAt });
    this.retryTimer = this.options.timers.setTimeout(() => {
      this.retryTimer = null;
      if (this.mode === 'running') this.connectNow();
    }, delay);
  }

  private retryUnavailable(): void {
    this.retryTimer = null;
    if (this.mode !== 'unavailable') return;
    this.mode = 'running';
    this.connectNow();
  }

  /** No byte for 2.5 heartbeats: the connection is dead even if TCP has not noticed. */
  private armSilence(connection: Connection, attempt: number): void {
    this.options.timers.clearTimeout(connection.silenceTimer);
    connection.silenceTimer = this.options.timers.setTimeout(() => {
      if (attempt !== this.attempt) return;
      this.options.log.info('live: the stream fell silent');
      connection.controller.abort();
    }, connection.heartbeatSeconds * 1000 * silenceFactor);
  }

  private armHeartbeat(connection: Connection, attempt: number): void {
    this.options.timers.clearTimeout(connection.heartbeatTimer);
    connection.heartbeatTimer = this.options.timers.setTimeout(() => void this.heartbeat(connection, attempt), connection.heartbeatSeconds * 1000);
  }

  /** POST /events/heartbeat; a failure other than 404/401/403 is left to the silence timer. */
  private async heartbeat(connection: Connection, attempt: number): Promise<void> {
    if (attempt !== this.attempt || !connection.connectionId) return;
    const { signal } = connection.controller;
    const timeout = new AbortController();
    const abort = () => timeout.abort();
    signal.addEventListener('abort', abort, { once: true });
    const timer = this.options.timers.setTimeout(abort, connection.heartbeatSeconds * 1000);
    let status: number | null = null;
    try {
      const auth = await this.options.session.authorization(timeout.signal);
      if (auth && attempt === this.attempt) {
        const response = await this.options.fetch(serviceRoute(auth.serviceUrl, 'events/heartbeat'), {
          method: 'POST',
          headers: { authorization: auth.authorization, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ connectionId: connection.connectionId }),
          signal: timeout.signal,
          redirect: 'error',
        });
        status = response.status;
        void response.body?.cancel().catch(() => undefined);
      }
    } catch {
      status = null;
    } finally {
      this.options.timers.clearTimeout(timer);
      signal.removeEventListener('abort', abort);
    }
    if (attempt !== this.attempt) return;
    if (status === 404) return this.dropped(connection, { kind: 'retry', cause: 'heartbeat-unknown-connection', atOnce: true });
    if (status === 401 || status === 403) return this.dropped(connection, { kind: 'refused', cause: `heartbeat-${status}` });
    this.armHeartbeat(connection, attempt);
  }

  private emit<K extends keyof LiveEventMap>(type: K, payload: LiveEventMap[K]): void {
    for (const listener of this.listeners.get(type) ?? []) {
      try {
        (listener as Listener<K>)(payload);
      } catch {
        this.options.log.warn('live: a listener failed', { type });
      }
    }
  }

  private setState(next: LiveChannelState): void {
    if (next.status === this.current.status && next.retryAt === this.current.retryAt) return;
    this.current = next;
    for (const listener of this.stateListeners) listener(next);
  }
}

/** A route of the service, relative to its URL (which may have a path of its own). */
export function serviceRoute(serviceUrl: string, path: string): string {
  return new URL(path, serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`).href;
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
