/**
 * The marks the start-up benchmark (scripts/bench-shell.ts) reads: the app makes them in order,
 * once, with the shell and its data already on screen, and the harness hears of them from the
 * page without polling it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, startHarness } from '../harness/harness.js';

afterAll(closeBrowser);

describe('start-up marks', () => {
  it('come in order, after the shell has its data, and reach the harness as the page made them', async () => {
    const h = await startHarness({ loadFrom: 'file', reportMarks: true });
    const interactive = await h.whenMarked('shell-interactive');
    const evaluated = await h.whenMarked('modules-evaluated');
    const { page } = h;
    const entries = await page.evaluate(() =>
      ['modules-evaluated', 'shell-interactive'].map((name) => performance.getEntriesByName(name).map((e) => e.startTime)),
    );
    expect(entries).toEqual([[evaluated], [interactive]]);
    expect(evaluated).toBeLessThan(interactive);
    // By then the status shows main's answers (signed out), not a loading screen.
    expect(await page.getByRole('status', { name: 'Status' }).textContent()).toMatch(/Connection: Signed out/);
    expect(await page.locator('[aria-busy="true"]').count()).toBe(0);
    await h.close();
  });

  it('are refused to a harness not asked to report them', async () => {
    const h = await startHarness();
    await expect(h.whenMarked('shell-interactive')).rejects.toThrow(/reportMarks/);
    await h.close();
  });
});
