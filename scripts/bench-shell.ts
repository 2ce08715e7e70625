/**
 * Shell budget figures: initial JavaScript (gzip) vs. the lazily loaded SDK chunks, and the
 * shell's time-to-interactive in headless Chromium (median of N cold page loads): the page
 * loaded from file:// as the packaged app loads it, and from a localhost server through each of
 * the two test bridges, each beside an empty page's figure so the harness's own cost shows.
 * Run: npm run bench   (builds first when dist/renderer is missing)
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { closeBrowser, repoRoot, startHarness, type HarnessOptions } from '../test/harness/harness.js';
import { loadInTurns, machineSpeed, quantile } from './cold-loads.js';

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
const speedBefore = machineSpeed();

interface Phases {
  /** Navigation → the entry script downloaded. */
  scriptLoaded: number;
  /** → every module of the first bundle evaluated (the app's 'modules-evaluated' mark; the empty page has none). */
  modulesEvaluated: number;
  /** → the shell painted with its data (the 'shell-interactive' mark). */
  tti: number;
}
type Figures = Record<keyof Phases, { median: number; min: number; max: number }> & {
  /** Each round's time to interactive, in round order: pages compared round by round. */
  ttiByRound: number[];
};

/** Navigation → each phase, read from the page once its shell is interactive. */
const readPhases = (page: Page): Promise<Phases> =>
  page.evaluate(() => {
    const entry = document.querySelector<HTMLScriptElement>('script[type="module"]')!.src;
    const script = performance.getEntriesByName(entry)[0] as PerformanceResourceTiming | undefined;
    return {
      scriptLoaded: script?.responseEnd ?? NaN,
      modulesEvaluated: performance.getEntriesByName('modules-evaluated')[0]?.startTime ?? NaN,
      tti: performance.getEntriesByName('shell-interactive')[0]!.startTime,
    };
  });

/** Median, min and max of each phase over `runs` cold loads of each page, taking turns. */
async function measure(pages: Record<string, HarnessOptions>): Promise<Record<string, Figures>> {
  const seen = await loadInTurns(pages, runs, readPhases);
  const figures = (all: Phases[], key: keyof Phases) => {
    const values = all.map((p) => p[key]);
    return { median: quantile(values, 0.5), min: quantile(values, 0), max: quantile(values, 1) };
  };
  return Object.fromEntries(
    Object.entries(seen).map(([name, all]) => [
      name,
      { scriptLoaded: figures(all, 'scriptLoaded'), modulesEvaluated: figures(all, 'modulesEvaluated'), tti: figures(all, 'tti'), ttiByRound: all.map((p) => p.tti) },
    ]),
  );
}

// An empty page that asks the bridge one question and marks the next frame: what the harness
// itself costs (a fresh browser profile, navigation, the bridge), with none of the app.
const emptyPageDir = mkdtempSync(join(tmpdir(), 'bench-empty-'));
writeFileSync(join(emptyPageDir, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="./empty.js"></script><div id="app"></div>');
writeFileSync(
  join(emptyPageDir, 'empty.js'),
  "window.softphone.app.getInfo().then(() => { document.getElementById('app').textContent = '.'; requestAnimationFrame(() => setTimeout(() => performance.mark('shell-interactive'), 0)); });",
);

// The shell as the app painted it, saved as static HTML with the same stylesheet and one bridge
// question, no app script: what painting this screen costs here before any of the app's code.
const staticPageDir = mkdtempSync(join(tmpdir(), 'bench-static-'));
{
  const h = await startHarness({ loadFrom: 'file', reportMarks: ['shell-interactive'] });
  await h.whenMarked('shell-interactive');
  const painted = await h.page.evaluate(() => document.documentElement.outerHTML);
  await h.close();
  cpSync(join(dist, 'assets'), join(staticPageDir, 'assets'), { recursive: true });
  const withoutScripts = painted.replace(/<script\b[^>]*><\/script>/g, '').replace(/<link rel="modulepreload"[^>]*>/g, '');
  writeFileSync(join(staticPageDir, 'index.html'), `<!doctype html>${withoutScripts.replace('</body>', '<script type="module" src="./static.js"></script></body>')}`);
  writeFileSync(
    join(staticPageDir, 'static.js'),
    "window.softphone.app.getInfo().then(() => requestAnimationFrame(() => setTimeout(() => performance.mark('shell-interactive'), 0)));",
  );
}

const ms = (t: { median: number; min: number; max: number }) => `median ${t.median.toFixed(0)} ms (min ${t.min.toFixed(0)}, max ${t.max.toFixed(0)})`;
const file = await measure({
  app: { loadFrom: 'file' },
  empty: { loadFrom: 'file', rendererDir: emptyPageDir },
  static: { loadFrom: 'file', rendererDir: staticPageDir },
});
const http = await measure({ app: { bridge: 'http' }, empty: { bridge: 'http', rendererDir: emptyPageDir } });
const binding = await measure({ app: { bridge: 'binding' }, empty: { bridge: 'binding', rendererDir: emptyPageDir } });
await closeBrowser();
rmSync(emptyPageDir, { recursive: true, force: true });
rmSync(staticPageDir, { recursive: true, force: true });

const phases = (pages: Record<string, Figures>) => {
  const app = pages.app!;
  // Chromium keeps no resource timing for file:// loads: that split is left out there.
  const download = Number.isNaN(app.scriptLoaded.median)
    ? ''
    : `entry script loaded at ${app.scriptLoaded.median.toFixed(0)} ms (the empty page's at ${pages.empty!.scriptLoaded.median.toFixed(0)}), `;
  return (
    `    where the app's time goes (medians): ${download}` +
    `modules compiled and evaluated by ${app.modulesEvaluated.median.toFixed(0)}, shell rendered, laid out and painted by ${app.tti.median.toFixed(0)}`
  );
};
/**
 * What the app adds over another page: the median of the differences within each round (the
 * two loads ran seconds apart, so a slow spell of the machine weighs on both), less noisy than
 * the difference of the two medians.
 */
const adds = (app: Figures, other: Figures) => quantile(app.ttiByRound.map((tti, round) => tti - other.ttiByRound[round]!), 0.5).toFixed(0);
const report = (title: string, pages: Record<string, Figures>) => {
  const app = pages.app!.tti;
  const empty = pages.empty!.tti;
  console.log(`  ${title}: ${ms(app)}  [budget 300 ms → ${(app.median / 300).toFixed(2)} of budget]`);
  console.log(`    an empty page the same way: ${ms(empty)}; the app adds ${adds(pages.app!, pages.empty!)} ms (median of the differences within each round)`);
  if (pages.static) {
    const painted = pages.static.tti;
    console.log(`    the same shell as static HTML, no app script: ${ms(painted)}; the app's code adds ${adds(pages.app!, pages.static)} ms to painting the screen`);
  }
  console.log(phases(pages));
};
console.log(`machine speed: a fixed loop took ${speedBefore} ms before the loads and ${machineSpeed()} ms after (lower is faster; 357–368 ms during the runs the README reports)`);
console.log(`shell time-to-interactive over ${runs} cold loads, navigation → shell painted with its data:`);
report("from file:// as the packaged app loads it (Chromium given Electron's file privileges), bridge over a DevTools binding", file);
report('from a localhost server, bridge over same-origin HTTP', http);
report('from a localhost server, bridge over a DevTools binding (what the e2e tests use)', binding);
