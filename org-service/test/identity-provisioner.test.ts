import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAcsIdentityGateway, type AcsIdentityGateway } from '../src/acs/acs-identity-gateway.js';
import { parseAcsConnectionString } from '../src/acs/connection-string.js';
import { IdentityProvisioner } from '../src/identity-provisioner.js';
import { openDatabase } from '../src/store/database.js';
import { IdentityMappingStore } from '../src/store/identity-store.js';
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

const user = (subject: string) => ({ issuer: 'https://login.example.com/t/v2.0', subject });

describe('IdentityProvisioner', () => {
  it('keeps the mapping across restarts (a new process on the same database)', async () => {
    const path = join(dir, 'restart.sqlite');
    const first = openDatabase(path);
    const id = await new IdentityProvisioner(new IdentityMappingStore(first), gateway, memoryLogger()).identityFor(user('u1'));
    first.close();
    const second = openDatabase(path);
    const provisioner = new IdentityProvisioner(new IdentityMappingStore(second), gateway, memoryLogger());
    expect(provisioner.existing(user('u1'))).toBe(id);
    expect(await provisioner.identityFor(user('u1'))).toBe(id);
    second.close();
  });

  it('scopes subjects by issuer', async () => {
    const db = openDatabase(join(dir, 'issuers.sqlite'));
    const provisioner = new IdentityProvisioner(new IdentityMappingStore(db), gateway, memoryLogger());
    const a = await provisioner.identityFor({ issuer: 'https://a.example/', subject: 'same' });
    const b = await provisioner.identityFor({ issuer: 'https://b.example/', subject: 'same' });
    expect(a).not.toBe(b);
    db.close();
  });

  it('when two processes race on one database, stores one identity, gives both the winner, and deletes the spare', async () => {
    const path = join(dir, 'race.sqlite');
    const logA = memoryLogger();
    const logB = memoryLogger();
    // Two connections = two service processes sharing the file; each has its own single-flight map.
    const dbA = openDatabase(path);
    const dbB = openDatabase(path);
    const a = new IdentityProvisioner(new IdentityMappingStore(dbA), gateway, logA);
    const b = new IdentityProvisioner(new IdentityMappingStore(dbB), gateway, logB);
    acs.createUserDelayMs = 100;
    const before = acs.requests.filter((r) => r.operation === 'createUser').length;
    const results = await Promise.all([...Array.from({ length: 5 }, () => a.identityFor(user('racer'))), ...Array.from({ length: 5 }, () => b.identityFor(user('racer')))]);
    acs.createUserDelayMs = 0;
    expect(new Set(results).size).toBe(1);
    const winner = results[0]!;
    expect(acs.requests.filter((r) => r.operation === 'createUser').length - before).toBe(2);
    const deletions = acs.requests.filter((r) => r.operation === 'deleteUser');
    expect(deletions).toHaveLength(1);
    expect(deletions[0]!.communicationUserId).not.toBe(winner);
    expect(acs.identities.has(winner)).toBe(true);
    expect(acs.identities.has(deletions[0]!.communicationUserId!)).toBe(false);
    expect(dbA.prepare('SELECT COUNT(*) AS n FROM identity_mappings WHERE subject = ?').get('racer')).toEqual({ n: 1 });
    expect([...logA.lines, ...logB.lines].filter((l) => l.message.startsWith('lost a first sign-in race'))).toHaveLength(1);
    dbA.close();
    dbB.close();
  });

  it('still answers with the winner when deleting the spare identity fails', async () => {
    const db = openDatabase(join(dir, 'spare.sqlite'));
    const store = new IdentityMappingStore(db);
    store.claim(user('late'), '8:acs:winner');
    const log = memoryLogger();
    const failingDelete: AcsIdentityGateway = { ...gateway, createUser: async () => '8:acs:spare', deleteUser: async () => Promise.reject(new Error('ACS down')) };
    // Another process writes the row between our lookup and our claim: the lookup misses.
    const racyStore = Object.assign(Object.create(store) as IdentityMappingStore, { find: () => undefined });
    const provisioner = new IdentityProvisioner(racyStore, failingDelete, log);
    await expect(provisioner.identityFor(user('late'))).resolves.toBe('8:acs:winner');
    expect(log.lines.some((l) => l.message.startsWith('could not delete the spare'))).toBe(true);
    db.close();
  });

  it('lets the next sign-in try again after a failed creation (no poisoned single-flight)', async () => {
    const db = openDatabase(join(dir, 'retry.sqlite'));
    const provisioner = new IdentityProvisioner(new IdentityMappingStore(db), gateway, memoryLogger());
    acs.fail({ status: 503, times: 1, operation: 'createUser' });
    await expect(provisioner.identityFor(user('retry'))).rejects.toMatchObject({ status: 503 });
    await expect(provisioner.identityFor(user('retry'))).resolves.toMatch(/^8:acs:/);
    db.close();
  });
});

describe('IdentityMappingStore', () => {
  it('refuses to map two users to one ACS identity', () => {
    const db = openDatabase(':memory:');
    const store = new IdentityMappingStore(db);
    store.claim(user('x'), '8:acs:one');
    expect(() => store.claim(user('y'), '8:acs:one')).toThrow(/UNIQUE/);
    expect(store.find(user('y'))).toBeUndefined();
    expect(store.claim(user('x'), '8:acs:two')).toBe('8:acs:one');
    db.close();
  });
});
