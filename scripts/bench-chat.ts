/**
 * Chat benchmark: a 10,000-message conversation in headless Chromium — the app's ChatView with
 * the real Chat SDK browser build against the fake ACS chat service (test/fixtures). Prints:
 * time to first render, time to page in the whole history, time to jump to the bottom,
 * memory held (JS heap after GC, DOM nodes), and frame times while scrolling.
 * Run: npx tsx scripts/bench-chat.ts   (needs dist/renderer: npm run build:renderer)
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { closeBrowser, repoRoot, startHarness } from '../test/harness/harness.js';
import { fakeAcsToken, startFakeAcsChat } from '../test/fixtures/fake-acs-chat/index.js';
import { defaultTiming } from '../renderer/chat/core/chat-timing.js';

const total = Number(process.env.BENCH_MESSAGES ?? 10_000);
const me = '8:acs:bench_me';
const others = ['8:acs:bench_bob', '8:acs:bench_carol'];

await build({ configFile: join(repoRoot, 'test/e2e/chat/page/vite.config.ts') });
let skew = -total * 60_000;
const fake = await startFakeAcsChat({ now: () => new Date(Date.now() + skew) });
const thread = fake.state.createThread(me, 'Benchmark', [{ id: me, displayName: 'Me' }, ...others.map((id) => ({ id, displayName: id.slice(12) }))]);
for (let i = 0; i < total; i++) {
  // One message a minute back in time, so the conversation spans days (day separators, groups).
  skew = -(total - i) * 60_000;
  const sender = i % 5 === 0 ? me : others[i % 2]!;
  const text = i % 7 === 0 ? `Message ${i}: a longer one that wraps over two lines in the view, with a link https://example.com/item/${i} and some more words to fill it.` : `Message ${i}`;
  fake.state.sendMessage(thread.id, sender, { content: text, senderDisplayName: sender.slice(12) });
}
skew = 0;

const h = await startHarness({ contextOptions: { ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } } });
const { page } = h;
await page.context().addInitScript((c) => {
  (window as unknown as { __chatE2E: unknown }).__chatE2E = c;
}, { endpoint: fake.endpoint, token: fakeAcsToken(me), userId: me, displayName: 'Me', timing: { pollMs: 60_000, realtimeGraceMs: 1000 } });
await page.goto(`${h.origin}/e2e-chat/index.html`);
await page.getByRole('button', { name: /Benchmark/ }).waitFor();

// 1. Time to first render: click → the newest message painted.
const lastText = `Message ${total - 1}`;
const t0 = Date.now();
await page.getByRole('button', { name: /Benchmark/ }).click();
await page.getByRole('log').getByText(lastText, { exact: true }).waitFor();
await page.evaluate(() => new Promise(requestAnimationFrame));
const firstRender = Date.now() - t0;

// 2. Page the whole history in by scrolling up, as a user would, with the app's own page size.
const log = page.getByRole('log');
const box = (await log.boundingBox())!;
await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
const t1 = Date.now();
while (!(await log.getByText('This is the beginning of the conversation.').isVisible())) {
  await page.mouse.wheel(0, -20_000);
  await page.waitForTimeout(20);
  if (Date.now() - t1 > 300_000) throw new Error('history did not finish loading');
}
const historyMs = Date.now() - t1;
await page.evaluate(() => new Promise(requestAnimationFrame));

// 3. Jump to the bottom from the very top.
for (let i = 0; i < 20 && !(await log.getByText('Message 1', { exact: true }).isVisible()); i++) await page.mouse.wheel(0, -20_000);
await log.getByText('Message 1', { exact: true }).waitFor();
const t2 = Date.now();
await page.getByRole('button', { name: 'Jump to latest' }).click();
await log.getByText(lastText, { exact: true }).waitFor();
await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const jumpMs = Date.now() - t2;

// 4. Memory held with all 10,000 messages loaded.
const cdp = await page.context().newCDPSession(page);
await cdp.send('HeapProfiler.collectGarbage');
await cdp.send('Performance.enable');
const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
const rendered = await log.locator('article').count();

// 5. Frame times while scrolling up through the list with the mouse wheel.
// (A string, not a function: tsx would wrap named inner functions in a helper the page lacks.)
await page.evaluate(`(() => {
  window.__frames = [];
  window.__stop = false;
  let last = performance.now();
  const tick = (now) => {
    window.__frames.push(now - last);
    last = now;
    if (!window.__stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`);
for (let i = 0; i < 120; i++) {
  await page.mouse.wheel(0, -400);
  await page.waitForTimeout(16);
}
const frames = await page.evaluate(() => {
  const w = window as unknown as { __frames: number[]; __stop: boolean };
  w.__stop = true;
  return w.__frames.slice(2);
});
frames.sort((a, b) => a - b);
const pct = (p: number) => frames[Math.min(frames.length - 1, Math.floor((p / 100) * frames.length))]!;
const loaded = await page.evaluate(() => document.querySelectorAll('[role=log] article').length);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
console.log(`chat benchmark — ${total.toLocaleString('en')} messages, headless Chromium ${page.context().browser()?.version()}`);
console.log(`time to first render (click → newest message painted): ${firstRender} ms`);
console.log(`page in the whole history by scrolling up (${defaultTiming.historyPageSize} per page, as the app does): ${historyMs} ms`);
console.log(`time to jump to the bottom from the top: ${jumpMs} ms`);
console.log(`memory held (after GC): JS heap ${mb(metrics.JSHeapUsedSize ?? 0)} of ${mb(metrics.JSHeapTotalSize ?? 0)}; DOM nodes ${domNodes}; message rows in the DOM ${rendered} (of ${total}); still mounted after scrolling ${loaded}`);
console.log(`frame time while scrolling (${frames.length} frames): median ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, max ${frames.at(-1)!.toFixed(1)} ms, frames over 33 ms: ${frames.filter((f) => f > 33.4).length}`);

await h.close();
await closeBrowser();
await fake.close();
// The test page must never ship with the app's build.
rmSync(join(repoRoot, 'dist/renderer/e2e-chat'), { recursive: true, force: true });
