/**
 * Directory search at 50,000 people: fills a temporary database through the real store with
 * realistic names (accents included), then prints p50/p95/p99 of a few query shapes, for the
 * store call alone and through the service (Fastify `inject`: guard, validation, JSON). Figures
 * only; nothing is asserted.
 *
 *   npx tsx org-service/scripts/bench-directory.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AcsIdentityGateway } from '../src/acs/acs-identity-gateway.js';
import { buildApp } from '../src/app.js';
import { ApiKeyStore } from '../src/auth/api-key-store.js';
import { createAuthenticator } from '../src/auth/authenticate.js';
import { PeopleStore } from '../src/directory/people-store.js';
import { createLogger } from '../src/logger.js';
import { openStore } from '../src/store/database.js';

const people = 50_000;
const org = 'contoso';
const first = ['José', 'María', 'Ana', 'Łukasz', 'Zoë', 'Jürgen', 'François', 'Søren', 'Ngozi', 'Hiroshi', 'Priya', 'Mohammed', 'Chloé', 'Björn', 'Aoife', 'Dmitri', 'Inés', 'Ömer', 'Wei', 'Olga', 'Jean-Luc', 'Siobhán', 'Tomás', 'Élodie', 'Kwame', 'Ana María', 'Nuño', 'Håkon', 'Leilani', 'Rafał'];
const last = ['Álvarez', 'García', 'Müller', 'Nowak', 'Ångström', 'Dubois', 'Østergaard', 'Okafor', 'Tanaka', 'Patel', 'Haddad', 'Martín', 'Lefèvre', 'Öztürk', 'Kowalczyk', 'Ní Bhriain', 'Rossi', 'Schäfer', 'Ivanova', 'Fernández', 'Nakamura', 'Jørgensen', 'Papadopoulos', 'Şahin', 'Čapek', "O'Brien", 'van der Berg', 'Mensah', 'Dvořák', 'Zhang'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
function report(label: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const f = (n: number) => `${n.toFixed(2)} ms`.padStart(10);
  process.stdout.write(`${label.padEnd(44)} p50 ${f(percentile(sorted, 50))}  p95 ${f(percentile(sorted, 95))}  p99 ${f(percentile(sorted, 99))}\n`);
}

const dir = mkdtempSync(join(tmpdir(), 'bench-directory-'));
const store = await openStore(join(dir, 'directory.sqlite'));
try {
  const directory = new PeopleStore(store);
  const started = performance.now();
  for (let batch = 0; batch < people; batch += 1000) {
    const entries = Array.from({ length: Math.min(1000, people - batch) }, (_, i) => {
      const n = batch + i;
      const given = first[n % first.length]!;
      const family = last[Math.floor(n / first.length) % last.length]!;
      const email = `${given}.${family}.${n}@contoso.com`.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^\w.@-]/g, '').toLowerCase();
      return { displayName: `${given} ${family}`, email, kind: 'person' as const };
    });
    await directory.importPeople(org, entries);
  }
  process.stdout.write(`Directory search with ${people.toLocaleString('en')} people (filled in ${Math.round(performance.now() - started)} ms)\n`);

  const shapes: Array<[string, string]> = [
    ['everyone (empty q), first page', ''],
    ['one letter: "a"', 'a'],
    ['a common first name: "jose"', 'jose'],
    ['accented prefix: "álv"', 'álv'],
    ['two words: "ana gar"', 'ana gar'],
    ['e-mail prefix: "maria.garcia.1"', 'maria.garcia.1'],
    ['no match: "zzzz"', 'zzzz'],
  ];
  const rounds = 200;

  for (const [label, q] of shapes) {
    const samples: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      const t = performance.now();
      await directory.search(org, { q, limit: 20 });
      samples.push(performance.now() - t);
    }
    report(`store   ${label}`, samples);
  }

  // Deep paging: page 50 of "a" through the cursor costs the same as page 1 (keyset).
  let after;
  for (let page = 0; page < 50; page += 1) after = (await directory.search(org, { q: 'a', limit: 20, after })).next ?? undefined;
  const deep: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const t = performance.now();
    await directory.search(org, { q: 'a', limit: 20, after });
    deep.push(performance.now() - t);
  }
  report('store   "a", page 51 (cursor)', deep);

  const silent = createLogger(() => undefined, 'error');
  const noAcs: AcsIdentityGateway = {
    endpoint: 'https://bench.communication.azure.com/',
    createUser: async () => Promise.reject(new Error('not used')),
    issueToken: async () => Promise.reject(new Error('not used')),
    revokeTokens: async () => undefined,
    deleteUser: async () => undefined,
  };
  const apiKeys = new ApiKeyStore(store);
  const { key } = await apiKeys.create('bench@contoso.com', org);
  const app = await buildApp({
    authenticate: createAuthenticator({ apiKeys }),
    store,
    acs: noAcs,
    log: silent,
    tokenLifetimeMinutes: 60,
    acsTimeoutMs: 10_000,
    rateLimits: { perUserPerMinute: 1_000_000, directoryPerUserPerMinute: 1_000_000, perIpPerMinute: 1_000_000 },
  });
  for (const [label, q] of shapes) {
    const samples: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      const t = performance.now();
      const response = await app.inject({ method: 'GET', url: `/directory/search?q=${encodeURIComponent(q)}&limit=20`, headers: { authorization: `ApiKey ${key}` } });
      samples.push(performance.now() - t);
      if (response.statusCode !== 200) throw new Error(`search answered ${response.statusCode}`);
    }
    report(`service ${label}`, samples);
  }
  await app.close();
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
