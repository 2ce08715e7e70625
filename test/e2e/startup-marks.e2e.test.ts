/**
 * The start-up the benchmark (scripts/bench-shell.ts) measures: the app makes its marks in order,
 * once, with the shell and its data already on screen; the harness hears of them from the page
 * without polling it; the first screen's data comes from the preload's early reads.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startupReads } from '../../contract/startup-reads.js';
import { closeBrowser, startHarness } from '../harness/harness.js';

afterAll(closeBrowser);

describe('start-up marks', () => {
  it('come in order, after the shell has its data, and reach the harness as the page made them', async () => {
    const h = await startHarness({ loadFrom: 'file', reportMarks: ['modules-evaluated', 'shell-interactive'] });
    const interactive = await h.whenMarked('shell-interactive');
    const evaluated = await h.whenMarked('modules-evaluated');
    const { page } = h;
    const entries = await page.evaluate(() =>
      ['modules-evaluated', 'shell-interactive'].map((name) => performance.getEntriesByName(name).map((e) => e.startTime)),
    );
    expect(entries).toEqual([[evaluated], [interactive]]);
    expect(evaluated).toBeLessThan(interactive);
    // Main wrote the page's figure to its log (what a support log shows of a user's start).
    await expect.poll(() => h.logger.lines.find((line) => line.message === 'startup: shell interactive')?.fields?.sinceNavigationMs).toBe(Math.round(interactive));
    // By then the status shows main's answers (signed out), not a loading screen.
    expect(await page.getByRole('status', { name: 'Status' }).textContent()).toMatch(/Connection: Signed out/);
    expect(await page.locator('[aria-busy="true"]').count()).toBe(0);
    await h.close();
  });

  it('are reported only when named, and refused otherwise', async () => {
    const h = await startHarness({ loadFrom: 'file', reportMarks: ['shell-interactive'] });
    await h.whenMarked('shell-interactive');
    await expect(h.whenMarked('modules-evaluated')).rejects.toThrow(/reportMarks: \['modules-evaluated'\]/);
    await h.close();
    const unasked = await startHarness();
    await expect(unasked.whenMarked('shell-interactive')).rejects.toThrow(/reportMarks/);
    await unasked.close();
  });
});

describe('the first screen', () => {
  it('asks main nothing but the early start-up reads before it is painted (deeplinks:ready is a signal, not a read)', async () => {
    const h = await startHarness({ loadFrom: 'file', reportMarks: ['shell-interactive'] });
    await h.whenMarked('shell-interactive');
    // Each early read once, and nothing else until the start-up report, which the page sends
    // once the shell is painted: any other read before it would arrive after the first paint
    // and draw the screen again. (Reads after the report, when the page is idle, may follow.)
    await expect.poll(() => h.invoked.includes('app:reportStartup')).toBe(true);
    expect(h.invoked.slice(0, h.invoked.indexOf('app:reportStartup') + 1)).toEqual([...startupReads.map((read) => read.channel), 'deeplinks:ready', 'app:reportStartup']);
    // The history's answer is on screen, not a loading state.
    expect(await h.page.getByText('No calls yet.').isVisible()).toBe(true);
    await h.close();
  });
});
