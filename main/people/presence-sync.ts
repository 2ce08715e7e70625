/**
 * Presence with the organisation's service, both ways:
 * - the user's own: PresenceTracker's view (with In a call, automatic Away; Appear offline as
 *   is) → PUT /presence, at once for a change after a quiet spell and at most one request per
 *   `minIntervalMs` during a burst (the latest state wins), sent again after every
 *   (re)connection of the live channel;
 * - everyone else's: the renderer's watch set → PUT /presence/subscriptions, sent again after a
 *   hello that did not resume and after a resync; live `presence` events for watched people →
 *   `people:presenceChanged`.
 * Only while the live channel is up: without it, others see the user offline anyway.
 */
import { z } from 'zod';
import { peoplePresenceStatuses, type PersonPresence } from '../../contract/channels-people.js';
import type { PresenceView } from '../../contract/channels-tray.js';
import type { Logger } from '../app/logger.js';
import type { Clock, Timers } from '../auth/clock.js';
import { UserFacingError } from '../ipc/user-facing-error.js';
import type { LiveChannel } from '../live/live-channel.js';
import { orgServiceErrorKey, type OrgServiceRequests } from './org-service-requests.js';

export interface PresenceSource {
  view(): PresenceView;
  onChange(listener: (view: PresenceView) => void): () => void;
}

export interface PresenceSyncOptions {
  requests: OrgServiceRequests;
  live: Pick<LiveChannel, 'on' | 'state' | 'onStateChange'>;
  presence: PresenceSource;
  timers: Timers;
  clock: Clock;
  log: Logger;
  /** Where presence of watched people goes (the renderer, `people:presenceChanged`). */
  emit: (presence: PersonPresence[]) => void;
  /**
   * The shortest time between two publishes: a change the user makes goes out at once (others
   * see it within the live channel's latency), while a burst (idle flickering, a call that ends
   * at once) costs at most one request per interval, carrying the latest state.
   */
  minIntervalMs?: number;
  /** After a failed publish, the next try. */
  retryMs?: number;
}

const publishedStatuses = ['available', 'busy', 'doNotDisturb', 'beRightBack', 'away', 'inACall', 'appearOffline'] as const;
type PublishedStatus = (typeof publishedStatuses)[number];

const subscriptionsReplySchema = z.object({
  presence: z
    .array(z.unknown())
    .max(1000)
    .transform((items) =>
      items.flatMap((item) => {
        const parsed = personPresenceSchema.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      }),
    ),
});

const personPresenceSchema = z.object({
  personId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  status: z.enum(peoplePresenceStatuses),
  since: z
    .string()
    .max(64)
    .refine((value) => Number.isFinite(Date.parse(value))),
});

export class PresenceSync {
  private readonly minIntervalMs: number;
  /** When the last publish went out (-Infinity: none yet). */
  private lastPublishAt = Number.NEGATIVE_INFINITY;
  private readonly retryMs: number;
  private readonly unsubscribe: (() => void)[] = [];
  private watched: string[] = [];
  private watchedSet = new Set<string>();
  /** What the service has from us (null: nothing yet on this connection). */
  private published: PublishedStatus | null = null;
  private publishing = false;
  private timer: unknown = null;
  private generation = 0;

  constructor(private readonly options: PresenceSyncOptions) {
    this.minIntervalMs = options.minIntervalMs ?? 1_000;
    this.retryMs = options.retryMs ?? 15_000;
  }

  start(): void {
    const { live, presence } = this.options;
    this.unsubscribe.push(
      presence.onChange(() => this.scheduleChange()),
      // Every (re)connection: the service may have shown us offline meanwhile.
      live.on('hello', () => {
        this.published = null;
        this.schedule(0);
      }),
      live.on('helloNotResumed', () => void this.resubscribe()),
      live.on('resync', () => void this.resubscribe()),
      live.on('presence', (event) => {
        if (this.watchedSet.has(event.personId)) this.options.emit([event]);
      }),
      live.onStateChange((state) => {
        if (state.status !== 'connected') this.published = null;
      }),
    );
  }

  /** The renderer's new watch set; answers their presence now. */
  async watch(personIds: readonly string[]): Promise<PersonPresence[]> {
    const ids = [...new Set(personIds)];
    this.watched = ids;
    this.watchedSet = new Set(ids);
    const generation = this.generation;
    const answer = await this.sendSubscriptions(ids);
    if (generation !== this.generation) throw new UserFacingError(orgServiceErrorKey('signedOut'));
    return answer;
  }

  /** Another person signs in (or nobody): nothing of the last one's is sent again. */
  reset(): void {
    this.generation++;
    this.watched = [];
    this.watchedSet = new Set();
    this.published = null;
    this.cancel();
  }

  dispose(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    this.cancel();
  }

  private async sendSubscriptions(ids: readonly string[]): Promise<PersonPresence[]> {
    const reply = await this.options.requests.send({ method: 'PUT', path: 'presence/subscriptions', body: { personIds: ids }, reply: subscriptionsReplySchema });
    // Only the people asked about: the service leaves out ids it does not know.
    const asked = new Set(ids);
    return reply.presence.filter((p) => asked.has(p.personId));
  }

  /** The service forgot the set (a fresh stream or a resync): send it again, pass on the answer. */
  private async resubscribe(): Promise<void> {
    const generation = this.generation;
    const ids = this.watched;
    try {
      const presence = await this.sendSubscriptions(ids);
      if (generation === this.generation && ids === this.watched && presence.length > 0) this.options.emit(presence);
    } catch {
      // Logged by the requests; the next hello or resync tries again, and so does the renderer's next watch.
    }
  }

  /** A change of the user's presence: now, or when the interval since the last publish is up. */
  private scheduleChange(): void {
    if (this.timer !== null) return; // A publish is already due; it reads the state then.
    this.schedule(Math.max(0, this.lastPublishAt + this.minIntervalMs - this.options.clock.now()));
  }

  private schedule(delayMs: number): void {
    this.cancel();
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = null;
      void this.publish();
    }, delayMs);
  }

  private cancel(): void {
    if (this.timer !== null) this.options.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private async publish(): Promise<void> {
    if (this.options.live.state.status !== 'connected' || this.publishing) return;
    const status = this.options.presence.view().status as PublishedStatus;
    if (!(publishedStatuses as readonly string[]).includes(status) || status === this.published) return;
    const generation = this.generation;
    this.publishing = true;
    this.lastPublishAt = this.options.clock.now();
    try {
      await this.options.requests.send({ method: 'PUT', path: 'presence', body: { status }, reply: null });
      if (generation === this.generation) this.published = status;
    } catch {
      if (generation === this.generation) this.schedule(this.retryMs);
      return;
    } finally {
      this.publishing = false;
    }
    // It may have changed while the request was out.
    if (generation === this.generation && this.options.presence.view().status !== this.published) this.scheduleChange();
  }
}
