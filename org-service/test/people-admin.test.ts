import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyStore } from '../src/auth/api-key-store.js';
import { apiKeyIssuer } from '../src/auth/org-user.js';
import { generateApiKey } from '../src/auth/api-keys.js';
import { PeopleStore } from '../src/directory/people-store.js';
import { openStore } from '../src/store/database.js';
import { adminCli } from './fixtures/admin-cli.js';
import { startFakeAcsIdentity, type FakeAcsIdentity } from './fixtures/fake-acs-identity/index.js';
import { startTokenServiceProcess, type TokenServiceProcess } from './fixtures/token-service-process.js';

let acs: FakeAcsIdentity;
let dir: string;
beforeAll(async () => {
  acs = await startFakeAcsIdentity();
  dir = mkdtempSync(join(tmpdir(), 'people-admin-'));
});
afterAll(async () => {
  await acs.stop();
  rmSync(dir, { recursive: true, force: true });
});

const token = (service: TokenServiceProcess, key: string) => fetch(`${service.url}/token`, { method: 'POST', headers: { authorization: `ApiKey ${key}` } });

describe('a database made by the first release (PRAGMA user_version = 1)', () => {
  it('is adopted: its API keys still sign in and its users keep their ACS identities', async () => {
    const path = join(dir, 'old.sqlite');
    const old = new Sqlite(path);
    // The first release's schema, verbatim.
    old.exec(`CREATE TABLE identity_mappings (
       issuer TEXT NOT NULL, subject TEXT NOT NULL, communication_user_id TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,
       PRIMARY KEY (issuer, subject)) STRICT;
     CREATE TABLE api_keys (
       key_id TEXT PRIMARY KEY, user_name TEXT NOT NULL, secret_sha256 TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT, last_used_at TEXT) STRICT;`);
    old.pragma('user_version = 1');
    const { key, keyId, secretSha256 } = generateApiKey();
    old.prepare('INSERT INTO api_keys (key_id, user_name, secret_sha256, created_at) VALUES (?, ?, ?, ?)').run(keyId, 'alice@contoso.com', secretSha256, '2026-01-01T00:00:00.000Z');
    const alice = (await acs.createUserAndToken()).communicationUserId;
    const oidcUser = (await acs.createUserAndToken()).communicationUserId;
    const insert = old.prepare('INSERT INTO identity_mappings (issuer, subject, communication_user_id, created_at) VALUES (?, ?, ?, ?)');
    insert.run(apiKeyIssuer, 'alice@contoso.com', alice, '2026-01-01T00:00:00.000Z');
    insert.run('https://login.example.com/t/v2.0', 'oid-1', oidcUser, '2026-01-02T00:00:00.000Z');
    old.close();

    const store = await openStore(path);
    expect(await new ApiKeyStore(store).verify(key)).toEqual({ user: 'alice@contoso.com', org: 'default' });
    const people = new PeopleStore(store);
    expect(await people.findBySignIn({ issuer: apiKeyIssuer, subject: 'alice@contoso.com' })).toMatchObject({
      org: 'default',
      displayName: 'alice@contoso.com',
      email: 'alice@contoso.com',
      communicationUserId: alice,
    });
    expect(await people.findBySignIn({ issuer: 'https://login.example.com/t/v2.0', subject: 'oid-1' })).toMatchObject({
      org: 'https://login.example.com/t/v2.0',
      communicationUserId: oidcUser,
    });
    expect((await people.search('default', { q: 'alice', limit: 5 })).people).toHaveLength(1);
    await store.close();
    // Opening again runs nothing twice.
    await (await openStore(path)).close();

    // And the real service on it answers the old key with the old identity.
    const service = await startTokenServiceProcess({ acs, databasePath: path });
    try {
      const response = await token(service, key);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { communicationUserId: string }).communicationUserId).toBe(alice);
    } finally {
      await service.stop();
    }
  }, 60_000);
});

describe('two service processes on one database', () => {
  it('give a user one person and one ACS identity when their first sign-ins reach both at once', async () => {
    const first = await startTokenServiceProcess({ acs });
    const second = await startTokenServiceProcess({ acs, databasePath: first.databasePath });
    try {
      const key = first.createApiKey('twice@contoso.com');
      acs.createUserDelayMs = 200;
      const created = acs.requests.filter((r) => r.operation === 'createUser').length;
      const deleted = acs.requests.filter((r) => r.operation === 'deleteUser').length;
      const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => token(i % 2 ? second : first, key)));
      acs.createUserDelayMs = 0;
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
      const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { communicationUserId: string }).communicationUserId)));
      expect(ids.size).toBe(1);
      // Each process made at most one; a spare was deleted, so nothing is left orphaned.
      const made = acs.requests.filter((r) => r.operation === 'createUser').length - created;
      expect(made).toBeLessThanOrEqual(2);
      expect(acs.requests.filter((r) => r.operation === 'deleteUser').length - deleted).toBe(made - 1);
      const store = await openStore(first.databasePath);
      try {
        const rows = await store.db.selectFrom('people').select('communication_user_id').where('subject', '=', 'twice@contoso.com').execute();
        expect(rows).toEqual([{ communication_user_id: [...ids][0] }]);
      } finally {
        await store.close();
      }
    } finally {
      acs.createUserDelayMs = 0;
      await second.stop();
      await first.stop();
    }
  }, 60_000);
});

