/**
 * Compares the start-up of two or more builds of the renderer, for trying a change: each build's
 * page is loaded cold from file:// in turn (so a slow spell of this shared machine weighs on all
 * alike), and the medians of its marks and paint entries are printed per build. A difference
 * smaller than about 15 ms over 41 loads is within this machine's noise: repeat before trusting.
 *   npx vite build -c vite.renderer.config.ts --outDir /tmp/before   (and /tmp/after with the change)
 *   BENCH_RUNS=41 npx tsx scripts/bench-compare.ts /tmp/before /tmp/after
 */
import { closeBrowser } from '../test/harness/harness.js';
import { loadInTurns, machineSpeed, quantile } from './cold-loads.js';

const builds = process.argv.slice(2);
if (builds.length < 2) throw new Error('usage: tsx scripts/bench-compare.ts <build dir> <build dir> [...]');
const runs = Number(process.env.BENCH_RUNS ?? 41);

// Marks and paint entries by name, and when parsing finished, as the page saw them.
const readTimes = `(() => {
  const times = { domInteractive: performance.getEntriesByType('navigation')[0].domInteractive };
  for (const e of performance.getEntries()) if (e.entryType === 'mark' || e.entryType === 'paint') times[e.name] = e.startTime;
  return times;
})()`;

// Labelled by position too: the same build given twice (an A/A run) shows the noise.
const speedBefore = machineSpeed();
const labels = builds.map((dir, index) => `#${index + 1} ${dir}`);
const seen = await loadInTurns(Object.fromEntries(builds.map((rendererDir, index) => [labels[index]!, { loadFrom: 'file', rendererDir }])), runs, (page) =>
  page.evaluate(readTimes) as Promise<Record<string, number>>,
);
await closeBrowser();
console.log(`machine speed: a fixed loop took ${speedBefore} ms before the loads and ${machineSpeed()} ms after (lower is faster)`);

for (const label of labels) {
  const all = seen[label]!;
  const names = [...new Set(all.flatMap((times) => Object.keys(times)))];
  const medians = names.map((name) => [name, quantile(all.flatMap((t) => (name in t ? [t[name]!] : [])), 0.5)] as const).sort((a, b) => a[1] - b[1]);
  const tti = all.map((t) => t['shell-interactive']!);
  console.log(`${label}: shell-interactive median ${quantile(tti, 0.5).toFixed(0)} ms (p25 ${quantile(tti, 0.25).toFixed(0)}, p75 ${quantile(tti, 0.75).toFixed(0)}) over ${all.length} loads`);
  console.log(`  medians: ${medians.map(([name, time]) => `${name} ${time.toFixed(0)}`).join(', ')}`);
}
