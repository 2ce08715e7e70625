import { createHash, randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { EventBus, LiveEvent } from './event-bus.js';
import { planResume, type AppendedEvent, type LiveLogStore, type StoredEvent } from './event-log.js';
import { SseWriter, type SseCloseReason } from './sse-writer.js';

/** Why the service ends a stream itself (`event: end`, org-service/API.md). */
export type EndReason = 'signed-out' | 'revoked' | 'expired' | 'disabled' | 'shutdown';

/** The credential a stream was opened with, re-checked while it lasts. */
export interface StreamCredential {
  /** The Authorization header as sent; kept in memory only, to re-check it. */
  header: string;
  /** When it stops being valid on its own (an OIDC access token's `exp`), ms since the epoch. */
  expiresAt?: number;
}

/** Re-checks a credential: undefined while it is still good, else why the stream must end. */
export type CredentialCheck = (credential: StreamCredential, personId: string) => Promise<EndReason | undefined>;

export interface LiveHubOptions {
  bus: EventBus;
  log: LiveLogStore;
  heartbeatMs: number;
  maxConnectionsPerPerson: number;
  /** How often each stream's credential is checked again (LIVE_REAUTH_SECONDS). */
  reauthMs: number;
  recheck: CredentialCheck;
  /** A person's first stream opened / last stream closed (presence listens). */
  onFirstStream?: (personId: string) => void;
  onLastStreamClosed?: (personId: string) => void;
  /** A stream ended, for the log. */
  onStreamClosed?: (info: { personId: string; reason: SseCloseReason | EndReason | 'client-silent'; ms: number }) => void;
  now?: () => number;
  /** Per-stream output limits (see SseWriter). */
  maxBufferedBytes?: number;
  drainTimeoutMs?: number;
}

type Out = Writable & { writableLength: number };

interface Connection {
  id: string;
  personId: string;
  writer: SseWriter;
  credential: StreamCredential;
  credentialKey: string;
  openedAt: number;
  lastClientHeartbeat: number;
  /** The last event id this stream has sent (or the client already had). */
  lastSentId: number;
  /** Live events that arrived while the replay was being read. */
  pending: StoredEvent[] | undefined;
  expiryTimer: NodeJS.Timeout | undefined;
  closeReason: SseCloseReason | EndReason | 'client-silent' | undefined;
}

export interface OpenedStream {
  connectionId: string;
  resumed: boolean;
}

const credentialKeyOf = (header: string) => createHash('sha256').update(header).digest('base64url');

/**
 * The live streams of this process: at most N per person, heartbeats both ways, replay on
 * resume, fan-out from the bus, and the service's own reasons to end a stream.
 */
export class LiveHub {
  private readonly byPerson = new Map<string, Set<Connection>>();
  private readonly byId = new Map<string, Connection>();
  private readonly heartbeatTimer: NodeJS.Timeout;
  private readonly reauthTimer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private readonly now: () => number;
  private closing = false;

  constructor(private readonly options: LiveHubOptions) {
    this.now = options.now ?? Date.now;
    this.unsubscribe = options.bus.subscribe((events) => this.deliver(events));
    this.heartbeatTimer = setInterval(() => this.beat(), options.heartbeatMs);
    this.heartbeatTimer.unref();
    this.reauthTimer = setInterval(() => void this.reauthenticate(), options.reauthMs);
    this.reauthTimer.unref();
  }

  get heartbeatSeconds(): number {
    return Math.max(1, Math.round(this.options.heartbeatMs / 1000));
  }

  /** Streams open now (all people). */
  get size(): number {
    return this.byId.size;
  }

  isOnline(personId: string): boolean {
    return (this.byPerson.get(personId)?.size ?? 0) > 0;
  }

  onlinePeople(): string[] {
    return [...this.byPerson.keys()];
  }

  /** Appends the event to each person's log and sends it to their open streams. */
  publish(personIds: readonly string[], event: LiveEvent): Promise<AppendedEvent[]> {
    return this.options.bus.publish(personIds, event);
  }

  /**
   * Takes over an HTTP response whose 200 and headers have been written: sends `hello`, then the
   * replay after `lastEventId` (or a `resync`), then live events.
   */
  async open(personId: string, out: Out, lastEventId: number | undefined, credential: StreamCredential): Promise<OpenedStream> {
    const now = this.now();
    const connection: Connection = {
      id: randomUUID(),
      personId,
      credential,
      credentialKey: credentialKeyOf(credential.header),
      openedAt: now,
      lastClientHeartbeat: now,
      lastSentId: 0,
      pending: [],
      expiryTimer: undefined,
      closeReason: undefined,
      writer: undefined as unknown as SseWriter,
    };
    connection.writer = new SseWriter(out, {
      ...(this.options.maxBufferedBytes !== undefined ? { maxBufferedBytes: this.options.maxBufferedBytes } : {}),
      drainTimeoutMs: this.options.drainTimeoutMs ?? this.options.heartbeatMs * 2,
      onClose: (reason) => this.remove(connection, reason),
    });
    if (this.closing) {
      connection.writer.end({ event: 'end', data: { reason: 'shutdown' } });
      return { connectionId: connection.id, resumed: false };
    }
    // Registered before the log is read, so nothing published meanwhile is missed (it waits in `pending`).
    this.register(connection);
    if (credential.expiresAt !== undefined) {
      connection.expiryTimer = setTimeout(() => this.end(connection, 'expired'), Math.max(0, credential.expiresAt - now));
      connection.expiryTimer.unref();
    }

    let plan;
    try {
      const newest = await this.options.log.newest(personId);
      const kept = lastEventId !== undefined && lastEventId < newest ? await this.options.log.after(personId, lastEventId, new Date(this.now())) : [];
      plan = planResume(lastEventId, newest, kept);
    } catch (error) {
      connection.writer.destroy();
      throw error;
    }
    const resumed = plan.kind === 'resume';
    const writer = connection.writer;
    writer.send({ event: 'hello', data: { connectionId: connection.id, heartbeatSeconds: this.heartbeatSeconds, resumed } });
    if (plan.kind === 'resync') {
      writer.send({ id: plan.newest, event: 'resync', data: { reason: plan.reason } });
      connection.lastSentId = plan.newest;
    } else if (plan.kind === 'fresh') {
      connection.lastSentId = plan.newest;
    } else {
      connection.lastSentId = lastEventId!;
      for (const event of plan.replay) this.sendEvent(connection, event);
    }
    const pending = connection.pending ?? [];
    connection.pending = undefined;
    for (const event of pending) this.sendEvent(connection, event);
    return { connectionId: connection.id, resumed };
  }

  /** The client's heartbeat; false when this process does not know the connection (or it is someone else's). */
  heartbeat(connectionId: string, personId: string): boolean {
    const connection = this.byId.get(connectionId);
    if (!connection || connection.personId !== personId || !connection.writer.isOpen) return false;
    connection.lastClientHeartbeat = this.now();
    return true;
  }

  /** Ends every stream of a person (sign-out, disabled). */
  endPerson(personId: string, reason: EndReason): number {
    const connections = [...(this.byPerson.get(personId) ?? [])];
    for (const connection of connections) this.end(connection, reason);
    return connections.length;
  }

  /** The streams opened with this Authorization header (whose person and credential to check again). */
  streamsWithCredential(header: string): Array<{ personId: string; credential: StreamCredential }> {
    const key = credentialKeyOf(header);
    return [...this.byId.values()].filter((c) => c.credentialKey === key).map((c) => ({ personId: c.personId, credential: c.credential }));
  }

  /** Ends every stream opened with this Authorization header (it no longer signs in). */
  endCredential(header: string, reason: EndReason): number {
    const key = credentialKeyOf(header);
    let ended = 0;
    for (const connection of [...this.byId.values()]) {
      if (connection.credentialKey !== key) continue;
      this.end(connection, reason);
      ended += 1;
    }
    return ended;
  }

  /** Sends `end` shutdown to every stream and stops the timers; later opens are ended at once. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeatTimer);
    clearInterval(this.reauthTimer);
    this.unsubscribe();
    for (const connection of [...this.byId.values()]) this.end(connection, 'shutdown');
  }

  private register(connection: Connection): void {
    let set = this.byPerson.get(connection.personId);
    const first = !set || set.size === 0;
    if (!set) this.byPerson.set(connection.personId, (set = new Set()));
    set.add(connection);
    this.byId.set(connection.id, connection);
    // A Set iterates in insertion order: the first ones are the oldest.
    while (set.size > this.options.maxConnectionsPerPerson) {
      const oldest = set.values().next().value!;
      this.end(oldest, 'shutdown');
      // end() removes it synchronously; guard against a writer that somehow did not.
      set.delete(oldest);
      this.byId.delete(oldest.id);
    }
    if (first) this.options.onFirstStream?.(connection.personId);
  }

  private end(connection: Connection, reason: EndReason): void {
    connection.closeReason ??= reason;
    connection.writer.end({ event: 'end', data: { reason } });
  }

  private remove(connection: Connection, reason: SseCloseReason): void {
    clearTimeout(connection.expiryTimer);
    if (!this.byId.delete(connection.id)) return;
    const set = this.byPerson.get(connection.personId);
    set?.delete(connection);
    this.options.onStreamClosed?.({ personId: connection.personId, reason: connection.closeReason ?? reason, ms: this.now() - connection.openedAt });
    if (set && set.size === 0) {
      this.byPerson.delete(connection.personId);
      this.options.onLastStreamClosed?.(connection.personId);
    }
  }

  private deliver(events: AppendedEvent[]): void {
    for (const { personId, event } of events) {
      const set = this.byPerson.get(personId);
      if (!set) continue;
      for (const connection of set) {
        if (connection.pending) connection.pending.push(event);
        else this.sendEvent(connection, event);
      }
    }
  }

  private sendEvent(connection: Connection, event: StoredEvent): void {
    // The replay and the live events that came in while it was read can overlap: each id goes out once.
    if (event.id <= connection.lastSentId) return;
    connection.lastSentId = event.id;
    connection.writer.send({ id: event.id, event: event.type, data: event.data });
  }

  private beat(): void {
    const silentSince = this.now() - 3 * this.options.heartbeatMs;
    for (const connection of [...this.byId.values()]) {
      if (connection.pending) continue;
      if (connection.lastClientHeartbeat < silentSince) {
        // Most likely a half-open connection: nobody is there to read a goodbye.
        connection.closeReason = 'client-silent';
        connection.writer.end();
        continue;
      }
      connection.writer.comment('hb');
    }
  }

  /** Checks each distinct credential once, and ends the streams of those that no longer sign in. */
  private async reauthenticate(): Promise<void> {
    const byCredential = new Map<string, Connection[]>();
    for (const connection of this.byId.values()) {
      const list = byCredential.get(connection.credentialKey);
      if (list) list.push(connection);
      else byCredential.set(connection.credentialKey, [connection]);
    }
    for (const connections of byCredential.values()) {
      const first = connections[0]!;
      let reason: EndReason | undefined;
      try {
        reason = await this.options.recheck(first.credential, first.personId);
      } catch {
        // The check itself failed (e.g. the sign-in provider is unreachable): keep the stream.
        continue;
      }
      if (reason) for (const connection of connections) this.end(connection, reason);
    }
  }
}
