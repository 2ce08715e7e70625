import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AcsFailure } from '../src/acs/acs-errors.js';
import { createAcsIdentityGateway } from '../src/acs/acs-identity-gateway.js';
import { parseAcsConnectionString } from '../src/acs/connection-string.js';
import { startFakeAcsIdentity, type FakeAcsIdentity } from './fixtures/fake-acs-identity/index.js';

/** The real CommunicationIdentityClient against the HTTPS fake: proves the fake speaks ACS. */
describe('ACS identity gateway (real SDK, fake ACS over HTTPS)', () => {
  let acs: FakeAcsIdentity;
  beforeAll(async () => {
    acs = await startFakeAcsIdentity();
  });
  afterAll(async () => {
    await acs.stop();
  });

  const gateway = (connectionString: string, options: { maxRetries?: number; timeoutMs?: number; defaultRetryAfterSeconds?: number } = {}) =>
    createAcsIdentityGateway({
      connection: parseAcsConnectionString(connectionString),
      timeoutMs: options.timeoutMs ?? 5_000,
      maxRetries: options.maxRetries ?? 0,
      defaultRetryAfterSeconds: options.defaultRetryAfterSeconds ?? 9,
      clientOptions: { tlsOptions: { ca: acs.caCertificate } },
    });

  it('creates a user and mints a chat+voip token the Calling SDK can read, with a signed request', async () => {
    const client = gateway(acs.connectionString);
    const id = await client.createUser();
    expect(id).toMatch(new RegExp(`^8:acs:${acs.resourceId}_[0-9a-f-]{36}$`));
    const before = Date.now();
    const { token, expiresOn } = await client.issueToken(id, 90);
    const claims = acs.decodeToken(token);
    expect(claims.skypeid).toBe(id.slice(2));
    expect(claims.acsScope.split(',').sort()).toEqual(['chat', 'voip']);
    expect(claims.resourceId).toBe(acs.resourceId);
    expect(expiresOn.getTime()).toBeGreaterThanOrEqual(before + 89 * 60_000);
    expect(claims.exp * 1000).toBe(expiresOn.getTime());
    const issued = acs.requests.filter((r) => r.operation === 'issueToken').at(-1)!;
    expect(issued.signatureValid).toBe(true);
    expect(issued.body).toEqual({ scopes: ['chat', 'voip'], expiresInMinutes: 90 });
    expect(await acs.tokenIsValid(token)).toBe(true);
  });

  it('revokes tokens and deletes users', async () => {
    const client = gateway(acs.connectionString);
    const id = await client.createUser();
    const { token } = await client.issueToken(id, 60);
    await client.revokeTokens(id);
    expect(await acs.tokenIsValid(token)).toBe(false);
    const { token: fresh } = await client.issueToken(id, 60);
    expect(await acs.tokenIsValid(fresh)).toBe(true);
    await client.deleteUser(id);
    expect(acs.identities.has(id)).toBe(false);
  });

  it('is refused by the fake when the access key is wrong (502, credentials)', async () => {
    const client = gateway(acs.connectionStringWithWrongKey());
    const error = await client.createUser().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AcsFailure);
    expect((error as AcsFailure).status).toBe(502);
    expect((error as AcsFailure).kind).toBe('refused_credentials');
    expect(acs.requests.at(-1)).toMatchObject({ signatureValid: false, status: 401 });
  });

  it('turns ACS 503 and 429 into 503 with ACS\'s Retry-After, or the default', async () => {
    const client = gateway(acs.connectionString);
    acs.fail({ status: 503, times: 1 });
    const down = (await client.createUser().catch((e: unknown) => e)) as AcsFailure;
    expect(down).toMatchObject({ status: 503, code: 'acs_unavailable', retryAfterSeconds: 9, kind: 'server_error' });
    acs.fail({ status: 429, times: 1, retryAfterSeconds: 42 });
    const throttled = (await client.createUser().catch((e: unknown) => e)) as AcsFailure;
    expect(throttled).toMatchObject({ status: 503, retryAfterSeconds: 42, kind: 'throttled' });
    acs.clearFailures();
  });

  it('retries a transient ACS failure within its bounded budget', async () => {
    const client = gateway(acs.connectionString, { maxRetries: 2 });
    acs.fail({ status: 503, times: 1, operation: 'createUser' });
    const attempts = acs.requests.length;
    await expect(client.createUser()).resolves.toMatch(/^8:acs:/);
    expect(acs.requests.length - attempts).toBe(2);
  });

  describe('a slow ACS', () => {
    afterEach(() => {
      acs.responseDelayMs = 0;
    });

    it('reports a slow ACS as 503 once the timeout passes', async () => {
      const client = gateway(acs.connectionString, { timeoutMs: 200, defaultRetryAfterSeconds: 4 });
      acs.responseDelayMs = 1_000;
      await expect(client.createUser()).rejects.toMatchObject({ status: 503, retryAfterSeconds: 4, kind: 'timeout' });
    });

    it('bounds a call by the request budget it is given, not by its own timeout as well', async () => {
      const client = gateway(acs.connectionString, { timeoutMs: 200 });
      acs.responseDelayMs = 500;
      // A budget longer than the gateway's own timeout: the call may use all of it.
      await expect(client.createUser({ signal: AbortSignal.timeout(5_000) })).resolves.toMatch(/^8:acs:/);
      // A budget that runs out first still ends the call as a timeout.
      const generous = gateway(acs.connectionString);
      await expect(generous.createUser({ signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ status: 503, kind: 'timeout' });
    });
  });

  it('mints tokens directly for tests that need one without a token service', async () => {
    const { communicationUserId, token, expiresOn } = await acs.createUserAndToken({ minutes: 120 });
    expect(acs.identities.has(communicationUserId)).toBe(true);
    expect(acs.decodeToken(token)).toMatchObject({ skypeid: communicationUserId.slice(2), acsScope: 'chat,voip', resourceId: acs.resourceId });
    expect(Date.parse(expiresOn)).toBeGreaterThan(Date.now() + 119 * 60_000);
    expect(await acs.tokenIsValid(token)).toBe(true);
  });

  it('reports an unreachable ACS as 503', async () => {
    const client = createAcsIdentityGateway({
      connection: parseAcsConnectionString(`endpoint=https://127.0.0.1:1/;accesskey=${Buffer.from('k').toString('base64')}`),
      timeoutMs: 5_000,
      maxRetries: 0,
      defaultRetryAfterSeconds: 7,
    });
    await expect(client.createUser()).rejects.toMatchObject({ status: 503, retryAfterSeconds: 7, kind: 'unreachable' });
  });
});
