/**
 * Presence benchmark, the whole path (prints figures, asserts nothing): José's desktop changes
 * his presence; how long until Beatriz's People screen shows it? Two desktops as in the e2e
 * tests — the built renderer in headless Chromium twice, each with its own real main services —
 * signed in to the REAL org-service process (in front of the fake ACS). One change is:
 * José's `presence:set` → his main publishes (PUT /presence) → the service → Beatriz's live
 * channel (SSE) → her main → the bridge event → her renderer's store → the dot's new label in the
 * DOM. Prints p50/p95/max over BENCH_PRESENCE_CHANGES (default 60) changes, one at a time and
 * 1.1 s apart: main publishes a change at once after a quiet second and holds a burst to one
 * request a second (main/people/presence-sync.ts), so changes closer together would measure
 * that interval rather than the path.
 *
 * The clock: Node takes the start (performance.timeOrigin + now) just before dispatching; the
 * page's MutationObserver takes the end the same way. Both are the machine's wall clock at
 * sub-millisecond resolution, so the difference is the latency to within about a millisecond.
 *
 * Run: npx tsx scripts/bench-presence.ts   (builds the simulated-ACS renderer if needed)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startFakeAcsIdentity } from '../org-service/test/fixtures/fake-acs-identity/index.js';
import { adminCli } from '../org-service/test/fixtures/admin-cli.js';
import { startTokenServiceProcess } from '../org-service/test/fixtures/token-service-process.js';
import { fakeSafeStorage } from '../test/fixtures/fake-safe-storage.js';
import { tempDir } from '../test/fixtures/main-services.js';
import { buildE2eRenderer } from '../test/e2e/calling/build-e2e-renderer.js';
import { closeBrowser, startHarness, type Harness } from '../test/harness/harness.js';

const changes = Number(process.env.BENCH_PRESENCE_CHANGES ?? 60);
const spacingMs = 1_100;
// The calling SDK double instead of the real SDK: the fake ACS has no calling, and the real
// SDK's reconnect attempts would only add noise. Presence takes the same path in both builds.
const rendererDir = await buildE2eRenderer('sim');
const acs = await startFakeAcsIdentity();
const service = await startTokenServiceProcess({ acs });
const csv = join(tempDir(), 'people.csv');
writeFileSync(csv, 'displayName,email\nJosé Álvarez,jose@contoso.test\nBeatriz Núñez,beatriz@contoso.test\n');
const imported = await adminCli(['import-people', csv], { TOKEN_SERVICE_DB: service.databasePath, ACS_CONNECTION_STRING: acs.connectionString, NODE_EXTRA_CA_CERTS: acs.caFile });
if (imported.code !== 0) throw new Error(`import-people failed: ${imported.stderr}`);

async function signedIn(email: string): Promise<Harness> {
  const h = await startHarness({ rendererDir, deps: { auth: { cipher: fakeSafeStorage() } } });
  await h.page.getByLabel('Token service address').fill(`${service.url}/`);
  await h.page.getByLabel('API key').fill(service.createApiKey(email));
  await h.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await h.page.getByText('Live updates: Connected').waitFor({ timeout: 20_000 });
  return h;
}

const jose = await signedIn('jose@contoso.test');
const beatriz = await signedIn('beatriz@contoso.test');
try {
  await beatriz.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'People' }).click();
  await beatriz.page.getByLabel('Search people').fill('jose');
  const row = beatriz.page.getByRole('listitem').filter({ hasText: 'José Álvarez' });
  await row.getByRole('img', { name: 'Available' }).waitFor({ timeout: 20_000 });

  // Beatriz's page notes when José's dot shows each status (the first time after it is armed).
  await row.locator('.presence-dot').evaluate((dot) => {
    const w = window as unknown as { __presenceSeen: Record<string, number> };
    w.__presenceSeen = {};
    new MutationObserver(() => {
      const status = dot.getAttribute('data-status')!;
      w.__presenceSeen[status] ??= performance.timeOrigin + performance.now();
    }).observe(dot, { attributes: true, attributeFilter: ['data-status'] });
  });

  const cycle = ['busy', 'away', 'doNotDisturb', 'available'] as const;
  const samples: number[] = [];
  for (let i = 0; i < changes; i++) {
    const status = cycle[i % cycle.length]!;
    await beatriz.page.evaluate(() => ((window as unknown as { __presenceSeen: Record<string, number> }).__presenceSeen = {}));
    const start = performance.timeOrigin + performance.now();
    const set = await jose.services.router.dispatch('presence:set', { status }, { frameUrl: jose.services.origin.rendererUrl, isTopFrame: true });
    if (!set.ok) throw new Error(`presence:set failed: ${set.error.messageKey}`);
    const seen = await beatriz.page.waitForFunction((s) => (window as unknown as { __presenceSeen: Record<string, number> }).__presenceSeen[s], status, { timeout: 10_000, polling: 20 });
    samples.push(((await seen.jsonValue()) as number) - start);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, start + spacingMs - (performance.timeOrigin + performance.now()))));
  }

  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  console.log(`presence change → the other desktop's People screen (real service process, two desktops), ${samples.length} changes ${spacingMs} ms apart:`);
  console.log(`  p50 ${at(0.5).toFixed(1)} ms   p95 ${at(0.95).toFixed(1)} ms   max ${samples.at(-1)!.toFixed(1)} ms   (goal: under 100 ms)`);
} finally {
  await jose.close();
  await beatriz.close();
  await closeBrowser();
  await service.stop();
  await acs.stop();
}
