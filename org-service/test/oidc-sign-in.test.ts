import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAcsIdentity, type FakeAcsIdentity } from './fixtures/fake-acs-identity/index.js';
import { startInProcessTokenService, type InProcessTokenService } from './fixtures/in-process-token-service.js';
import { startLocalOidcIssuer, type LocalOidcIssuer } from './fixtures/local-oidc-issuer.js';
import { openLive } from './fixtures/sse-client.js';

let acs: FakeAcsIdentity;
let idp: LocalOidcIssuer;
let service: InProcessTokenService;

beforeAll(async () => {
  acs = await startFakeAcsIdentity();
  idp = await startLocalOidcIssuer();
  // No OIDC_JWKS_URI: the keys are found through the issuer's discovery document, as with Entra ID.
  service = await startInProcessTokenService(acs, { OIDC_ISSUER: idp.issuer, OIDC_AUDIENCE: idp.audience });
});
afterAll(async () => {
  await service.stop();
  await idp.stop();
  await acs.stop();
});

const bearer = (token: string) => `Bearer ${token}`;

describe('OIDC bearer sign-in', () => {
  it('accepts a valid access token and maps the user (by oid) to one ACS identity', async () => {
    const first = await service.token(bearer(await idp.sign({ oid: 'oid-anna' })));
    expect(first.status).toBe(200);
    const second = await service.token(bearer(await idp.sign({ oid: 'oid-anna', sub: 'another-pairwise-sub' })));
    expect(second.json.communicationUserId).toBe(first.json.communicationUserId);
    const other = await service.token(bearer(await idp.sign({ oid: 'oid-ben' })));
    expect(other.json.communicationUserId).not.toBe(first.json.communicationUserId);
  });

  it('falls back to sub when the token has no oid', async () => {
    const withSub = await service.token(bearer(await idp.sign({ oid: undefined, sub: 'sub-only-user' })));
    expect(withSub.status).toBe(200);
    const again = await service.token(bearer(await idp.sign({ oid: undefined, sub: 'sub-only-user' })));
    expect(again.json.communicationUserId).toBe(withSub.json.communicationUserId);
  });

  it('keeps OIDC users apart from API-key users with the same name', async () => {
    // API keys are off by default once an issuer is configured.
    const viaKey = await service.token(`ApiKey ${await service.createApiKey('same-name')}`);
    expect(viaKey.status).toBe(401);
    expect(viaKey.json.error.message).toMatch(/does not accept API keys/);
    const both = await startInProcessTokenService(acs, { OIDC_ISSUER: idp.issuer, OIDC_AUDIENCE: idp.audience, API_KEYS_ENABLED: 'true' });
    try {
      const key = await both.token(`ApiKey ${await both.createApiKey('same-name')}`);
      const oidc = await both.token(bearer(await idp.sign({ oid: 'same-name' })));
      expect(key.status).toBe(200);
      expect(oidc.status).toBe(200);
      expect(oidc.json.communicationUserId).not.toBe(key.json.communicationUserId);
    } finally {
      await both.stop();
    }
  });

  it('a sign-in with a new name updates the directory and tells those watching the person, once', async () => {
    const erin = bearer(await idp.sign({ oid: 'oid-erin', name: 'Erin Ortiz', email: 'erin@contoso.test' }));
    const watcherAuth = bearer(await idp.sign({ oid: 'oid-watcher', name: 'Walt Watcher' }));
    const erinId = (await service.call('GET', '/directory/me', { auth: erin })).json.person.id as string;
    const subscribed = await service.call('PUT', '/presence/subscriptions', { auth: watcherAuth, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personIds: [erinId] }) });
    expect(subscribed.status).toBe(200);
    const watching = await openLive(service.url, watcherAuth);
    try {
      // The same name again changes nothing; a new one (she married) is news.
      expect((await service.token(erin)).json.displayName).toBe('Erin Ortiz');
      const renamed = bearer(await idp.sign({ oid: 'oid-erin', name: 'Erin Ortiz-Vega', email: 'erin@contoso.test' }));
      expect((await service.token(renamed)).json.displayName).toBe('Erin Ortiz-Vega');
      const event = await watching.waitFor((m) => m.event === 'directory', 5_000);
      expect(JSON.parse(event.data)).toEqual({ personId: erinId, change: 'updated' });
      const found = await service.call('GET', '/directory/search?q=vega', { auth: watcherAuth });
      expect(found.json.people.map((p: { displayName: string }) => p.displayName)).toEqual(['Erin Ortiz-Vega']);
      expect(watching.events().filter((m) => m.event === 'directory')).toHaveLength(1);
    } finally {
      watching.close();
    }
  });

  it('returns the display name from the validated token: name, else preferred_username, else email', async () => {
    const named = await service.token(bearer(await idp.sign({ oid: 'oid-dora', name: 'Dora Díaz', preferred_username: 'dora@contoso.test' })));
    expect(named.json.displayName).toBe('Dora Díaz');
    const username = await service.token(bearer(await idp.sign({ oid: 'oid-dora', preferred_username: 'dora@contoso.test', email: 'd@contoso.test' })));
    expect(username.json.displayName).toBe('dora@contoso.test');
    const email = await service.token(bearer(await idp.sign({ oid: 'oid-dora', email: 'd@contoso.test' })));
    expect(email.json.displayName).toBe('d@contoso.test');
    // Bidi overrides (spoofing) are dropped; nothing usable means no name, not a broken one.
    const spoof = await service.token(bearer(await idp.sign({ oid: 'oid-dora', name: 'Eve\u202Egnp.exe' })));
    expect(spoof.json.displayName).toBe('Evegnp.exe');
    const none = await service.token(bearer(await idp.sign({ oid: 'oid-dora', name: '\u0007' })));
    expect(none.json.displayName).toBe('');
  });

  it('puts OIDC users in the issuer\'s organisation, with the e-mail from email or preferred_username', async () => {
    const auth = bearer(await idp.sign({ oid: 'oid-erik', name: 'Erik Ødegaard', preferred_username: 'Erik@Contoso.test' }));
    const me = await service.call('GET', '/directory/me', { auth });
    expect(me.json.person).toMatchObject({ displayName: 'Erik Ødegaard', email: 'Erik@Contoso.test' });
    const found = await service.call('GET', '/directory/search?q=odeg', { auth });
    expect(found.json.people.map((p: { id: string }) => p.id)).toEqual([me.json.person.id]);
    const person = await service.people.findById(me.json.person.id);
    expect(person!.org).toBe(idp.issuer);
    // A later sign-in with another name updates the entry; a UPN that is no address is not an e-mail.
    const renamed = bearer(await idp.sign({ oid: 'oid-erik', name: 'Erik Ø.', preferred_username: 'erik' }));
    expect((await service.call('GET', '/directory/me', { auth: renamed })).json.person).toMatchObject({ displayName: 'Erik Ø.', email: 'Erik@Contoso.test' });
  });

  it('signs out an OIDC user by revoking their tokens', async () => {
    const auth = bearer(await idp.sign({ oid: 'oid-carl' }));
    const { json } = await service.token(auth);
    expect((await service.signOut(auth)).status).toBe(204);
    expect(await acs.tokenIsValid(json.token)).toBe(false);
  });

  const refusals: Array<[string, () => Promise<string>, RegExp]> = [
    ['an expired token', () => idp.sign({}, { expiresInSeconds: -120 }), /expired/],
    ['a token from a foreign issuer', () => idp.sign({}, { issuer: 'https://login.example.net/other-tenant/v2.0' }), /not valid/],
    ['a token for another audience', () => idp.sign({}, { audience: 'api://some-other-api' }), /not valid/],
    ['a token signed by a key not in the JWKS', () => idp.sign({}, { key: 'untrusted' }), /not valid/],
    ['an unsigned (alg none) token', async () => new UnsecuredJWT({ oid: 'x' }).setIssuer(idp.issuer).setAudience(idp.audience).setExpirationTime('1h').encode(), /not valid/],
    [
      'an HS256 token (algorithm confusion)',
      () => new SignJWT({ oid: 'x' }).setProtectedHeader({ alg: 'HS256', kid: 'test-key-1' }).setIssuer(idp.issuer).setAudience(idp.audience).setExpirationTime('1h').sign(new TextEncoder().encode('s'.repeat(32))),
      /not valid/,
    ],
    ['a token with a tampered payload', async () => {
      const [header, , signature] = (await idp.sign({ oid: 'mallory' })).split('.');
      const payload = Buffer.from(JSON.stringify({ oid: 'admin', iss: idp.issuer, aud: idp.audience, exp: 4102444800 })).toString('base64url');
      return `${header}.${payload}.${signature}`;
    }, /not valid/],
    ['garbage', async () => 'not.a.jwt', /not valid/],
    ['a token without a user claim', () => idp.sign({ oid: undefined, sub: undefined }), /does not identify a user/],
  ];
  for (const [name, make, message] of refusals) {
    it(`refuses ${name} with 401`, async () => {
      const before = acs.requests.length;
      const response = await service.token(bearer(await make()));
      expect(response.status).toBe(401);
      expect(response.json.error).toEqual({ code: 'unauthorized', message: expect.stringMatching(message) });
      expect(acs.requests.length).toBe(before);
    });
  }

  it('accepts a token that expired within the clock tolerance', async () => {
    expect((await service.token(bearer(await idp.sign({ oid: 'oid-skewed' }, { expiresInSeconds: -20 }))))).toMatchObject({ status: 200 });
  });

  it('never logs the bearer token, the user id or the ACS token', async () => {
    const bearerToken = await idp.sign({ oid: 'oid-private-person' });
    const { json } = await service.token(bearer(bearerToken));
    const logs = service.log.text();
    expect(logs).toContain('"route":"/token"');
    for (const secret of [bearerToken, json.token, 'oid-private-person', 'eyJ']) expect(logs).not.toContain(secret);
  });

  it('fetches the issuer\'s keys once, not per request', async () => {
    const fetches = idp.jwksFetches();
    for (let i = 0; i < 5; i += 1) await service.token(bearer(await idp.sign({ oid: 'oid-dora' })));
    expect(idp.jwksFetches()).toBe(fetches);
  });
});

