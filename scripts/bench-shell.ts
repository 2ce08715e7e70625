/**
 * Shell budget figures: initial JavaScript (gzip) vs. the lazily loaded SDK chunks, and the
 * shell's time-to-interactive in headless Chromium (median of N cold page loads).
 * Run: npm run bench   (builds first when dist/renderer is missing)
 */
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { closeBrowser, repoRoot, startHarness } from '../test/harness/harness.js';

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
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const h = await startHarness();
  await h.page.waitForFunction(() => performance.getEntriesByName('shell-interactive').length > 0);
  times.push(await h.page.evaluate(() => performance.getEntriesByName('shell-interactive')[0]!.startTime));
  await h.close();
}
await closeBrowser();
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(`shell time-to-interactive over ${runs} cold loads: median ${median.toFixed(0)} ms, min ${times[0]!.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms  [budget 300 ms → ${(median / 300).toFixed(2)} of budget]`);
