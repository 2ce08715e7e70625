import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import PresencePicker from '../../../renderer/presence/PresencePicker.svelte';
import { PresenceState } from '../../../renderer/presence/presence-state.svelte.js';
import { DesktopEvents, viewForAction } from '../../../renderer/shell/desktop-events.svelte.js';
import { notificationActions } from '../../../renderer/shell/notification-actions.svelte.js';
import { pendingDial } from '../../../renderer/shell/pending-dial.svelte.js';
import { i18n } from '../../../renderer/i18n/i18n.svelte.js';
import type { NotificationAction, PresenceView } from '../../../contract/channels-tray.js';
import type { SoftphoneApi } from '../../../contract/index.js';

function fakePresenceApi(initial: PresenceView, fail = false) {
  const sets: unknown[] = [];
  let push: ((v: PresenceView) => void) | null = null;
  const api = {
    presence: {
      get: async () => ({ ok: true, value: initial }),
      set: async (request: { status: PresenceView['chosen'] }) => {
        sets.push(request);
        if (fail) return { ok: false, error: { code: 'internal', messageKey: 'errors:ipc.internal' } };
        return { ok: true, value: { status: request.status, chosen: request.status, reason: null } };
      },
      onChanged: (listener: (v: PresenceView) => void) => ((push = listener), () => void (push = null)),
    },
  } as unknown as SoftphoneApi;
  return { api, sets, push: (v: PresenceView) => push?.(v) };
}

describe('PresencePicker', () => {
  it('shows the chosen status and sets a new one through the bridge', async () => {
    await i18n.setLocale('en');
    const { api, sets } = fakePresenceApi({ status: 'available', chosen: 'available', reason: null });
    const presence = new PresenceState(api);
    await presence.load();
    render(PresencePicker, { presence });
    const select = screen.getByLabelText('Your status');
    expect(select).toHaveValue('available');
    await fireEvent.change(select, { target: { value: 'doNotDisturb' } });
    expect(sets).toEqual([{ status: 'doNotDisturb' }]);
    await expect.poll(() => screen.getByTestId('presence').dataset.status).toBe('doNotDisturb');
  });

  it('says when the status was set automatically, and follows changes from main (tray menu)', async () => {
    await i18n.setLocale('es');
    const fake = fakePresenceApi({ status: 'inACall', chosen: 'busy', reason: 'inCall' });
    const presence = new PresenceState(fake.api);
    await presence.load();
    render(PresencePicker, { presence });
    expect(screen.getByLabelText('Su estado')).toHaveValue('busy');
    expect(screen.getByText('Presencia: En una llamada')).toHaveAttribute('title', 'Se establece automáticamente mientras está en una llamada');
    fake.push({ status: 'away', chosen: 'away', reason: null });
    flushSync();
    expect(screen.getByLabelText('Su estado')).toHaveValue('away');
    expect(screen.queryByText(/Presencia:/)).toBeNull();
  });

  it('shows a translated error when the change fails', async () => {
    await i18n.setLocale('en');
    const { api } = fakePresenceApi({ status: 'available', chosen: 'available', reason: null }, true);
    const presence = new PresenceState(api);
    await presence.load();
    render(PresencePicker, { presence });
    await fireEvent.change(screen.getByLabelText('Your status'), { target: { value: 'busy' } });
    expect(await screen.findByRole('alert')).toHaveTextContent('Your status could not be changed. Try again.');
  });
});

describe('desktop events', () => {
  function fakeDesktopApi() {
    const listeners: Record<string, (payload: never) => void> = {};
    const calls: string[] = [];
    const on = (name: string) => (listener: (payload: never) => void) => ((listeners[name] = listener), () => delete listeners[name]);
    const api = {
      deeplinks: { onDial: on('dial'), onRefused: on('refused'), ready: async () => (calls.push('ready'), { ok: true, value: undefined }) },
      notifications: { onAction: on('action') },
    } as unknown as SoftphoneApi;
    return { api, calls, emit: (name: string, payload: unknown) => listeners[name]?.(payload as never), listeners };
  }

  it('subscribes before saying ready; a dial link fills the one pending dial (extension kept) and opens Calls', () => {
    const fake = fakeDesktopApi();
    const views: string[] = [];
    const events = new DesktopEvents(fake.api, (v) => views.push(v));
    const stop = events.start();
    expect(Object.keys(fake.listeners).sort()).toEqual(['action', 'dial', 'refused']);
    expect(fake.calls).toEqual(['ready']);
    fake.emit('dial', { number: '+12015550123', extension: '42', source: 'tel' });
    expect(pendingDial.current).toBe('+12015550123;ext=42');
    expect(views).toEqual(['calls']);
    expect(pendingDial.take()).toBe('+12015550123;ext=42');
    expect(pendingDial.current).toBeNull();
    fake.emit('refused', { messageKey: 'tray:links.refused.badNumber' });
    expect(events.refusedLink).toBe('tray:links.refused.badNumber');
    stop();
    expect(fake.listeners).toEqual({});
  });

  it('routes actions to the view and to the feature registered for their kind, keeping early ones', () => {
    const fake = fakeDesktopApi();
    const views: string[] = [];
    new DesktopEvents(fake.api, (v) => views.push(v)).start();
    fake.emit('action', { action: 'answer', callId: 'c1' });
    fake.emit('action', { action: 'decline', callId: 'c2' });
    const chat: NotificationAction[] = [];
    const stopChat = notificationActions.handle(['reply', 'openChat'], (a) => chat.push(a));
    fake.emit('action', { action: 'openChat', threadId: '19:x@thread.v2' });
    expect(chat).toEqual([{ action: 'openChat', threadId: '19:x@thread.v2' }]);
    const calls: NotificationAction[] = [];
    const stopCalls = notificationActions.handle(['answer', 'decline'], (a) => calls.push(a));
    expect(calls).toEqual([
      { action: 'answer', callId: 'c1' },
      { action: 'decline', callId: 'c2' },
    ]);
    expect(views).toEqual(['calls', 'chat']);
    stopChat();
    stopCalls();
  });

  it('maps every action to its view', () => {
    expect(viewForAction({ action: 'callBack', callId: 'c', callerId: '4:+1' })).toBe('calls');
    expect(viewForAction({ action: 'showMissedCalls' })).toBe('calls');
    expect(viewForAction({ action: 'reply', threadId: 't', text: 'hi' })).toBeNull();
  });
});
