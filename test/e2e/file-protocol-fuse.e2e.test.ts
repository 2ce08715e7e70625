/**
 * The packaged renderer over file://, as the packaged app loads it.
 *
 * Why electron-builder.yml keeps the grantFileProtocolExtraPrivileges fuse on: with it off,
 * Electron treats file:// like Chromium does, and Chromium refuses the renderer's own module
 * script and stylesheet from file:// (CORS: origin 'null'), leaving a blank window. Plain
 * headless Chromium shows exactly that here. If this test ever fails because the page loads,
 * the build no longer needs the privileges: turn the fuse off (docs/decisions.md).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../harness/chromium.js';
import { closeBrowser, repoRoot, startHarness } from '../harness/harness.js';
import { unexpectedCspViolations } from '../harness/csp.js';
import type { Browser } from 'playwright-core';

let browser: Browser | null = null;
afterAll(async () => {
  await browser?.close();
  await closeBrowser();
});

describe('the packaged renderer over file:// without Electron\'s file privileges', () => {
  it('is refused by Chromium, so the fuse must stay on', async () => {
    const index = join(repoRoot, 'dist/renderer/index.html');
    expect(existsSync(index), 'build the renderer first: npm run build:renderer').toBe(true);
    browser = await launchChromium();
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/blocked by CORS policy/.test(message.text())) refused.push(message.text());
    });
    await page.goto(pathToFileURL(index).href);
    await expect.poll(() => refused.length).toBeGreaterThan(0);
    expect(refused.some((text) => /assets\/index-[\w-]+\.js/.test(text))).toBe(true);
    // Nothing rendered: the app's script never ran.
    expect(await page.locator('#app').innerHTML()).toBe('');
  });
});

describe('the packaged renderer over file:// with those privileges', () => {
  it('shows the shell, reaches main as the app\'s own frame and breaks no CSP rule, even after the SDKs load', async () => {
    const h = await startHarness({ loadFrom: 'file' });
    const { page } = h;
    expect(page.url()).toMatch(/^file:\/\/.*\/index\.html$/);
    // Main answered: the status and the Calls view come from start-up reads and a signed-out state.
    await expect.poll(() => page.getByRole('status', { name: 'Status' }).textContent()).toMatch(/Presence: Offline.*Connection: Signed out/);
    expect(await page.getByRole('button', { name: 'Settings', exact: true }).isVisible()).toBe(true);
    // A call the page makes itself goes through main's sender check for the file:// frame.
    expect(await page.evaluate(() => window.softphone!.app.getInfo().then((r) => r.ok))).toBe(true);
    // The packaged app loads the SDKs on idle from file:// too: wait for them, then check the CSP.
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName('sdks-warm').length), { timeout: 30_000 }).toBe(1);
    expect(await unexpectedCspViolations(page)).toEqual([]);
    expect(h.pageErrors).toEqual([]);
    await h.close();
  });
});
