/**
 * Live-channel benchmark (prints figures, asserts nothing):
 * 1. the service's memory with BENCH_LIVE_CONNECTIONS (default 10,000) idle SSE streams open on
 *    one service process: RSS before and after, and per connection;
 * 2. presence change → another client's receipt, p50/p95 over BENCH_LIVE_CHANGES (default 300)
 *    changes, with those streams still open.
 * The service runs as a real process (`cli.ts serve`, against the fake ACS); the streams are
 * opened by a separate child process over plain sockets on 127.0.0.1, at most 200 at a time.
 * Everything stops by itself (the client child within BENCH_LIVE_TIMEOUT_SECONDS, default 180).
 * Each process needs a file descriptor per stream: raise `ulimit -n` above the count if it says so.
 *
 * Run: npx tsx org-service/scripts/bench-live.ts
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiKeyStore } from '../src/auth/api-key-store.js';
import { openStore } from '../src/store/database.js';
import { startFakeAcsIdentity } from '../test/fixtures/fake-acs-identity/index.js';
import { openSse } from '../test/fixtures/sse-client.js';
import { startTokenServiceProcess } from '../test/fixtures/token-service-process.js';

const perUser = 5;
const timeoutSeconds = Number(process.env.BENCH_LIVE_TIMEOUT_SECONDS ?? 180);

/** The child: opens the streams, reports `opened <n> failed <n>` on stdout, holds them until stdin closes. */
async function client(): Promise<void> {
  const [, , , url, keysFile] = process.argv;
  const keys = readFileSync(keysFile!, 'utf8').trim().split('\n');
  const { hostname, port } = new URL(url!);
  const hardStop = setTimeout(() => process.exit(2), timeoutSeconds * 1000);
  hardStop.unref();
  const total = keys.length * perUser;
  const sockets: import('node:net').Socket[] = [];
  let opened = 0;
  let failed = 0;
  const openOne = (key: string) =>
    new Promise<void>((resolve) => {
      const socket = connect({ host: hostname, port: Number(port) });
      let seen = '';
      const done = (ok: boolean) => {
        if (ok) opened += 1;
        else failed += 1;
        resolve();
      };
      socket.once('error', () => done(false));
      socket.on('data', function onData(chunk) {
        seen += chunk.toString('latin1');
        if (seen.includes('event: hello')) {
          socket.off('data', onData);
          // Keep reading (heartbeats) but hold nothing.
          socket.on('data', () => undefined);
          sockets.push(socket);
          done(seen.startsWith('HTTP/1.1 200'));
        } else if (seen.includes('\r\n\r\n') && !seen.startsWith('HTTP/1.1 200')) {
          socket.destroy();
          done(false);
        }
      });
      socket.write(`GET /events HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: ApiKey ${key}\r\nAccept: text/event-stream\r\n\r\n`);
    });
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const index = next++;
      await openOne(keys[index % keys.length]!);
    }
  };
  await Promise.all(Array.from({ length: 200 }, worker));
  process.stdout.write(`opened ${opened} failed ${failed}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('close', () => process.exit(0));
}

function rssKiB(pid: number): number {
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
}

function fdLimit(): number {
  const value = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
  return value === 'unlimited' ? Infinity : Number(value);
}

const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main(): Promise<void> {
  let connections = Number(process.env.BENCH_LIVE_CONNECTIONS ?? 10_000);
  const changes = Number(process.env.BENCH_LIVE_CHANGES ?? 300);
  const limit = fdLimit();
  if (limit < connections + 500) {
    const fitted = Math.max(perUser, Math.floor((limit - 500) / perUser) * perUser);
    console.log(`ulimit -n is ${limit}: opening ${fitted} streams instead of ${connections}. Raise it (ulimit -n ${connections + 1000}) for the full run.`);
    connections = fitted;
  }
  const users = Math.ceil(connections / perUser);

  const dir = mkdtempSync(join(tmpdir(), 'bench-live-'));
  const databasePath = join(dir, 'org.sqlite');
  const store = await openStore(databasePath);
  const apiKeys = new ApiKeyStore(store);
  const keys: string[] = [];
  for (let i = 0; i < users; i += 1) keys.push((await apiKeys.create(`bench-${i}@example.com`)).key);
  const watcherKey = (await apiKeys.create('bench-watcher@example.com')).key;
  const changerKey = (await apiKeys.create('bench-changer@example.com')).key;
  await store.close();
  const keysFile = join(dir, 'keys.txt');
  writeFileSync(keysFile, keys.join('\n'));

  const acs = await startFakeAcsIdentity();
  const service = await startTokenServiceProcess({
    acs,
    databasePath,
    env: {
      // Idle streams: nobody sends client heartbeats during the run, so they must not time out.
      LIVE_HEARTBEAT_SECONDS: '300',
      RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
      RATE_LIMIT_DIRECTORY_PER_USER_PER_MINUTE: '100000',
    },
  });
  const pid = service.child.pid!;
  let child: ReturnType<typeof spawn> | undefined;
  try {
    const call = (method: string, path: string, key: string, body?: unknown) =>
      fetch(`${service.url}${path}`, {
        method,
        headers: { authorization: `ApiKey ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      }).then(async (response) => ({ status: response.status, json: (await response.text().then((t) => (t ? JSON.parse(t) : undefined))) as any }));
    // Warm up the routes once, then the baseline.
    const changerId = (await call('GET', '/directory/me', changerKey)).json.person.id as string;
    await call('PUT', '/presence/subscriptions', watcherKey, { personIds: [changerId] });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const before = rssKiB(pid);

    const started = Date.now();
    child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--client', service.url, keysFile], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, BENCH_LIVE_TIMEOUT_SECONDS: String(timeoutSeconds) },
    });
    keys.length = 0;
    const report = await new Promise<string>((resolve, reject) => {
      let out = '';
      child!.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('\n')) resolve(out.trim());
      });
      child!.once('exit', (code) => reject(new Error(`client exited with ${code} before reporting`)));
    });
    const openSeconds = (Date.now() - started) / 1000;
    const opened = Number(/opened (\d+)/.exec(report)![1]);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const after = rssKiB(pid);

    // Latency with all those streams open.
    const watcher = await openSse(`${service.url}/events`, { authorization: `ApiKey ${watcherKey}` });
    const changer = await openSse(`${service.url}/events`, { authorization: `ApiKey ${changerKey}` });
    await watcher.waitFor((m) => m.event === 'presence');
    const statuses = ['busy', 'away', 'available'];
    const latencies: number[] = [];
    for (let i = 0; i < changes; i += 1) {
      const seen = watcher.events().length;
      const t0 = performance.now();
      await call('PUT', '/presence', changerKey, { status: statuses[i % statuses.length] });
      await watcher.waitFor((m) => m.event === 'presence' && watcher.events().indexOf(m) >= seen, 5000);
      latencies.push(performance.now() - t0);
    }
    latencies.sort((x, y) => x - y);
    const afterLatency = rssKiB(pid);
    watcher.close();
    changer.close();

    console.log('\nLive channel (one service process, SSE on 127.0.0.1)');
    console.log(`  streams opened:            ${opened} of ${connections} (${report}), in ${openSeconds.toFixed(1)} s`);
    console.log(`  service RSS before:        ${mib(before)}`);
    console.log(`  service RSS with streams:  ${mib(after)}   (goal < 1024 MiB)`);
    console.log(`  per idle stream:           ${(((after - before) * 1024) / Math.max(1, opened) / 1024).toFixed(1)} KiB`);
    console.log(`  presence → receipt (${changes} changes, streams open): p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`);
    console.log(`  service RSS at the end:    ${mib(afterLatency)}`);
  } finally {
    child?.stdin?.end();
    child?.kill();
    await service.stop();
    await acs.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--client') await client();
else await main();
