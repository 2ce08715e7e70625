/**
 * TokenCache with an OIDC sign-in: the bearer token is renewed with the refresh token before
 * it is sent, a rotated refresh token is kept (even if the token request then fails), and a
 * refused refresh token means "sign in again", without retries.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OidcCredential, OidcRefresher } from '../../../main/auth/authorizer.js';
import { SessionVault } from '../../../main/auth/session-vault.js';
import { TokenCache } from '../../../main/auth/token-cache.js';
import { TokenServiceError } from '../../../main/auth/token-service-client.js';
import { fakeSafeStorage } from '../../fixtures/fake-safe-storage.js';
import { fakeTime } from '../../fixtures/fake-time.js';
import { createFakeTokenService } from '../../fixtures/fake-token-service.js';
import { tempDir } from '../../fixtures/main-services.js';
import { recordingLogger } from '../../fixtures/recorders.js';

const minute = 60_000;

function setup(refresher: OidcRefresher) {
  const time = fakeTime();
  const service = createFakeTokenService({ now: time.clock.now });
  const logger = recordingLogger();
  const cipher = fakeSafeStorage();
  const filePath = join(tempDir(), 'session.bin');
  const vault = new SessionVault({ filePath, cipher, log: logger.log });
  const credential: OidcCredential = {
    kind: 'oidc',
    issuer: 'https://login.contoso.test/',
    clientId: 'softphone',
    accessToken: 'good-access-1',
    accessTokenExpiresAt: time.now + 5 * minute,
    refreshToken: 'refresh-1',
  };
  // Signed in earlier; the ACS token has expired and the access token nearly has.
  vault.save({ serviceUrl: 'https://tokens.contoso.test/', credential, token: null });
  const cache = new TokenCache({ fetch: service.fetch, vault, log: logger.log, clock: time.clock, timers: time.timers, random: () => 0.5, oidc: refresher });
  const reload = () => new SessionVault({ filePath, cipher, log: logger.log }).load();
  return { time, service, cache, reload, logger };
}

describe('TokenCache with OIDC', () => {
  it('sends the current access token while it is valid, and renews it when it is about to expire', async () => {
    const renewed: OidcCredential[] = [];
    const { cache, service, time, reload } = setup({
      async refresh(credential) {
        const next = { ...credential, accessToken: `good-access-${renewed.length + 2}`, accessTokenExpiresAt: time.now + 60 * minute, refreshToken: `refresh-${renewed.length + 2}` };
        renewed.push(next);
        return next;
      },
    });
    cache.start();
    await cache.getToken();
    expect(service.requests.map((r) => r.authorization)).toEqual(['Bearer good-access-1']);
    expect(renewed).toHaveLength(0);
    // The proactive refresh 45 minutes later finds the access token expired: renew, then ask.
    await time.advance(45 * minute);
    expect(renewed).toHaveLength(1);
    expect(service.requests.map((r) => r.authorization)).toEqual(['Bearer good-access-1', 'Bearer good-access-2']);
    expect(reload()?.credential).toMatchObject({ accessToken: 'good-access-2', refreshToken: 'refresh-2' });
  });

  it('keeps a rotated refresh token even when the token request after it fails', async () => {
    const { cache, service, time, reload } = setup({
      refresh: async (credential) => ({ ...credential, accessToken: 'good-access-2', accessTokenExpiresAt: time.now + 60 * minute, refreshToken: 'refresh-2' }),
    });
    await time.advance(10 * minute);
    service.script(service.json(503, { error: { code: 'acs_unavailable', message: 'x' } }, { 'retry-after': '5' }));
    cache.start();
    await expect(cache.getToken()).rejects.toMatchObject({ messageKey: 'auth:reasons.unavailable' });
    expect(reload()?.credential).toMatchObject({ refreshToken: 'refresh-2' });
  });

  it('asks for a new sign-in, without retrying, when the identity provider refuses the refresh token', async () => {
    let attempts = 0;
    const { cache, service, time } = setup({
      refresh: async () => {
        attempts++;
        throw new TokenServiceError('unauthorized');
      },
    });
    await time.advance(10 * minute);
    cache.start();
    await expect(cache.getToken()).rejects.toMatchObject({ messageKey: 'auth:reasons.unauthorized' });
    await time.advance(24 * 60 * minute);
    expect(attempts).toBe(1);
    expect(service.requests).toEqual([]);
    expect(cache.state).toMatchObject({ status: 'expired', method: 'oidc', needsSignIn: true });
  });
});
