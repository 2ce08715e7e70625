/** The screen-share picker in main: ask the renderer, wait for the user, refuse anything odd. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScreenShareSource } from '../../../contract/channels-calls.js';
import { defaultPickTimeoutMs, ScreenSharePicker } from '../../../main/calls/screen-share-picker.js';
import { appFrame, startTestMainServices } from '../../fixtures/main-services.js';

const sources: ScreenShareSource[] = [
  { id: 'screen:0:0', name: 'Entire screen', kind: 'screen', thumbnail: '' },
  { id: 'window:42:0', name: 'Quarterly report.xlsx', kind: 'window', thumbnail: 'data:image/png;base64,AAAA' },
];

function picker(timeoutMs?: number) {
  const asked: { requestId: string; sources: ScreenShareSource[] }[] = [];
  return { asked, picker: new ScreenSharePicker({ ask: (r) => asked.push(r), ...(timeoutMs ? { timeoutMs } : {}) }) };
}

afterEach(() => vi.useRealTimers());

describe('ScreenSharePicker', () => {
  it('asks the renderer and resolves with the chosen source', async () => {
    const { asked, picker: p } = picker();
    const choice = p.pick(sources);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.sources).toEqual(sources);
    p.choose(asked[0]!.requestId, 'window:42:0');
    expect(await choice).toBe('window:42:0');
  });

  it.each([
    ['the user cancels', ''],
    ['a source that was not offered', 'screen:9:9'],
  ])('refuses when %s', async (_name, sourceId) => {
    const { asked, picker: p } = picker();
    const choice = p.pick(sources);
    p.choose(asked[0]!.requestId, sourceId);
    expect(await choice).toBeNull();
  });

  it('ignores an answer to another request', async () => {
    const { asked, picker: p } = picker();
    const choice = p.pick(sources);
    p.choose('not-the-request', 'screen:0:0');
    p.choose(asked[0]!.requestId, 'screen:0:0');
    expect(await choice).toBe('screen:0:0');
  });

  it('refuses when nobody chooses in time', async () => {
    vi.useFakeTimers();
    const { picker: p } = picker();
    const choice = p.pick(sources);
    await vi.advanceTimersByTimeAsync(defaultPickTimeoutMs);
    expect(await choice).toBeNull();
  });

  it('refuses the first request when a second one comes, and with nothing to share', async () => {
    const { asked, picker: p } = picker();
    const first = p.pick(sources);
    const second = p.pick(sources);
    expect(await first).toBeNull();
    p.choose(asked[1]!.requestId, 'screen:0:0');
    expect(await second).toBe('screen:0:0');
    expect(await p.pick([])).toBeNull();
  });

  it('tells the renderer to close its picker when the request ends without its answer', async () => {
    vi.useFakeTimers();
    const closed: string[] = [];
    const asked: { requestId: string }[] = [];
    const p = new ScreenSharePicker({ ask: (r) => asked.push(r), closed: (id) => closed.push(id) });
    const first = p.pick(sources);
    void p.pick(sources);
    expect(await first).toBeNull();
    expect(closed).toEqual([asked[0]!.requestId]);
    await vi.advanceTimersByTimeAsync(defaultPickTimeoutMs);
    expect(closed).toEqual([asked[0]!.requestId, asked[1]!.requestId]);
    // An answer from the renderer needs no "closed": the renderer closed the picker itself.
    void p.pick(sources);
    p.choose(asked[2]!.requestId, '');
    expect(closed).toHaveLength(2);
  });

  it('works through the real router and event channel', async () => {
    const { services, events } = startTestMainServices();
    const choice = services.screenSharePicker.pick(sources);
    const request = events.sent.find((e) => e.channel === 'calls:screenShareRequest')!.payload as { requestId: string };
    expect(await services.router.dispatch('calls:screenShareChoose', { requestId: request.requestId, sourceId: 'screen:0:0' }, appFrame)).toEqual({ ok: true, value: undefined });
    expect(await choice).toBe('screen:0:0');
    vi.useFakeTimers();
    const unanswered = services.screenSharePicker.pick(sources);
    await vi.advanceTimersByTimeAsync(defaultPickTimeoutMs);
    expect(await unanswered).toBeNull();
    const second = events.sent.filter((e) => e.channel === 'calls:screenShareRequest').at(-1)!.payload as { requestId: string };
    expect(events.sent.at(-1)).toEqual({ channel: 'calls:screenShareClosed', payload: { requestId: second.requestId } });
  });
});
