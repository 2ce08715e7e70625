/**
 * Calling and the desktop: ringing calls reported to main (which decides how they are
 * presented), the end of the ringing with its reason, and the user's choices on a toast or the
 * tray coming back to the calling feature through the notification-action hub.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IncomingCallPresentation, NotificationAction } from '../../../../contract/channels-tray.js';
import type { SoftphoneApi } from '../../../../contract/index.js';
import { createCallNotifications } from '../../../../renderer/calling/call-notifications.js';
import { handleCallActions, ringWaitMs } from '../../../../renderer/calling/call-actions.js';
import { NotificationActions } from '../../../../renderer/shell/notification-actions.svelte.js';
import { pendingDial } from '../../../../renderer/shell/pending-dial.svelte.js';
import { FakeCredential } from '../../../fixtures/calling-sdk-double/index.js';
import { alice, settle, setup } from './service-setup.js';

/** The notifications part of the bridge, recording what the renderer told main. */
function fakeNotificationsApi(presentation: IncomingCallPresentation | 'fail' = 'ring') {
  const incoming: unknown[] = [];
  const ended: unknown[] = [];
  const api = {
    notifications: {
      incomingCall: async (request: unknown) => {
        incoming.push(request);
        if (presentation === 'fail') return { ok: false, error: { code: 'internal', messageKey: 'errors:ipc.internal' } };
        return { ok: true, value: { presentation } };
      },
      callEnded: async (request: unknown) => {
        ended.push(request);
        return { ok: true, value: undefined };
      },
    },
  } as unknown as Pick<SoftphoneApi, 'notifications'>;
  return { api, incoming, ended };
}

async function withMain(presentation: IncomingCallPresentation | 'fail' = 'ring') {
  const main = fakeNotificationsApi(presentation);
  const s = await setup({}, { deps: { ringing: createCallNotifications(main.api) } });
  return { ...s, main };
}

describe('ringing calls reported to main', () => {
  it('tells main who is calling and presents the call as main answers', async () => {
    const s = await withMain('ring');
    const ringing = s.agent().ring({ identifier: { kind: 'phoneNumber', phoneNumber: '+14255550100' }, displayName: 'Front Desk' });
    expect(s.service.incoming[0]?.presentation).toBe('pending');
    await vi.waitFor(() => expect(s.service.incoming[0]?.presentation).toBe('ring'));
    expect(s.main.incoming).toEqual([{ callId: ringing.id, callerName: 'Front Desk', callerId: '4:+14255550100', withVideo: false }]);
  });

  it('Do not disturb: the call stays quiet, and ringing out unanswered is a missed call', async () => {
    const s = await withMain('suppressed');
    const ringing = s.agent().ring({ identifier: alice, displayName: 'Alice' });
    await vi.waitFor(() => expect(s.service.incoming[0]?.presentation).toBe('suppressed'));
    ringing.end({ code: 487, subCode: 0 });
    expect(s.main.ended).toEqual([{ callId: ringing.id, reason: 'missed' }]);
    expect(s.history).toEqual([expect.objectContaining({ outcome: 'missed', peerDisplay: 'Alice' })]);
  });

  it('reports how each ringing call ended', async () => {
    const s = await withMain();
    const answered = s.agent().ring({ identifier: alice });
    await s.service.answer(answered.id);
    const declined = s.agent().ring({ identifier: alice });
    await s.service.decline(declined.id);
    const elsewhere = s.agent().ring({ identifier: alice });
    elsewhere.end({ code: 487, subCode: 10003 });
    const declinedElsewhere = s.agent().ring({ identifier: alice });
    declinedElsewhere.end({ code: 603, subCode: 10004 });
    const atSignOut = s.agent().ring({ identifier: alice });
    await s.service.stop();
    expect(s.main.ended).toEqual([
      { callId: answered.id, reason: 'answered' },
      { callId: declined.id, reason: 'declined' },
      { callId: elsewhere.id, reason: 'answeredElsewhere' },
      { callId: declinedElsewhere.id, reason: 'declined' },
      { callId: atSignOut.id, reason: 'failed' },
    ]);
  });

  it('rings anyway when main cannot be asked', async () => {
    const s = await withMain('fail');
    s.agent().ring({ identifier: alice });
    await vi.waitFor(() => expect(s.service.incoming[0]?.presentation).toBe('ring'));
  });

  it('without a reporter (no bridge) a call simply rings', async () => {
    const s = await setup();
    s.agent().ring({ identifier: alice });
    expect(s.service.incoming[0]?.presentation).toBe('ring');
  });
});

