/**
 * Start-up reads asked for when the bridge is built: the first request-less call of each gets
 * the early answer, once; a change event before that, or a failed early answer, sends the call
 * to main as usual.
 */
import { describe, expect, it } from 'vitest';
import { buildSoftphoneApi } from '../../../preload/build-api.js';
import { startupReads } from '../../../contract/startup-reads.js';
import { listChannels } from '../../../contract/index.js';
import { fakeTransport, type FakeAnswer } from './fake-transport.js';

/** A main that answers each invoke with its channel and a serial number, so answers can be told apart. */
const answerWithSerial: FakeAnswer = async (channel, serial) => ({ ok: true, value: `${channel}#${serial}` });
const countingMain = (answer: FakeAnswer = answerWithSerial) => fakeTransport(answer);

describe('start-up reads', () => {
  it('name request-less invoke channels of the contract, invalidated by events of the contract', () => {
    const channels = new Map(listChannels().map((c) => [`${c.group}:${c.name}`, c.def]));
    for (const read of startupReads) {
      const def = channels.get(read.channel);
      expect(def?.kind, read.channel).toBe('invoke');
      expect(def?.kind === 'invoke' && def.request.safeParse(undefined).success, `${read.channel} takes no request`).toBe(true);
      if (read.invalidatedBy) expect(channels.get(read.invalidatedBy)?.kind, read.invalidatedBy).toBe('event');
    }
  });
});

describe('window.softphone with start-up prefetch', () => {
  it('asks main for every start-up read as soon as it is built, before the page calls', () => {
    const main = countingMain();
    buildSoftphoneApi(main.transport, { prefetch: startupReads });
    expect(main.invokedChannels()).toEqual(startupReads.map((r) => r.channel));
  });

  it('gives the first call the early answer and asks main again for the next', async () => {
    const main = countingMain();
    const api = buildSoftphoneApi(main.transport, { prefetch: startupReads });
    const early = startupReads.findIndex((r) => r.channel === 'settings:get') + 1;
    expect(await api.settings.get()).toEqual({ ok: true, value: `settings:get#${early}` });
    expect(main.invokedChannels()).toHaveLength(startupReads.length);
    expect(await api.settings.get()).toEqual({ ok: true, value: `settings:get#${startupReads.length + 1}` });
  });

  it('drops an early answer its change event made stale, and stops listening for it', async () => {
    const main = countingMain();
    const api = buildSoftphoneApi(main.transport, { prefetch: startupReads });
    main.emit('settings:changed', {});
    expect(await api.settings.get()).toEqual({ ok: true, value: `settings:get#${startupReads.length + 1}` });
    expect(main.listeners.get('settings:changed')?.size).toBe(0);
    // Other early answers are untouched by it.
    expect(await api.app.getInfo()).toEqual({ ok: true, value: 'app:getInfo#1' });
  });

  it('never serves a failure from the prefetch: the call goes to main and gets its answer', async () => {
    const main = countingMain(async (channel, serial) =>
      serial <= startupReads.length ? { ok: false, error: { code: 'forbidden-sender', messageKey: 'errors:forbiddenSender' } } : { ok: true, value: `${channel}#${serial}` },
    );
    const api = buildSoftphoneApi(main.transport, { prefetch: startupReads });
    expect(await api.auth.getState()).toEqual({ ok: true, value: `auth:getState#${startupReads.length + 1}` });
  });

  it('asks main again when the early invoke was rejected, and never reports that rejection as unhandled', async () => {
    let rejectEarly = true;
    const main = countingMain((channel, serial) => (rejectEarly ? Promise.reject(new Error('no handler yet')) : Promise.resolve({ ok: true, value: `${channel}#${serial}` })));
    const api = buildSoftphoneApi(main.transport, { prefetch: startupReads });
    rejectEarly = false;
    expect(await api.locale.get()).toEqual({ ok: true, value: `locale:get#${startupReads.length + 1}` });
    // app:getInfo's rejected early answer is never taken; had it been unhandled, vitest would fail the run.
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

  it('sends a call that carries a request to main, leaving the early answer for a request-less one', async () => {
    const main = countingMain();
    const api = buildSoftphoneApi(main.transport, { prefetch: [{ channel: 'settings:get' }] });
    await api.settings.set({ theme: 'dark' });
    expect(main.invokedChannels()).toEqual(['settings:get', 'settings:set']);
    expect(await api.settings.get()).toEqual({ ok: true, value: 'settings:get#1' });
  });

  it('prefetches nothing unless asked to (the renderer tests build it without)', () => {
    const main = countingMain();
    buildSoftphoneApi(main.transport);
    expect(main.invokedChannels()).toEqual([]);
  });
});
