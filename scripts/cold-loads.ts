/**
 * Cold loads of start-up benchmark pages, shared by bench-shell.ts and bench-compare.ts. Each
 * load gets a fresh browser profile and waits for the page's own 'shell-interactive' mark,
 * which the page reports itself (polling it with Playwright would delay it).
 */
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startHarness, type HarnessOptions } from '../test/harness/harness.js';
import { tempDir } from '../test/fixtures/main-services.js';

/**
 * `runs` cold loads of each page, what `read` takes from each, the pages taking turns so that a
 * slow spell of this shared machine weighs on all of them alike. A first round is thrown away:
 * it warms up this Node process's modules.
 */
export async function loadInTurns<T>(pages: Record<string, HarnessOptions>, runs: number, read: (page: Page) => Promise<T>): Promise<Record<string, T[]>> {
  const seen: Record<string, T[]> = Object.fromEntries(Object.keys(pages).map((name) => [name, []]));
  for (let round = 0; round <= runs; round++) {
    for (const [name, options] of Object.entries(pages)) {
      // A settings folder per load, removed after it: hundreds of loads would leave hundreds.
      const settingsDirectory = tempDir();
      const h = await startHarness({ ...options, settingsDirectory, reportMarks: ['shell-interactive'] });
      await h.whenMarked('shell-interactive');
      const value = await read(h.page);
      await h.close();
      rmSync(settingsDirectory, { recursive: true, force: true });
      if (round > 0) seen[name]!.push(value);
    }
  }
  return seen;
}

/** The value below which a share `q` (0–1) of `values` lies: 0.5 is the median. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}

/**
 * How fast this machine is right now: the milliseconds a fixed single-threaded loop takes
 * (lower is faster). It is a shared VM whose speed drifts by 10% and more within an hour, and
 * page loads with it; printed beside the figures, it tells a slow spell from a slow change.
 */
export function machineSpeed(): number {
  const start = performance.now();
  let sum = 0;
  for (let i = 0; i < 300_000_000; i++) sum += i % 7;
  if (sum < 0) throw new Error('unreachable: keeps the loop from being optimised away');
  return Math.round(performance.now() - start);
}