describe('admin CLI for people', () => {
  it('imports a CSV, gives each new person an ACS identity, re-imports names only, lists, disables and enables', async () => {
    const service = await startTokenServiceProcess({ acs });
    const env = { TOKEN_SERVICE_DB: service.databasePath, ACS_CONNECTION_STRING: acs.connectionString, NODE_EXTRA_CA_CERTS: acs.caFile };
    try {
      const file = join(dir, 'people.csv');
      writeFileSync(file, '\uFEFFdisplayName,email,kind\n"Álvarez, José",jose@contoso.com,person\nFront desk,desk@contoso.com,sharedLine\n\nAna López,ana@contoso.com,\n');
      const imported = await adminCli(['import-people', file, '--org', 'contoso'], env);
      expect(imported.stderr).toBe('');
      expect(imported).toMatchObject({ code: 0, stdout: expect.stringContaining('3 added, 0 renamed, 3 ACS identities created') });
      const listed = (await adminCli(['list-people', '--org', 'contoso'], env)).stdout.trim().split('\n');
      expect(listed).toHaveLength(3);
      expect(listed.every((line) => line.includes('\tidentity\tenabled'))).toBe(true);
      expect(listed.find((line) => line.includes('desk@contoso.com'))).toContain('\tsharedLine\t');

      const store = await openStore(service.databasePath);
      const people = new PeopleStore(store);
      const jose = (await people.findByEmail('jose@contoso.com', 'contoso'))[0]!;
      expect(acs.identities.has(jose.communicationUserId!)).toBe(true);

      writeFileSync(file, 'email,displayName\nJOSE@contoso.com,José Álvarez\nana@contoso.com,Ana López\n');
      const again = await adminCli(['import-people', file, '--org', 'contoso'], env);
      expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining('0 added, 1 renamed, 0 ACS identities created') });
      expect((await people.findById(jose.id))).toMatchObject({ displayName: 'José Álvarez', email: 'jose@contoso.com', communicationUserId: jose.communicationUserId });

      // The imported person signs in with a key of the same org and is the imported entry.
      const key = service.createApiKey('jose@contoso.com', 'contoso');
      const signedIn = (await (await token(service, key)).json()) as { communicationUserId: string };
      expect(signedIn.communicationUserId).toBe(jose.communicationUserId);

      expect(await adminCli(['disable-person', 'jose@contoso.com'], env)).toMatchObject({ code: 0, stdout: expect.stringContaining(`${jose.id} disabled`) });
      const refused = await token(service, key);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/disabled/);
      expect((await adminCli(['list-people'], env)).stdout).toMatch(new RegExp(`${jose.id}.*disabled`));
      expect(await adminCli(['enable-person', jose.id], env)).toMatchObject({ code: 0 });
      expect((await token(service, key)).status).toBe(200);
      expect(await adminCli(['disable-person', 'nobody@contoso.com'], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/No person/) });
      await store.close();
    } finally {
      await service.stop();
    }
  }, 90_000);

  it('stores nothing from a file with a bad line, and names every bad line and why', async () => {
    const path = join(dir, 'bad.sqlite');
    const env = { TOKEN_SERVICE_DB: path, ACS_CONNECTION_STRING: acs.connectionString, NODE_EXTRA_CA_CERTS: acs.caFile };
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'displayName,email\nGood Person,good@contoso.com\nNo Mail,not-an-address\n,empty@contoso.com\nTwice,GOOD@contoso.com\nBot,bot@contoso.com\n');
    const before = acs.requests.length;
    const result = await adminCli(['import-people', file], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Nothing was imported');
    expect(result.stderr).toContain('line 3: email is not an e-mail address');
    expect(result.stderr).toContain('line 4: displayName is empty');
    expect(result.stderr).toContain('line 5: email is already on line 2');
    expect(result.stderr).not.toContain('line 6');
    expect(acs.requests.length).toBe(before);
    for (const [content, message] of [
      ['name,email\nA,a@contoso.com\n', /line 1: unknown column "name"/],
      ['displayName\nA\n', /line 1: the header must name a email column/],
      ['displayName,email,kind\nA,a@contoso.com,robot\n', /line 2: kind must be one of person, bot, sharedLine/],
      ['displayName,email\n"A,a@contoso.com\n', /not valid CSV/],
      ['displayName,email\nA,a@contoso.com,extra\n', /line 2: not valid CSV/],
    ] as const) {
      writeFileSync(file, content);
      expect((await adminCli(['import-people', file], env)).stderr).toMatch(message);
    }
    const store = await openStore(path);
    expect(await new PeopleStore(store).list()).toEqual([]);
    await store.close();
    expect(await adminCli(['import-people', join(dir, 'missing.csv')], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/Cannot read/) });
    expect(await adminCli(['import-people'], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/Usage: import-people/) });
    expect(await adminCli(['list-people', '--nope'], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/Usage: list-people/) });
  }, 90_000);
});
