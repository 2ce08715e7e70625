import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlLiveLog } from '../src/live/live-store.js';
import { openStore } from '../src/store/database.js';
import { startFakeAcsIdentity, type FakeAcsIdentity } from './fixtures/fake-acs-identity/index.js';
import { startInProcessTokenService, type InProcessTokenService } from './fixtures/in-process-token-service.js';
import { openLive, openSse, type LiveClient } from './fixtures/sse-client.js';

/**
 * The live channel and presence against the real service in this process (SQLite, the real
 * Identity SDK against the fake ACS), with small heartbeats and grace so it all takes seconds.
 */
let acs: FakeAcsIdentity;
let service: InProcessTokenService;
const clients: LiveClient[] = [];

beforeAll(async () => {
  acs = await startFakeAcsIdentity();
  service = await startInProcessTokenService(acs, {
    LIVE_HEARTBEAT_SECONDS: '1',
    PRESENCE_OFFLINE_GRACE_SECONDS: '1',
    LIVE_LOG_MAX_EVENTS: '10',
    LIVE_MAX_CONNECTIONS_PER_USER: '2',
    RATE_LIMIT_PER_IP_PER_MINUTE: '100000',
  });
}, 30_000);
afterAll(async () => {
  for (const client of clients) client.close();
  await service?.stop();
  await acs?.stop();
});

const json = { 'content-type': 'application/json' };

/** A signed-in user with an API key (in `org`), their person id and a way to call the service. */
async function user(name: string, org?: string) {
  const auth = `ApiKey ${await service.createApiKey(name, org)}`;
  const me = await service.call('GET', '/directory/me', { auth });
  expect(me.status).toBe(200);
  const id = me.json.person.id as string;
  return {
    auth,
    id,
    live: async (options: Parameters<typeof openLive>[2] = {}) => {
      const client = await openLive(service.url, auth, options);
      clients.push(client);
      return client;
    },
    setStatus: (status: string) => service.call('PUT', '/presence', { auth, headers: json, body: JSON.stringify({ status }) }),
    subscribe: (personIds: string[]) => service.call('PUT', '/presence/subscriptions', { auth, headers: json, body: JSON.stringify({ personIds }) }),
  };
}

const presenceOf = (client: LiveClient) => client.events().filter((m) => m.event === 'presence').map((m) => JSON.parse(m.data));

