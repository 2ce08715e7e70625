import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAcsIdentityGateway, type AcsIdentityGateway } from '../src/acs/acs-identity-gateway.js';
import { parseAcsConnectionString } from '../src/acs/connection-string.js';
import type { OrgUser } from '../src/auth/org-user.js';
import { PeopleStore } from '../src/directory/people-store.js';
import { openStore, type Store } from '../src/store/database.js';
import { IdentityProvisioner } from '../src/tokens/identity-provisioner.js';
import { startFakeAcsIdentity, type FakeAcsIdentity } from './fixtures/fake-acs-identity/index.js';
import { memoryLogger } from './fixtures/memory-logger.js';

let acs: FakeAcsIdentity;
let gateway: AcsIdentityGateway;
let dir: string;

beforeAll(async () => {
  acs = await startFakeAcsIdentity();
  gateway = createAcsIdentityGateway({
    connection: parseAcsConnectionString(acs.connectionString),
    timeoutMs: 5_000,
    maxRetries: 0,
    defaultRetryAfterSeconds: 5,
    clientOptions: { tlsOptions: { ca: acs.caCertificate } },
  });
  dir = mkdtempSync(join(tmpdir(), 'provisioner-'));
});
afterAll(async () => {
  await acs.stop();
  rmSync(dir, { recursive: true, force: true });
});

const issuer = 'https://login.example.com/t/v2.0';
const user = (subject: string): OrgUser => ({ issuer, subject, org: issuer });
/** The person of a sign-in, as the guard resolves it on every request. */
const personOf = async (store: Store, signIn: OrgUser) => (await new PeopleStore(store).resolveSignIn(signIn)).id;

describe('IdentityProvisioner', () => {
  it('keeps the identity across restarts (a new process on the same database)', async () => {
    const path = join(dir, 'restart.sqlite');
    const first = await openStore(path);
    const id = await new IdentityProvisioner(new PeopleStore(first), gateway, memoryLogger()).identityFor(await personOf(first, user('u1')));
    await first.close();
    const second = await openStore(path);
    const provisioner = new IdentityProvisioner(new PeopleStore(second), gateway, memoryLogger());
    const person = await personOf(second, user('u1'));
    expect(await provisioner.existing(person)).toBe(id);
    expect(await provisioner.identityFor(person)).toBe(id);
    await second.close();
  });

  it('scopes subjects by issuer', async () => {
    const store = await openStore(join(dir, 'issuers.sqlite'));
    const provisioner = new IdentityProvisioner(new PeopleStore(store), gateway, memoryLogger());
    const a = await provisioner.identityFor(await personOf(store, { issuer: 'https://a.example/', subject: 'same', org: 'https://a.example/' }));
    const b = await provisioner.identityFor(await personOf(store, { issuer: 'https://b.example/', subject: 'same', org: 'https://b.example/' }));
    expect(a).not.toBe(b);
    await store.close();
  });

  it('when two connections race to provision one person, stores one identity, gives both the winner, and deletes the spare', async () => {
    const path = join(dir, 'race.sqlite');
    const logA = memoryLogger();
    const logB = memoryLogger();
    // Two connections = two service processes sharing the file; each has its own single-flight map.
    // (Two processes signing in for the first time at once: token-service-process.test.ts.)
    const storeA = await openStore(path);
    const storeB = await openStore(path);
    const person = await personOf(storeA, user('racer'));
    expect(await personOf(storeB, user('racer'))).toBe(person);
    const a = new IdentityProvisioner(new PeopleStore(storeA), gateway, logA);
    const b = new IdentityProvisioner(new PeopleStore(storeB), gateway, logB);
    acs.createUserDelayMs = 100;
    const before = acs.requests.filter((r) => r.operation === 'createUser').length;
    const results = await Promise.all([...Array.from({ length: 5 }, () => a.identityFor(person)), ...Array.from({ length: 5 }, () => b.identityFor(person))]);
    acs.createUserDelayMs = 0;
    expect(new Set(results).size).toBe(1);
    const winner = results[0]!;
    expect(acs.requests.filter((r) => r.operation === 'createUser').length - before).toBe(2);
    const deletions = acs.requests.filter((r) => r.operation === 'deleteUser');
    expect(deletions).toHaveLength(1);
    expect(deletions[0]!.communicationUserId).not.toBe(winner);
    expect(acs.identities.has(winner)).toBe(true);
    expect(acs.identities.has(deletions[0]!.communicationUserId!)).toBe(false);
    const rows = await storeA.db.selectFrom('people').select(['id', 'communication_user_id']).where('subject', '=', 'racer').execute();
    expect(rows).toEqual([{ id: person, communication_user_id: winner }]);
    expect([...logA.lines, ...logB.lines].filter((l) => l.message.startsWith('lost a first sign-in race'))).toHaveLength(1);
    await storeA.close();
    await storeB.close();
  });

  it('still answers with the winner when deleting the spare identity fails', async () => {
    const store = await openStore(join(dir, 'spare.sqlite'));
    const people = new PeopleStore(store);
    const person = await personOf(store, user('late'));
    const log = memoryLogger();
    // Another process stores its identity while ours is being created.
    const racingAcs: AcsIdentityGateway = {
      ...gateway,
      createUser: async () => {
        await people.claimIdentity(person, '8:acs:winner');
        return '8:acs:spare';
      },
      deleteUser: async () => Promise.reject(new Error('ACS down')),
    };
    const provisioner = new IdentityProvisioner(people, racingAcs, log);
    await expect(provisioner.identityFor(person)).resolves.toBe('8:acs:winner');
    expect(log.lines.some((l) => l.message.startsWith('could not delete the spare'))).toBe(true);
    await store.close();
  });

  it('lets the next sign-in try again after a failed creation (no poisoned single-flight)', async () => {
    const store = await openStore(join(dir, 'retry.sqlite'));
    const provisioner = new IdentityProvisioner(new PeopleStore(store), gateway, memoryLogger());
    const person = await personOf(store, user('retry'));
    acs.fail({ status: 503, times: 1, operation: 'createUser' });
    await expect(provisioner.identityFor(person)).rejects.toMatchObject({ status: 503 });
    await expect(provisioner.identityFor(person)).resolves.toMatch(/^8:acs:/);
    await store.close();
  });
});

describe('PeopleStore.claimIdentity', () => {
  it('refuses to give two people one ACS identity, and keeps the first identity of a person', async () => {
    const store = await openStore(':memory:');
    const people = new PeopleStore(store);
    const x = await personOf(store, user('x'));
    const y = await personOf(store, user('y'));
    await people.claimIdentity(x, '8:acs:one');
    await expect(people.claimIdentity(y, '8:acs:one')).rejects.toThrow(/UNIQUE/);
    expect(await people.communicationUserIdOf(y)).toBeNull();
    expect(await people.claimIdentity(x, '8:acs:two')).toBe('8:acs:one');
    await store.close();
  });
});
