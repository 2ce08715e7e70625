/**
 * OutboxSender on its own: what each kind of failure does to an entry, the lookup before a
 * resend, Retry-After, and order kept per conversation without one conversation holding up
 * the others. Time and timers are the test's.
 */
import { describe, expect, it } from 'vitest';
import { OutboxSender, type OutboxEvent, type ThreadSender } from '../../../renderer/chat/core/outbox-sender.js';
import { MemoryOutbox, type OutboxEntry } from '../../../renderer/chat/core/outbox-port.js';
import { retryAfterMs } from '../../../renderer/chat/core/backoff.js';
import { fakeTime } from '../../fixtures/fake-time.js';

const owner = '8:acs:sender_me';

function entry(n: number, threadId = 'thread-a', extra: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    clientMessageId: `client-${String(n).padStart(4, '0')}`,
    ownerId: owner,
    threadId,
    content: `m${n}`,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    attempts: 0,
    state: 'pending',
    maybeSent: false,
    ...extra,
  };
}

/** A RestError as the SDK throws it: a status and the reply's headers. */
function restError(statusCode: number, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(`status ${statusCode}`), { statusCode, response: { headers: { get: (name: string) => headers[name.toLowerCase()] } } });
}

type Step = string | Error;

/** A service that answers each send (and lookup) from a script, and records what reached it. */
class ScriptedService {
  readonly sent: string[] = [];
  readonly lookups: string[] = [];
  private readonly sendScript = new Map<string, Step[]>();
  private readonly lookupScript = new Map<string, (string | null | Error)[]>();
  private nextId = 5000;

  onSend(threadId: string, ...steps: Step[]): void {
    this.sendScript.set(threadId, [...(this.sendScript.get(threadId) ?? []), ...steps]);
  }

  onLookup(threadId: string, ...steps: (string | null | Error)[]): void {
    this.lookupScript.set(threadId, [...(this.lookupScript.get(threadId) ?? []), ...steps]);
  }

  senderFor = (threadId: string): ThreadSender => ({
    send: async (e) => {
      const step = this.sendScript.get(threadId)?.shift() ?? 'ok';
      if (step instanceof Error) throw step;
      this.sent.push(e.content);
      return String(this.nextId++);
    },
    findSent: async (e) => {
      this.lookups.push(e.content);
      const step = this.lookupScript.get(threadId)?.shift() ?? null;
      if (step instanceof Error) throw step;
      return step;
    },
  });
}

function setup(options: { maxAttempts?: number; outbox?: MemoryOutbox } = {}) {
  const time = fakeTime(1_000_000);
  const service = new ScriptedService();
  const outbox = options.outbox ?? new MemoryOutbox();
  const events: OutboxEvent[] = [];
  const sender = new OutboxSender({
    outbox,
    senderFor: service.senderFor,
    onEvent: (e) => events.push(e),
    maxAttempts: options.maxAttempts ?? 5,
    backoff: { baseMs: 1000, maxMs: 8000, jitter: 0 },
    setTimer: time.timers.setTimeout,
    clearTimer: time.timers.clearTimeout,
    now: time.clock.now,
  });
  /** Moves the clock on, firing every timer that falls due on the way (also those set meanwhile). */
  const advance = async (ms: number) => {
    await time.advance(ms);
    await sender.idle();
  };
  const stored = () => [...outbox.entries.values()];
  return { sender, service, outbox, events, advance, stored, time };
}

