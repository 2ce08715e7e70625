/**
 * Shell budget figures: initial JavaScript (gzip) vs. the lazily loaded SDK chunks, and the
 * shell's time-to-interactive in headless Chromium (median of N cold page loads), measured
 * through two test bridges, each beside an empty page's figure so the harness's own cost shows.
 * Run: npm run bench   (builds first when dist/renderer is missing)
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { closeBrowser, repoRoot, startHarness, type HarnessOptions } from '../test/harness/harness.js';

const dist = join(repoRoot, 'dist/renderer');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const gz = (file: string) => gzipSync(readFileSync(join(dist, file))).length;

// Initial JS = the entry script plus every chunk it imports statically (transitively).
const entry = /<script type="module"[^>]*src="\.\/([^"]+)"/.exec(html)![1]!;
const initial = new Set<string>();
const visit = (file: string) => {
  if (initial.has(file)) return;
  initial.add(file);
  const code = readFileSync(join(dist, file), 'utf8');
  for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w${},\s*]+from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(`assets/${m[1]}`);
};
visit(entry);
const allJs = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
const lazy = allJs.filter((f) => !initial.has(f));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const initialBytes = [...initial].reduce((sum, f) => sum + gz(f), 0);
const lazyBytes = lazy.reduce((sum, f) => sum + gz(f), 0);
console.log(`initial JS (gzip): ${kb(initialBytes)}  [budget 150 KB → ${((initialBytes / (150 * 1024)) * 100).toFixed(0)}% of budget]`);
console.log(`lazy chunks (gzip): ${kb(lazyBytes)} in ${lazy.length} files (largest ${kb(Math.max(...lazy.map(gz)))})`);
console.log(`lazy / initial ratio: ${(lazyBytes / initialBytes).toFixed(1)}x`);

const runs = Number(process.env.BENCH_RUNS ?? 15);

/** Median time from navigation to the page's 'shell-interactive' mark over cold loads (one warm-up load first). */
async function medianTti(options: HarnessOptions): Promise<{ median: number; min: number; max: number }> {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const h = await startHarness(options);
    await h.page.waitForFunction(() => performance.getEntriesByName('shell-interactive').length > 0);
    const tti = await h.page.evaluate(() => performance.getEntriesByName('shell-interactive')[0]!.startTime);
    if (i > 0) times.push(tti); // the first load warms up this Node process's modules
    await h.close();
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]!, max: times.at(-1)! };
}

// An empty page that asks the bridge one question and marks the next frame: what the harness
// itself costs (a fresh browser profile, navigation, the bridge), with none of the app.
const emptyPageDir = mkdtempSync(join(tmpdir(), 'bench-empty-'));
writeFileSync(join(emptyPageDir, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="./empty.js"></script><div id="app"></div>');
writeFileSync(
  join(emptyPageDir, 'empty.js'),
  "window.softphone.app.getInfo().then(() => { document.getElementById('app').textContent = '.'; requestAnimationFrame(() => setTimeout(() => performance.mark('shell-interactive'), 0)); });",
);

const ms = (t: { median: number; min: number; max: number }) => `median ${t.median.toFixed(0)} ms (min ${t.min.toFixed(0)}, max ${t.max.toFixed(0)})`;
const http = await medianTti({ bridge: 'http' });
const emptyHttp = await medianTti({ bridge: 'http', rendererDir: emptyPageDir });
const binding = await medianTti({ bridge: 'binding' });
const emptyBinding = await medianTti({ bridge: 'binding', rendererDir: emptyPageDir });
await closeBrowser();
rmSync(emptyPageDir, { recursive: true, force: true });

console.log(`shell time-to-interactive over ${runs} cold loads, navigation → shell painted with its data:`);
console.log(`  bridge over same-origin HTTP (closest here to Electron IPC): ${ms(http)}  [budget 300 ms → ${(http.median / 300).toFixed(2)} of budget]`);
console.log(`    an empty page through the same harness: ${ms(emptyHttp)}; the app adds ${(http.median - emptyHttp.median).toFixed(0)} ms`);
console.log(`  bridge over a Playwright binding (what the e2e tests use): ${ms(binding)}`);
console.log(`    an empty page through the same harness: ${ms(emptyBinding)}; the app adds ${(binding.median - emptyBinding.median).toFixed(0)} ms`);
