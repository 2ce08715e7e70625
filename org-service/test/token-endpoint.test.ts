import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAcsIdentity, type FakeAcsIdentity } from './fixtures/fake-acs-identity/index.js';
import { startInProcessTokenService, type InProcessTokenService } from './fixtures/in-process-token-service.js';

let acs: FakeAcsIdentity;
let service: InProcessTokenService;

beforeAll(async () => {
  acs = await startFakeAcsIdentity();
});
afterAll(async () => {
  await acs.stop();
});
beforeEach(async () => {
  acs.clearFailures();
  acs.createUserDelayMs = 0;
  service = await startInProcessTokenService(acs, { ACS_TOKEN_LIFETIME_MINUTES: '120' });
});
afterEach(async () => {
  await service.stop();
});

const created = () => acs.requests.filter((r) => r.operation === 'createUser' && r.status === 201).length;

describe('POST /token with an API key', () => {
  it('creates one ACS identity on first sign-in and returns a chat+voip token with the agreed shape', async () => {
    const key = await service.createApiKey('alice@example.com');
    const before = created();
    const response = await service.token(`ApiKey ${key}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(response.json).sort()).toEqual(['acsEndpoint', 'communicationUserId', 'displayName', 'expiresOn', 'token']);
    const { token, expiresOn, communicationUserId, acsEndpoint, displayName } = response.json;
    // The name given to create-api-key is how ACS shows this user.
    expect(displayName).toBe('alice@example.com');
    expect(acsEndpoint).toBe(acs.url);
    expect(communicationUserId).toMatch(/^8:acs:/);
    expect(created() - before).toBe(1);
    const claims = acs.decodeToken(token);
    expect(claims.acsScope).toBe('chat,voip');
    expect(`8:${claims.skypeid}`).toBe(communicationUserId);
    expect(claims.resourceId).toBe(acs.resourceId);
    // The configured lifetime reaches ACS.
    expect(new Date(expiresOn).getTime() - Date.now()).toBeGreaterThan(119 * 60_000);
    expect(new Date(expiresOn).getTime() - Date.now()).toBeLessThanOrEqual(120 * 60_000);
    expect(acs.requests.at(-1)!.body).toEqual({ scopes: ['chat', 'voip'], expiresInMinutes: 120 });
  });

  it('reuses the identity on later sign-ins, also with another key of the same user', async () => {
    const first = await service.token(`ApiKey ${await service.createApiKey('bob')}`);
    const again = await service.token(`ApiKey ${await service.createApiKey('bob')}`);
    expect(again.json.communicationUserId).toBe(first.json.communicationUserId);
    const other = await service.token(`ApiKey ${await service.createApiKey('carol')}`);
    expect(other.json.communicationUserId).not.toBe(first.json.communicationUserId);
  });

  it('creates exactly one identity under 20 concurrent first sign-ins of one user', async () => {
    acs.createUserDelayMs = 150;
    const key = await service.createApiKey('dave');
    const before = created();
    const responses = await Promise.all(Array.from({ length: 20 }, () => service.token(`ApiKey ${key}`)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(responses.map((r) => r.json.communicationUserId)).size).toBe(1);
    expect(created() - before).toBe(1);
  });

  it('answers 503 with Retry-After within ACS_TIMEOUT_MS when a first sign-in\'s two ACS calls together are too slow', async () => {
    // Each call alone (700 ms) is within the timeout; the two together are not.
    const slow = await startInProcessTokenService(acs, { ACS_TIMEOUT_MS: '1000', ACS_RETRY_AFTER_SECONDS: '7' });
    acs.responseDelayMs = 700;
    try {
      const started = Date.now();
      const response = await slow.token(`ApiKey ${await slow.createApiKey('slow-sam')}`);
      const elapsed = Date.now() - started;
      expect(response.status).toBe(503);
      expect(response.json.error.code).toBe('acs_unavailable');
      expect(response.headers.get('retry-after')).toBe('7');
      expect(elapsed).toBeLessThan(1_350);
    } finally {
      acs.responseDelayMs = 0;
      await slow.stop();
    }
  });

  it('accepts an absent body and an empty JSON body', async () => {
    const key = await service.createApiKey('erin');
    expect((await service.call('POST', '/token', { auth: `ApiKey ${key}` })).status).toBe(200);
    const empty = await service.call('POST', '/token', { auth: `ApiKey ${key}`, body: '', headers: { 'content-type': 'application/json' } });
    expect(empty.status).toBe(200);
  });
});

describe('POST /sign-out', () => {
  it('revokes the user\'s ACS tokens and answers 204; the next sign-in gets a fresh token for the same identity', async () => {
    const auth = `ApiKey ${await service.createApiKey('frank')}`;
    const { json } = await service.token(auth);
    expect(await acs.tokenIsValid(json.token)).toBe(true);
    const out = await service.signOut(auth);
    expect(out.status).toBe(204);
    expect(out.text).toBe('');
    expect(await acs.tokenIsValid(json.token)).toBe(false);
    expect(acs.requests.at(-1)).toMatchObject({ operation: 'revokeTokens', communicationUserId: json.communicationUserId, signatureValid: true });
    const back = await service.token(auth);
    expect(back.json.communicationUserId).toBe(json.communicationUserId);
    expect(await acs.tokenIsValid(back.json.token)).toBe(true);
  });

  it('succeeds without calling ACS for a user who never had an identity', async () => {
    const count = acs.requests.length;
    expect((await service.signOut(`ApiKey ${await service.createApiKey('gina')}`)).status).toBe(204);
    expect(acs.requests.length).toBe(count);
  });

  it('needs authentication too', async () => {
    expect((await service.signOut('ApiKey nope')).status).toBe(401);
  });
});

describe('authentication', () => {
  it('refuses a missing, malformed, unknown or revoked API key with 401 and a JSON error', async () => {
    const key = await service.createApiKey('harry');
    const forged = key.slice(0, -4) + (key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const auth of [undefined, 'ApiKey', 'ApiKey not-a-key', `ApiKey ${forged}`, `Basic ${Buffer.from('a:b').toString('base64')}`, 'Bearer eyJ.x.y']) {
      const response = await service.call('POST', '/token', auth ? { auth } : {});
      expect(response.status, String(auth)).toBe(401);
      expect(response.json.error.code).toBe('unauthorized');
      expect(response.headers.get('www-authenticate')).toBe('Bearer, ApiKey');
    }
    expect((await service.token(`ApiKey ${key}`)).status).toBe(200);
    expect(await service.apiKeys.revoke(key.split('_')[1]!)).toBe(true);
    const revoked = await service.token(`ApiKey ${key}`);
    expect(revoked.status).toBe(401);
    expect(revoked.json.error.message).toMatch(/revoked/);
  });

  it('accepts the scheme name in any case', async () => {
    const key = await service.createApiKey('ivy');
    expect((await service.token(`apikey ${key}`)).status).toBe(200);
  });
});

describe('when ACS fails', () => {
  it('answers 503 with Retry-After when ACS is unavailable, and recovers', async () => {
    const auth = `ApiKey ${await service.createApiKey('jack')}`;
    acs.fail({ status: 503 });
    const down = await service.token(auth);
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('10');
    expect(down.json).toEqual({ error: { code: 'acs_unavailable', message: expect.stringMatching(/unavailable/) } });
    acs.clearFailures();
    expect((await service.token(auth)).status).toBe(200);
  });

  it('passes on ACS\'s own Retry-After when throttled', async () => {
    const auth = `ApiKey ${await service.createApiKey('kate')}`;
    await service.token(auth);
    acs.fail({ status: 429, retryAfterSeconds: 33, operation: 'issueToken' });
    const throttled = await service.token(auth);
    expect(throttled.status).toBe(503);
    expect(throttled.headers.get('retry-after')).toBe('33');
  });

  it('answers 503 when ACS cannot be reached at all', async () => {
    const unreachable = await startInProcessTokenService(acs, {
      ACS_CONNECTION_STRING: `endpoint=https://127.0.0.1:1/;accesskey=${Buffer.from('x'.repeat(32)).toString('base64')}`,
      ACS_RETRY_AFTER_SECONDS: '17',
    });
    try {
      const response = await unreachable.token(`ApiKey ${await unreachable.createApiKey('leo')}`);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('17');
      expect(response.json.error.code).toBe('acs_unavailable');
    } finally {
      await unreachable.stop();
    }
  });

  it('answers 502 when ACS refuses the service\'s key, without revealing it', async () => {
    const wrongKey = acs.connectionStringWithWrongKey();
    const misconfigured = await startInProcessTokenService(acs, { ACS_CONNECTION_STRING: wrongKey });
    try {
      const response = await misconfigured.token(`ApiKey ${await misconfigured.createApiKey('mia')}`);
      expect(response.status).toBe(502);
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(response.json.error.code).toBe('acs_unavailable');
      expect(acs.requests.at(-1)).toMatchObject({ signatureValid: false, status: 401 });
      const accessKey = wrongKey.split('accesskey=')[1]!;
      expect(response.text).not.toContain(accessKey);
      expect(misconfigured.log.text()).not.toContain(accessKey);
      expect(misconfigured.log.lines.some((l) => l.message === 'acs call failed' && l.kind === 'refused_credentials')).toBe(true);
    } finally {
      await misconfigured.stop();
    }
  });

  it('does not store an identity when ACS fails during the first sign-in', async () => {
    const auth = `ApiKey ${await service.createApiKey('nina')}`;
    acs.fail({ status: 500, times: 1, operation: 'createUser' });
    expect((await service.token(auth)).status).toBe(503);
    const before = created();
    const ok = await service.token(auth);
    expect(ok.status).toBe(200);
    expect(created() - before).toBe(1);
  });
});

