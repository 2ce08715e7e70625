/**
 * The test browser's own cost: headless Chromium as chromium.ts launches it builds no address
 * bar popup (a WebUI renderer per window that spent about 300 ms of CPU beside each page under
 * test), and Playwright's own disabled features survive our addition to the list.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { disabledFeatures, launchChromium, playwrightDisabledFeatures } from '../harness/chromium.js';

let browser: Browser | null = null;
afterAll(async () => {
  await browser?.close();
});

describe('headless Chromium as the tests launch it', () => {
  it('opens a new context window without the omnibox popup WebUI', async () => {
    browser = await launchChromium();
    const context = await browser.newContext();
    await context.newPage();
    const session = await browser.newBrowserCDPSession();
    // Every target, the browser's own UI pages included (the default filter hides those).
    const { targetInfos } = (await session.send('Target.getTargets', { filter: [{}] } as never)) as { targetInfos: { type: string; url: string }[] };
    expect(targetInfos.some((target) => target.type === 'page' && target.url === 'about:blank')).toBe(true);
    expect(targetInfos.filter((target) => target.url.startsWith('chrome://omnibox-popup'))).toEqual([]);
    await context.close();
  });

  it("keeps Playwright's disabled features: one --disable-features switch, theirs and ours", async () => {
    browser ??= await launchChromium();
    const page = await browser.newPage();
    await page.goto('chrome://version');
    const commandLine = (await page.locator('#command_line').textContent()) ?? '';
    const switches = commandLine.match(/--disable-features=\S*/g) ?? [];
    expect(switches).toHaveLength(1);
    const features = switches[0]!.slice('--disable-features='.length).split(',');
    const theirs = (await playwrightDisabledFeatures())!.slice('--disable-features='.length).split(',');
    expect(theirs.length).toBeGreaterThan(3);
    expect(features).toEqual([...theirs, ...disabledFeatures]);
    await page.close();
  });
});