describe('presence over the live channel', () => {
  it('A subscribes to B; B connects and changes status; A receives each change once, in order', async () => {
    const a = await user('alice@a.example');
    const b = await user('bob@a.example');
    const subscribed = await a.subscribe([b.id]);
    expect(subscribed.status).toBe(200);
    // B never connected: offline.
    expect(subscribed.json.presence).toEqual([{ personId: b.id, status: 'offline', since: expect.any(String) }]);
    const aLive = await a.live();
    expect(aLive.status).toBe(200);
    expect(aLive.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(aLive.hello).toMatchObject({ heartbeatSeconds: 1, resumed: false });
    const bLive = await b.live();
    await aLive.waitFor((m) => m.event === 'presence' && JSON.parse(m.data).status === 'available');
    expect((await b.setStatus('busy')).status).toBe(204);
    await aLive.waitFor((m) => m.event === 'presence' && JSON.parse(m.data).status === 'busy');
    expect((await b.setStatus('busy')).status).toBe(204);
    await b.setStatus('appearOffline');
    await aLive.waitFor((m) => m.event === 'presence' && JSON.parse(m.data).status === 'offline');
    expect(presenceOf(aLive).map((p) => p.status)).toEqual(['available', 'busy', 'offline']);
    expect(presenceOf(aLive).every((p) => p.personId === b.id && !Number.isNaN(Date.parse(p.since)))).toBe(true);
    const ids = aLive.numbered().map((m) => Number(m.id));
    expect(ids).toEqual([ids[0], ids[0]! + 1, ids[0]! + 2]);
    // The subscription answer reflects the present.
    expect((await a.subscribe([b.id])).json.presence[0].status).toBe('offline');
    await b.setStatus('doNotDisturb');
    expect((await a.subscribe([b.id])).json.presence[0].status).toBe('doNotDisturb');
    bLive.close();
  });

  it('B turns offline for A once the grace period after B’s last stream dropped is over', async () => {
    const a = await user('grace-a');
    const b = await user('grace-b');
    await a.subscribe([b.id]);
    const aLive = await a.live();
    const bLive = await b.live();
    await aLive.waitFor((m) => m.event === 'presence' && JSON.parse(m.data).status === 'available');
    const dropped = Date.now();
    bLive.close();
    const offline = await aLive.waitFor((m) => m.event === 'presence' && JSON.parse(m.data).status === 'offline', 5_000);
    expect(Date.now() - dropped).toBeGreaterThanOrEqual(900);
    expect(JSON.parse(offline.data).personId).toBe(b.id);
  });

  it('people of another organisation are unknown: not in the answer, and no events', async () => {
    const x = await user('xavier', 'org-x');
    const y = await user('yolanda', 'org-y');
    const answer = await x.subscribe([y.id, 'p_doesnotexist']);
    expect(answer.status).toBe(200);
    expect(answer.json.presence).toEqual([]);
    const xLive = await x.live();
    const yLive = await y.live();
    await y.setStatus('busy');
    await y.setStatus('away');
    // x's own reference event: x subscribes to someone of its org and sees that, and only that.
    const x2 = await user('xena', 'org-x');
    await x.subscribe([x2.id, y.id]);
    await x2.live();
    await xLive.waitFor((m) => m.event === 'presence');
    expect(presenceOf(xLive).map((p) => p.personId)).toEqual([x2.id]);
    yLive.close();
  });
});

describe('resume, resync and limits', () => {
  it('resumes after Last-Event-ID with every missed event exactly once', async () => {
    const a = await user('resume-a');
    const b = await user('resume-b');
    await a.subscribe([b.id]);
    const bLive = await b.live();
    const first = await a.live();
    await b.setStatus('busy');
    await first.waitFor((m) => m.event === 'presence' && JSON.parse(m.data).status === 'busy');
    const lastId = first.lastEventId()!;
    first.close();
    await b.setStatus('away');
    await b.setStatus('inACall');
    const again = await a.live({ lastEventId: lastId });
    expect(again.hello!.resumed).toBe(true);
    await b.setStatus('beRightBack');
    await again.waitFor((m) => m.event === 'presence' && JSON.parse(m.data).status === 'beRightBack');
    expect(presenceOf(again).map((p) => p.status)).toEqual(['away', 'inACall', 'beRightBack']);
    expect(again.numbered().map((m) => Number(m.id))).toEqual([1, 2, 3].map((n) => Number(lastId) + n));
    bLive.close();
  });

  it('a client too far behind, or with an id never issued, gets resync (never a silent gap)', async () => {
    const a = await user('resync-a');
    const b = await user('resync-b');
    await a.subscribe([b.id]);
    const bLive = await b.live();
    const statuses = ['busy', 'away', 'available'];
    // LIVE_LOG_MAX_EVENTS is 10 here: 15 events push the first ones out.
    for (let i = 0; i < 15; i += 1) expect((await b.setStatus(statuses[i % 3]!)).status).toBe(204);
    const probe = await a.live({ lastEventId: '0' });
    const resync = await probe.waitFor((m) => m.event === 'resync');
    expect(JSON.parse(resync.data)).toEqual({ reason: 'too-far-behind' });
    expect(probe.hello!.resumed).toBe(false);
    const newest = Number(resync.id);
    expect(newest).toBeGreaterThanOrEqual(15);
    probe.close();
    const unknown = await a.live({ lastEventId: String(newest + 5) });
    expect(JSON.parse((await unknown.waitFor((m) => m.event === 'resync')).data)).toEqual({ reason: 'unknown-id' });
    expect((await unknown.waitFor((m) => m.event === 'resync')).id).toBe(String(newest));
    unknown.close();
    const fine = await a.live({ lastEventId: String(newest - 3) });
    expect(fine.hello!.resumed).toBe(true);
    await fine.waitFor((m) => m.id === String(newest));
    expect(fine.numbered().map((m) => Number(m.id))).toEqual([newest - 2, newest - 1, newest]);
    bLive.close();
  });

  it('the database log keeps the newest events of each person, none older than 24 hours', async () => {
    const a = await user('sql-log-a');
    const b = await user('sql-log-b');
    const store = await openStore(service.databasePath);
    try {
      const log = new SqlLiveLog(store, { maxEvents: 3, maxAgeMs: 24 * 3600_000 });
      const t0 = Date.now();
      for (let i = 0; i < 5; i += 1) await log.append([a.id, b.id, a.id], 'n', String(i), new Date(t0 + i));
      expect(await log.newest(a.id)).toBe(5);
      expect((await log.after(a.id, 0, new Date(t0 + 10))).map((e) => [e.id, e.data])).toEqual([[3, '2'], [4, '3'], [5, '4']]);
      const dayLater = new Date(t0 + 24 * 3600_000 + 4);
      expect((await log.after(a.id, 0, dayLater)).map((e) => e.id)).toEqual([5]);
      expect(await log.prune(dayLater)).toBeGreaterThanOrEqual(4);
      expect((await log.after(b.id, 0, dayLater)).map((e) => e.id)).toEqual([5]);
      // Ids go on after a prune.
      expect((await log.append([a.id], 'n', '"x"', dayLater))[0]!.event.id).toBe(6);
    } finally {
      await store.close();
    }
  });

  it('ends the oldest stream with shutdown when one too many opens', async () => {
    const a = await user('limit-a');
    const one = await a.live();
    await a.live();
    await a.live();
    const end = await one.waitFor((m) => m.event === 'end');
    expect(JSON.parse(end.data)).toEqual({ reason: 'shutdown' });
    await one.closed;
  });
});

describe('the service ends streams itself', () => {
  it('sign-out ends every stream of the user with signed-out', async () => {
    const a = await user('signout-a');
    const one = await a.live();
    const two = await a.live();
    expect((await service.signOut(a.auth)).status).toBe(204);
    for (const stream of [one, two]) {
      expect(JSON.parse((await stream.waitFor((m) => m.event === 'end')).data)).toEqual({ reason: 'signed-out' });
      await stream.closed;
    }
  });

  it('a revoked key: the next heartbeat gets 401 and the stream ends with revoked', async () => {
    const key = await service.createApiKey('revoke-me');
    const auth = `ApiKey ${key}`;
    const stream = await openLive(service.url, auth);
    clients.push(stream);
    expect(await service.apiKeys.revoke(key)).toBe(true);
    const end = await stream.waitFor((m) => m.event === 'end', 5_000);
    expect(JSON.parse(end.data)).toEqual({ reason: 'revoked' });
    await expect.poll(() => stream.heartbeatStatuses).toContain(401);
    await stream.closed;
  });

  it('a disabled person: the next heartbeat gets 403, the stream ends with disabled, and those watching them hear it once', async () => {
    const a = await user('disable-me@a.example');
    const watcher = await user('watcher@a.example');
    expect((await watcher.subscribe([a.id])).status).toBe(200);
    const watching = await watcher.live();
    const stream = await a.live();
    const second = await a.live();
    // As the admin CLI does it, in the database behind the running service.
    expect(await service.people.setDisabled(a.id, true)).toBe(true);
    expect(JSON.parse((await stream.waitFor((m) => m.event === 'end', 5_000)).data)).toEqual({ reason: 'disabled' });
    expect(JSON.parse((await second.waitFor((m) => m.event === 'end', 5_000)).data)).toEqual({ reason: 'disabled' });
    await expect.poll(() => stream.heartbeatStatuses).toContain(403);
    const directory = await watching.waitFor((m) => m.event === 'directory', 5_000);
    expect(JSON.parse(directory.data)).toEqual({ personId: a.id, change: 'disabled' });
    // One event for the person, not one per stream that ended.
    await watching.waitFor((m) => m.event === 'presence' && JSON.parse(m.data).status === 'offline', 5_000);
    expect(watching.events().filter((m) => m.event === 'directory')).toHaveLength(1);
  });

  it('closes a stream whose client sends no heartbeats for 3 heartbeats', async () => {
    const a = await user('silent-a');
    const started = Date.now();
    const stream = await a.live({ heartbeats: false });
    await stream.closed;
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(2_900);
    expect(took).toBeLessThan(6_000);
    expect(stream.items.some((item) => item.kind === 'comment' && item.text === 'hb')).toBe(true);
    expect(stream.events().some((m) => m.event === 'end')).toBe(false);
    // The connection is gone: its heartbeat is 404.
    const late = await service.call('POST', '/events/heartbeat', { auth: a.auth, headers: json, body: JSON.stringify({ connectionId: stream.hello!.connectionId }) });
    expect(late.status).toBe(404);
  });
});

describe('bad input on every route', () => {
  it('refuses requests without Authorization with 401', async () => {
    expect((await openSse(`${service.url}/events`)).status).toBe(401);
    expect((await service.call('POST', '/events/heartbeat', { headers: json, body: '{}' })).status).toBe(401);
    expect((await service.call('PUT', '/presence', { headers: json, body: '{"status":"busy"}' })).status).toBe(401);
    expect((await service.call('PUT', '/presence/subscriptions', { headers: json, body: '{"personIds":[]}' })).status).toBe(401);
  });

  it('GET /events refuses a malformed Last-Event-ID and unknown query parameters with 400', async () => {
    const a = await user('bad-events');
    for (const id of ['abc', '-1', '1.5', '007', '1e9', '99999999999999999999', '1,2']) {
      const response = await openSse(`${service.url}/events`, { authorization: a.auth, 'last-event-id': id });
      expect(response.status, id).toBe(400);
      expect(JSON.parse(response.text).error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('Last-Event-ID') });
    }
    const query = await openSse(`${service.url}/events?x=1`, { authorization: a.auth });
    expect(query.status).toBe(400);
    expect(JSON.parse(query.text).error.message).toContain('"x"');
  });

  it('POST /events/heartbeat: strict body, named fields, 404 for an unknown or someone else’s connection', async () => {
    const a = await user('bad-heartbeat');
    const b = await user('other-heartbeat');
    const post = (body: string, auth = a.auth) => service.call('POST', '/events/heartbeat', { auth, headers: json, body });
    const cases: Array<[string, string]> = [
      ['{}', 'connectionId'],
      ['{"connectionId":"nope"}', 'connectionId'],
      ['{"connectionId":12}', 'connectionId'],
      [`{"connectionId":"${crypto.randomUUID()}","extra":1}`, '"extra"'],
      ['[]', 'object'],
      ['"x"', 'object'],
      ['{"connectionId":', 'JSON'],
      ['{"__proto__":{"x":1},"connectionId":"a"}', ''],
      [`{"connectionId":"${'a'.repeat(5000)}"}`, 'too large'],
    ];
    for (const [body, field] of cases) {
      const response = await post(body);
      expect(response.status, body.slice(0, 40)).toBe(400);
      expect(response.json.error.message, body.slice(0, 40)).toContain(field);
    }
    expect((await post(`{"connectionId":"${crypto.randomUUID()}"}`)).status).toBe(404);
    const bLive = await b.live({ heartbeats: false });
    expect((await post(`{"connectionId":"${bLive.hello!.connectionId}"}`)).status).toBe(404);
    expect((await post(`{"connectionId":"${bLive.hello!.connectionId}"}`, b.auth)).status).toBe(204);
    bLive.close();
  });

  it('PUT /presence and PUT /presence/subscriptions: strict bodies, bounded lists, named fields', async () => {
    const a = await user('bad-presence');
    const put = (path: string, body: string) => service.call('PUT', path, { auth: a.auth, headers: json, body });
    const cases: Array<[string, string, string]> = [
      ['/presence', '{}', 'status'],
      ['/presence', '{"status":"offline"}', 'status'],
      ['/presence', '{"status":"busy","until":1}', '"until"'],
      ['/presence', '{"status":["busy"]}', 'status'],
      ['/presence', 'null', 'object'],
      ['/presence', '{"status":"<script>"}', 'status'],
      ['/presence/subscriptions', '{}', 'personIds'],
      ['/presence/subscriptions', '{"personIds":"p_1"}', 'personIds'],
      ['/presence/subscriptions', '{"personIds":[1]}', 'personIds.0'],
      ['/presence/subscriptions', '{"personIds":["a b"]}', 'personIds.0'],
      ['/presence/subscriptions', `{"personIds":["${'x'.repeat(65)}"]}`, 'personIds.0'],
      ['/presence/subscriptions', `{"personIds":${JSON.stringify(Array.from({ length: 501 }, (_, i) => `p_${i}`))}}`, 'personIds'],
      ['/presence/subscriptions', '{"personIds":[],"more":true}', '"more"'],
      ['/presence/subscriptions', `{"personIds":["${'x'.repeat(50_000)}"]}`, 'too large'],
    ];
    for (const [path, body, field] of cases) {
      const response = await put(path, body);
      expect(response.status, `${path} ${body.slice(0, 50)}`).toBe(400);
      expect(response.json.error.message, `${path} ${body.slice(0, 50)}`).toContain(field);
    }
    const text = await service.call('PUT', '/presence', { auth: a.auth, headers: { 'content-type': 'text/plain' }, body: 'busy' });
    expect(text.status).toBe(400);
    // 500 ids is allowed.
    expect((await put('/presence/subscriptions', `{"personIds":${JSON.stringify(Array.from({ length: 500 }, (_, i) => `p_${i}`))}}`)).status).toBe(200);
  });
});

describe('OIDC sign-in', () => {
  it('a stream opened with an access token ends with expired at the token’s exp', async () => {
    const { startLocalOidcIssuer } = await import('./fixtures/local-oidc-issuer.js');
    const idp = await startLocalOidcIssuer();
    const oidc = await startInProcessTokenService(acs, {
      OIDC_ISSUER: idp.issuer,
      OIDC_AUDIENCE: idp.audience,
      OIDC_CLOCK_TOLERANCE_SECONDS: '0',
      LIVE_HEARTBEAT_SECONDS: '1',
    });
    try {
      const token = await idp.sign({ sub: 'expiring-user', name: 'Expiring User' }, { expiresInSeconds: 2 });
      const stream = await openLive(oidc.url, `Bearer ${token}`);
      clients.push(stream);
      expect(stream.status).toBe(200);
      const end = await stream.waitFor((m) => m.event === 'end', 5_000);
      expect(JSON.parse(end.data)).toEqual({ reason: 'expired' });
      await stream.closed;
    } finally {
      await oidc.stop();
      await idp.stop();
    }
  });
});