describe('OIDC options', () => {
  it('answers 403 when a required scope is missing, 200 when present (scp or roles)', async () => {
    const strict = await startInProcessTokenService(acs, {
      OIDC_ISSUER: idp.issuer,
      OIDC_AUDIENCE: `other,${idp.audience}`,
      OIDC_JWKS_URI: idp.jwksUri,
      OIDC_REQUIRED_SCOPE: 'Softphone.Use',
    });
    try {
      const missing = await strict.token(bearer(await idp.sign({ scp: 'User.Read' })));
      expect(missing.status).toBe(403);
      expect(missing.json.error.code).toBe('forbidden');
      expect((await strict.token(bearer(await idp.sign({ scp: 'User.Read Softphone.Use' })))).status).toBe(200);
      expect((await strict.token(bearer(await idp.sign({ scp: undefined, roles: ['Softphone.Use'] })))).status).toBe(200);
    } finally {
      await strict.stop();
    }
  });

  it('uses a configured user claim', async () => {
    const byUpn = await startInProcessTokenService(acs, { OIDC_ISSUER: idp.issuer, OIDC_AUDIENCE: idp.audience, OIDC_USER_CLAIM: 'preferred_username' });
    try {
      const a = await byUpn.token(bearer(await idp.sign({ oid: 'o1', preferred_username: 'pat@contoso.com' })));
      const b = await byUpn.token(bearer(await idp.sign({ oid: 'o2', preferred_username: 'pat@contoso.com' })));
      expect(b.json.communicationUserId).toBe(a.json.communicationUserId);
      expect((await byUpn.token(bearer(await idp.sign({ oid: 'o3' })))).status).toBe(401);
    } finally {
      await byUpn.stop();
    }
  });

  it('answers 503 with Retry-After when the issuer\'s keys cannot be fetched', async () => {
    const dead = await startInProcessTokenService(acs, {
      OIDC_ISSUER: idp.issuer,
      OIDC_AUDIENCE: idp.audience,
      OIDC_JWKS_URI: 'http://127.0.0.1:1/keys',
      ACS_RETRY_AFTER_SECONDS: '12',
    });
    try {
      const response = await dead.token(bearer(await idp.sign()));
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('12');
    } finally {
      await dead.stop();
    }
  });
});
