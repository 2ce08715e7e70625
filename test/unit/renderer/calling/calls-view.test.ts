/**
 * The Calls view in jsdom: missed calls count as seen only while the window is in front, text
 * from links and notifications lands in the dial box, the tray's "Missed calls" brings the
 * history forward, and Call back places one call however often it is clicked.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallingRuntime } from '../../../../renderer/calling/calling-runtime.svelte.js';
import CallsView from '../../../../renderer/calling/CallsView.svelte';
import { pendingDial } from '../../../../renderer/shell/pending-dial.svelte.js';
import { missedEntry, settle, setup } from './service-setup.js';
import { HistoryStandIn, RuntimeStandIn } from './stand-ins.svelte.js';

/** A runtime around a real CallingService, with the history main keeps played by a stand-in. */
async function runtime(missedCount = 1) {
  const s = await setup();
  const history = new HistoryStandIn({ entries: [missedEntry], missedCount });
  const raw = new RuntimeStandIn(s.service, history);
  return { ...s, runtime: raw as unknown as CallingRuntime, raw, history, seen: history.seen };
}

afterEach(() => {
  pendingDial.take();
});

describe('CallsView', () => {
  it('marks missed calls seen only while the window is on screen and focused, and again as new ones come', async () => {
    const r = await runtime();
    const view = render(CallsView, { runtime: r.runtime, attentive: false });
    await settle();
    expect(r.seen).toEqual([]);
    expect(screen.getByText('Missed calls: 1')).toBeInTheDocument();
    await view.rerender({ runtime: r.runtime, attentive: true });
    await waitFor(() => expect(r.seen).toEqual([1]));
    r.history.view = { ...r.history.view, missedCount: 2 };
    flushSync();
    await waitFor(() => expect(r.seen).toEqual([1, 2]));
  });

  it('fills the dial box from a link or a call back, without dialling', async () => {
    const r = await runtime(0);
    pendingDial.setText('+34600123456');
    render(CallsView, { runtime: r.runtime });
    expect(screen.getByLabelText('Name, number or ID')).toHaveValue('+34600123456');
    expect(pendingDial.current).toBeNull();
    expect(r.agent().started).toEqual([]);
  });

  it('brings the history forward for the tray\'s "Missed calls"', async () => {
    const r = await runtime(0);
    render(CallsView, { runtime: r.runtime });
    r.raw.historyRequested = true;
    flushSync();
    await waitFor(() => expect(screen.getByRole('region', { name: 'Call history' }).parentElement).toHaveFocus());
    expect(r.raw.historyRequested).toBe(false);
  });

  it('calls back once, however often Call back is clicked', async () => {
    const r = await runtime(0);
    render(CallsView, { runtime: r.runtime });
    const button = screen.getByRole('button', { name: 'Call back Sam' });
    await fireEvent.click(button);
    await fireEvent.click(button);
    await waitFor(() => expect(r.agent().started).toHaveLength(1));
    // A later click, once the first call is placed and the button is back: that call is up.
    await waitFor(() => expect(button).toBeEnabled());
    await fireEvent.click(button);
    for (let i = 0; i < 5; i++) await settle();
    expect(r.agent().started.map((c) => c.participants)).toEqual([[{ phoneNumber: '+14255550111' }]]);
    expect(r.service.sessions).toHaveLength(1);
  });
});