describe('malformed requests', () => {
  const cases: Array<[string, { body?: string; headers?: Record<string, string> }]> = [
    ['invalid JSON', { body: '{"oops"', headers: { 'content-type': 'application/json' } }],
    ['a JSON array', { body: '[]', headers: { 'content-type': 'application/json' } }],
    ['a JSON string', { body: '"hi"', headers: { 'content-type': 'application/json' } }],
    ['JSON null', { body: 'null', headers: { 'content-type': 'application/json' } }],
    ['prototype poisoning', { body: '{"__proto__":{"admin":true}}', headers: { 'content-type': 'application/json' } }],
    ['text/plain', { body: '{}', headers: { 'content-type': 'text/plain' } }],
    ['a form', { body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
    ['a huge body', { body: JSON.stringify({ pad: 'x'.repeat(100_000) }), headers: { 'content-type': 'application/json' } }],
  ];
  for (const [name, init] of cases) {
    it(`answers 400 bad_request for ${name}`, async () => {
      const key = await service.createApiKey('oscar');
      const response = await service.call('POST', '/token', { auth: `ApiKey ${key}`, ...init });
      expect(response.status).toBe(400);
      expect(response.json.error.code).toBe('bad_request');
      expect(response.text).not.toMatch(/at \w+ \(|node_modules|FST_/);
    });
  }

  it('answers 404 not_found as JSON for an unknown path or method', async () => {
    for (const [method, path] of [['GET', '/nope'], ['GET', '/token']] as const) {
      const response = await service.call(method, path);
      expect(response.status).toBe(404);
      expect(response.json.error.code).toBe('not_found');
    }
  });
});

describe('GET /healthz', () => {
  it('answers 200 { status: "ok" } without authentication', async () => {
    const response = await service.call('GET', '/healthz');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ status: 'ok' });
  });
});

describe('rate limiting', () => {
  it('limits each user separately with 429 and Retry-After', async () => {
    const limited = await startInProcessTokenService(acs, { RATE_LIMIT_PER_USER_PER_MINUTE: '3' });
    try {
      const pat = `ApiKey ${await limited.createApiKey('pat')}`;
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await limited.token(pat)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await limited.token(pat);
      expect(refused.json.error.code).toBe('rate_limited');
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // Sign-out counts against the same budget: a leaked key cannot flood ACS with revocations.
      expect((await limited.signOut(pat)).status).toBe(429);
      // Another user is not affected.
      expect((await limited.token(`ApiKey ${await limited.createApiKey('quinn')}`)).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });

  it('limits unauthenticated attempts per client address before checking credentials', async () => {
    const limited = await startInProcessTokenService(acs, { RATE_LIMIT_PER_IP_PER_MINUTE: '5' });
    try {
      const statuses = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await limited.token('ApiKey guess')).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      expect((await limited.token(`ApiKey ${await limited.createApiKey('rita')}`)).status).toBe(429);
    } finally {
      await limited.stop();
    }
  });
});

describe('secrets', () => {
  it('never writes tokens, API keys or the connection string to a log line or an error response', async () => {
    const key = await service.createApiKey('sam');
    const auth = `ApiKey ${key}`;
    const ok = await service.token(auth);
    await service.call('POST', '/token', { auth, body: '{bad', headers: { 'content-type': 'application/json' } });
    await service.call('POST', '/token', { auth: `${auth}x` });
    acs.fail({ status: 503, times: 1 });
    const failed = await service.token(auth);
    await service.signOut(auth);
    const logs = service.log.text();
    expect(service.log.lines.length).toBeGreaterThan(4);
    const accessKey = acs.connectionString.split('accesskey=')[1]!;
    for (const secret of [key, key.split('_')[2]!, ok.json.token, accessKey]) {
      expect(logs).not.toContain(secret);
      expect(failed.text).not.toContain(secret);
    }
    expect(logs).not.toMatch(/eyJ|HMAC-SHA256|sam/);
  });
});