describe('the notification-action hub', () => {
  it('hands each handler only the kinds it claims; the others wait for theirs', () => {
    const hub = new NotificationActions();
    hub.push({ action: 'answer', callId: 'c1' });
    hub.push({ action: 'openChat', threadId: '19:a@thread.v2' });
    hub.push({ action: 'decline', callId: 'c2' });
    const chat: NotificationAction[] = [];
    hub.handle(['reply', 'openChat'], (a) => chat.push(a));
    expect(chat).toEqual([{ action: 'openChat', threadId: '19:a@thread.v2' }]);
    expect(hub.waiting).toBe(2);
    hub.push({ action: 'answer', callId: 'c3' });
    expect(chat).toHaveLength(1);
    const calls: NotificationAction[] = [];
    const stop = hub.handle(['answer', 'decline'], (a) => calls.push(a));
    expect(calls).toEqual([
      { action: 'answer', callId: 'c1' },
      { action: 'decline', callId: 'c2' },
      { action: 'answer', callId: 'c3' },
    ]);
    hub.push({ action: 'reply', threadId: '19:a@thread.v2', text: 'hi' });
    expect(chat.at(-1)).toEqual({ action: 'reply', threadId: '19:a@thread.v2', text: 'hi' });
    stop();
    hub.push({ action: 'answer', callId: 'c4' });
    expect(calls).toHaveLength(3);
    expect(hub.waiting).toBe(1);
  });
});

describe('call actions from toasts and the tray', () => {
  afterEach(() => {
    pendingDial.take();
    vi.useRealTimers();
  });

  async function handled() {
    const s = await setup();
    const hub = new NotificationActions();
    const shown: string[] = [];
    const stop = handleCallActions({ service: s.service, showHistory: () => shown.push('history') }, hub);
    return { ...s, hub, shown, stop };
  }

  it('Answer and Answer with video accept the ringing call with that ID', async () => {
    const s = await handled();
    const first = s.agent().ring({ identifier: alice });
    s.hub.push({ action: 'answer', callId: first.id });
    await vi.waitFor(() => expect(first.accepted?.state).toBe('Connected'));
    expect(first.acceptedWith).toEqual({});
    await s.service.active!.hangUp();
    const second = s.agent().ring({ identifier: alice });
    s.hub.push({ action: 'answerVideo', callId: second.id });
    await vi.waitFor(() => expect(second.acceptedWith?.videoOptions?.localVideoStreams).toHaveLength(1));
  });

  it('Decline rejects it', async () => {
    const s = await handled();
    const ringing = s.agent().ring({ identifier: alice });
    s.hub.push({ action: 'decline', callId: ringing.id });
    await vi.waitFor(() => expect(s.history[0]?.outcome).toBe('declined'));
    expect(ringing.rejected).toBe(true);
  });

  it('an answer for a call that no longer rings says so', async () => {
    const s = await handled();
    const ringing = s.agent().ring({ identifier: alice });
    ringing.end({ code: 487, subCode: 0 });
    s.hub.push({ action: 'answer', callId: ringing.id });
    expect(s.service.notice).toEqual({ key: 'calls:actions.noLongerRinging', severity: 'info' });
  });

  it('an answer that arrives while calling connects waits for that call to ring', async () => {
    const s = await setup({}, { start: false });
    const hub = new NotificationActions();
    handleCallActions({ service: s.service, showHistory: () => {} }, hub);
    hub.push({ action: 'answer', callId: 'incoming-early' });
    await s.service.start(new FakeCredential(), 'Dana');
    // ACS rings the new agent with the call the toast was about.
    const again = s.agent().ring({ identifier: alice }, 'incoming-early');
    await vi.waitFor(() => expect(again.accepted).toBeDefined());
    expect(s.service.notice).toBeNull();
  });

  it('an answer that waits in vain gives the notice after a while', async () => {
    vi.useFakeTimers();
    const s = await setup({}, { start: false });
    const hub = new NotificationActions();
    handleCallActions({ service: s.service, showHistory: () => {} }, hub);
    hub.push({ action: 'answer', callId: 'gone' });
    expect(s.service.notice).toBeNull();
    await vi.advanceTimersByTimeAsync(ringWaitMs);
    expect(s.service.notice?.key).toBe('calls:actions.noLongerRinging');
  });

  it('Call back fills the dial box and never dials', async () => {
    const s = await handled();
    s.hub.push({ action: 'callBack', callId: 'c1', callerId: '4:+34600123456' });
    expect(pendingDial.current).toBe('+34600123456');
    s.hub.push({ action: 'callBack', callId: 'c2', callerId: '8:acs:abc_def' });
    expect(pendingDial.current).toBe('8:acs:abc_def');
    await settle();
    expect(s.agent().started).toEqual([]);
  });

  it('Missed calls shows the history', async () => {
    const s = await handled();
    s.hub.push({ action: 'showMissedCalls' });
    expect(s.shown).toEqual(['history']);
  });

  it('leaves chat actions to chat', async () => {
    const s = await handled();
    s.hub.push({ action: 'openChat', threadId: '19:a@thread.v2' });
    expect(s.hub.waiting).toBe(1);
  });
});
