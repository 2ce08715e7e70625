import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAcsIdentity, type FakeAcsIdentity } from './fixtures/fake-acs-identity/index.js';
import { openLive, type LiveClient, type SseMessage } from './fixtures/sse-client.js';
import { startTokenServiceProcess, type TokenServiceProcess } from './fixtures/token-service-process.js';

/**
 * The service as a real process (`org-service/src/cli.ts serve`), stopped and killed mid-stream
 * and started again on the same database: a client that resumes with Last-Event-ID misses
 * nothing and sees nothing twice.
 */
let acs: FakeAcsIdentity;
let dir: string;
const running: TokenServiceProcess[] = [];
const clients: LiveClient[] = [];

const env = {
  LIVE_HEARTBEAT_SECONDS: '1',
  PRESENCE_OFFLINE_GRACE_SECONDS: '60',
  RATE_LIMIT_PER_IP_PER_MINUTE: '100000',
  RATE_LIMIT_DIRECTORY_PER_USER_PER_MINUTE: '100000',
};

beforeAll(async () => {
  acs = await startFakeAcsIdentity();
  dir = mkdtempSync(join(tmpdir(), 'live-restart-'));
}, 30_000);
afterAll(async () => {
  for (const client of clients) client.close();
  for (const service of running) await service.stop();
  await acs?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<TokenServiceProcess> {
  const service = await startTokenServiceProcess({ acs, env, databasePath: join(dir, 'org.sqlite') });
  running.push(service);
  return service;
}

const json = { 'content-type': 'application/json' };
const call = async (url: string, method: string, path: string, auth: string, body?: unknown) => {
  const response = await fetch(`${url}${path}`, { method, headers: { authorization: auth, ...(body ? json : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
};

const cycle = ['busy', 'away', 'inACall', 'beRightBack', 'doNotDisturb', 'available'] as const;
const statusAt = (n: number) => cycle[n % cycle.length]!;
const presence = (messages: SseMessage[]) => messages.filter((m) => m.event === 'presence');

describe('the live channel across service restarts', () => {
  it('resumes with Last-Event-ID after a graceful stop and after a kill: 0 lost, 0 duplicated, in order', async () => {
    let service = await start();
    const a = `ApiKey ${service.createApiKey('restart-a@example.com')}`;
    const b = `ApiKey ${service.createApiKey('restart-b@example.com')}`;
    const bId = (await call(service.url, 'GET', '/directory/me', b)).json.person.id as string;
    expect((await call(service.url, 'PUT', '/presence/subscriptions', a, { personIds: [bId] })).status).toBe(200);

    const received: SseMessage[] = [];
    let aLive = await openLive(service.url, a);
    clients.push(aLive);
    let bLive = await openLive(service.url, b);
    clients.push(bLive);
    // B's stream opening shows B available to A: that is event 0 of the series.
    await aLive.waitFor((m) => m.event === 'presence');
    let published = 0;
    const publish = async (count: number) => {
      for (let i = 0; i < count; i += 1) {
        published += 1;
        expect((await call(service.url, 'PUT', '/presence', b, { status: statusAt(published - 1) })).status).toBe(204);
      }
    };

    await publish(10);
    await aLive.waitFor((m) => m.event === 'presence' && presence(aLive.events()).length === 11);
    // 1. Graceful stop: every stream is told `end` shutdown before the process exits.
    const stopping = service.stop();
    expect(JSON.parse((await aLive.waitFor((m) => m.event === 'end')).data)).toEqual({ reason: 'shutdown' });
    await stopping;
    await aLive.closed;
    received.push(...aLive.events());

    service = await start();
    // Published while A is away: A must get them from the log.
    await publish(10);
    aLive = await openLive(service.url, a, { lastEventId: aLive.lastEventId()! });
    clients.push(aLive);
    expect(aLive.hello!.resumed).toBe(true);
    bLive = await openLive(service.url, b);
    clients.push(bLive);
    await publish(10);
    await aLive.waitFor(() => presence(received).length + presence(aLive.events()).length === 31);

    // 2. Killed without warning, mid-stream, with events still being published.
    const last = publish(5);
    await last;
    service.child.kill('SIGKILL');
    await aLive.closed;
    received.push(...aLive.events());
    await service.stop();

    service = await start();
    await publish(5);
    aLive = await openLive(service.url, a, { lastEventId: aLive.lastEventId()! });
    clients.push(aLive);
    expect(aLive.hello!.resumed).toBe(true);
    await publish(5);
    await aLive.waitFor(() => presence(received).length + presence(aLive.events()).length === 1 + published);
    received.push(...aLive.events());

    const series = presence(received);
    expect(received.filter((m) => m.event === 'resync')).toEqual([]);
    // In order, each exactly once: B's opening `available`, then every status B published.
    expect(series.map((m) => JSON.parse(m.data).status)).toEqual(['available', ...Array.from({ length: published }, (_, n) => statusAt(n))]);
    const ids = series.map((m) => Number(m.id));
    expect(ids).toEqual(ids.map((_, n) => ids[0]! + n));
    expect(new Set(ids).size).toBe(ids.length);
    // B came back within the grace period each time: A never saw B offline.
    expect(series.some((m) => JSON.parse(m.data).status === 'offline')).toBe(false);
  }, 60_000);
});
