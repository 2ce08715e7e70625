/**
 * The harness page's direct DevTools binding (test/harness/direct-bridge.ts): the app's calls
 * take it, main learns who called from the browser rather than from the page, and a foreign
 * document in the same tab is refused like any foreign sender.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, startHarness } from '../harness/harness.js';

afterAll(closeBrowser);

/** Sends one call over the direct binding from the page and returns main's answer. */
const callDirectly = (channel: string) => `new Promise((resolve) => {
  const deliver = window.__softphoneDirectReply;
  window.__softphoneDirectReply = (seq, result) => (seq === -7 ? resolve(result) : deliver?.(seq, result));
  window.__softphoneDirectInvoke(JSON.stringify({ seq: -7, channel: ${JSON.stringify(channel)} }));
})`;

describe('the direct bridge', () => {
  it("carries the app's own calls, start-up reads included", async () => {
    const h = await startHarness({ loadFrom: 'file', reportMarks: ['shell-interactive'] });
    await h.whenMarked('shell-interactive');
    // The page bridge chose it: Playwright's binding would also record the channel, but nothing
    // else defines the reply function the direct binding answers through.
    expect(await h.page.evaluate('typeof window.__softphoneDirectReply')).toBe('function');
    expect(h.invoked).toContain('settings:get');
    expect(await h.page.evaluate(callDirectly('app:getInfo'))).toMatchObject({ ok: true, value: { name: 'ACS Softphone' } });
    // What the page bridge would never send is dropped, and the bridge goes on answering.
    await h.page.evaluate(`['not json', '{"channel":"app:getInfo"}', 'null'].forEach((p) => window.__softphoneDirectInvoke(p))`);
    expect(await h.page.evaluate(callDirectly('settings:get'))).toMatchObject({ ok: true });
    await h.close();
  });

  it('refuses a foreign document in the same tab: the sender comes from the browser', async () => {
    const h = await startHarness();
    await h.page.getByRole('button', { name: 'Calls', exact: true }).waitFor();
    const foreignOrigin = h.origin.replace('localhost', '127.0.0.1');
    h.server.extraPages.set('/elsewhere.html', '<!doctype html><title>elsewhere</title>');
    await h.page.goto(`${foreignOrigin}/elsewhere.html`);
    expect(await h.page.evaluate(callDirectly('settings:get'))).toEqual({
      ok: false,
      error: { code: 'forbidden-sender', messageKey: 'errors:ipc.forbiddenSender' },
    });
    await h.close();
  });
});