describe('OutboxSender', () => {
  it('sends oldest first, once each, and empties the outbox', async () => {
    const outbox = new MemoryOutbox();
    // Left by a previous run, in any order.
    await outbox.put(entry(2));
    await outbox.put(entry(1));
    const { sender, service, events, stored } = setup({ outbox });
    await sender.start();
    await sender.idle();
    expect(service.sent).toEqual(['m1', 'm2']);
    expect(stored()).toEqual([]);
    expect(events.filter((e) => e.type === 'sent').map((e) => e.entry.content)).toEqual(['m1', 'm2']);
  });

  it('gives up at once on a refusal (400): failed, and no lookup needed before a retry', async () => {
    const { sender, service, events, stored } = setup();
    service.onSend('thread-a', restError(400));
    await sender.enqueue(entry(1));
    await sender.idle();
    expect(stored()).toEqual([expect.objectContaining({ state: 'failed', maybeSent: false, attempts: 1 })]);
    expect(events.at(-1)).toMatchObject({ type: 'failed' });
    await sender.retry(entry(1).clientMessageId);
    await sender.idle();
    expect(service.lookups).toEqual([]);
    expect(service.sent).toEqual(['m1']);
  });

  it('after an unknown outcome (503, cut connection) looks the message up before sending again', async () => {
    const { sender, service, stored, advance } = setup();
    service.onSend('thread-a', restError(503), new Error('socket hang up'));
    service.onLookup('thread-a', null, '4242');
    await sender.enqueue(entry(1));
    await sender.idle();
    expect(stored()).toEqual([expect.objectContaining({ maybeSent: true, attempts: 1, state: 'pending' })]);
    await advance(1000);
    // Not there yet: sent again (and the connection is cut again).
    expect(service.lookups).toEqual(['m1']);
    expect(stored()).toEqual([expect.objectContaining({ maybeSent: true, attempts: 2 })]);
    await advance(2000);
    // This time the lookup finds it: delivered, not sent a third time.
    expect(service.lookups).toEqual(['m1', 'm1']);
    expect(service.sent).toEqual([]);
    expect(stored()).toEqual([]);
  });

  it('after a throttle (429) sends again without a lookup, no sooner than Retry-After says', async () => {
    const { sender, service, advance, stored } = setup();
    service.onSend('thread-a', restError(429, { 'retry-after': '30' }));
    await sender.enqueue(entry(1));
    await sender.idle();
    expect(stored()).toEqual([expect.objectContaining({ maybeSent: false, attempts: 1 })]);
    await advance(29_000);
    expect(service.sent).toEqual([]);
    await advance(1000);
    expect(service.sent).toEqual(['m1']);
    expect(service.lookups).toEqual([]);
  });

  it('keeps looking when the lookup itself fails, and never resends blindly', async () => {
    const { sender, service, advance, stored } = setup();
    service.onLookup('thread-a', restError(429), restError(503), '777');
    await sender.enqueue(entry(1, 'thread-a', { maybeSent: true, attempts: 1 }));
    await sender.idle();
    // A refused lookup says nothing about the earlier send: it must still be looked for.
    expect(stored()).toEqual([expect.objectContaining({ maybeSent: true, attempts: 1 })]);
    await advance(1000);
    await advance(2000);
    expect(service.lookups).toEqual(['m1', 'm1', 'm1']);
    expect(service.sent).toEqual([]);
    expect(stored()).toEqual([]);
  });

  it('runs back-offs that fall due one after another within a single step of the clock', async () => {
    const { sender, service, advance, stored } = setup();
    service.onLookup('thread-a', restError(429), restError(503), '777');
    await sender.enqueue(entry(1, 'thread-a', { maybeSent: true, attempts: 1 }));
    await sender.idle();
    // 1 s, then 2 s after that: both within the next 3 s.
    await advance(3000);
    expect(service.lookups).toEqual(['m1', 'm1', 'm1']);
    expect(stored()).toEqual([]);
  });

  it('marks an entry failed after maxAttempts', async () => {
    const { sender, service, advance, events } = setup({ maxAttempts: 2 });
    service.onSend('thread-a', restError(503), restError(503));
    service.onLookup('thread-a', null, null);
    await sender.enqueue(entry(1));
    await sender.idle();
    await advance(1000);
    expect(events.at(-1)).toMatchObject({ type: 'failed', entry: { attempts: 2, state: 'failed' } });
    await advance(60_000);
    expect(service.sent).toEqual([]);
  });

  it('keeps order within a conversation, while a failing conversation does not hold up the others', async () => {
    const { sender, service, advance } = setup();
    service.onSend('thread-a', restError(503, { 'retry-after': '5' }));
    service.onLookup('thread-a', null);
    await sender.enqueue(entry(1, 'thread-a'));
    await sender.enqueue(entry(2, 'thread-b'));
    await sender.enqueue(entry(3, 'thread-a'));
    await sender.enqueue(entry(4, 'thread-b'));
    await sender.idle();
    // B went out; A's second message waits behind A's first.
    expect(service.sent).toEqual(['m2', 'm4']);
    await advance(5000);
    expect(service.sent).toEqual(['m2', 'm4', 'm1', 'm3']);
  });

  it('rejects a message the outbox cannot store, and keeps nothing of it', async () => {
    const outbox = new MemoryOutbox();
    outbox.put = async () => {
      throw Object.assign(new Error('chat:errors.outboxFull'), { messageKey: 'chat:errors.outboxFull' });
    };
    const { sender, service, events } = setup({ outbox });
    await expect(sender.enqueue(entry(1))).rejects.toMatchObject({ messageKey: 'chat:errors.outboxFull' });
    await sender.idle();
    expect(sender.list()).toEqual([]);
    expect(events).toEqual([]);
    expect(service.sent).toEqual([]);
  });

  it("drops a conversation's entries when the user leaves it", async () => {
    const { sender, service, stored, events } = setup();
    service.onSend('thread-a', restError(503));
    await sender.enqueue(entry(1, 'thread-a'));
    await sender.enqueue(entry(2, 'thread-a'));
    await sender.idle();
    await sender.discardThread('thread-a');
    expect(stored()).toEqual([]);
    expect(sender.list()).toEqual([]);
    expect(events.filter((e) => e.type === 'discarded').map((e) => e.entry.content)).toEqual(['m1', 'm2']);
  });

  it('stop waits for the send in flight and starts nothing new', async () => {
    const outbox = new MemoryOutbox();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let sends = 0;
    const slow = new OutboxSender({
      outbox,
      senderFor: () => ({
        send: async () => {
          sends++;
          await gate;
          return '1';
        },
        findSent: async () => null,
      }),
      onEvent: () => undefined,
    });
    await slow.enqueue(entry(1));
    await slow.enqueue(entry(2));
    let stopped = false;
    const stopping = slow.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(sends).toBe(1);
  });
});

describe('retryAfterMs', () => {
  const withHeaders = (headers: Record<string, string>) => ({ response: { headers: { get: (n: string) => headers[n] } } });
  it('reads retry-after-ms, Retry-After in seconds or as a date, and nothing otherwise', () => {
    expect(retryAfterMs(withHeaders({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(retryAfterMs(withHeaders({ 'retry-after': '3' }))).toBe(3000);
    expect(retryAfterMs(withHeaders({ 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' }), Date.UTC(2026, 0, 1))).toBe(10_000);
    expect(retryAfterMs(withHeaders({ 'retry-after': 'soon' }))).toBeNull();
    expect(retryAfterMs(new Error('offline'))).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });
});
