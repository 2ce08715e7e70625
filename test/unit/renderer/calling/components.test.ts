/** The calling UI in jsdom: what the user sees and what their clicks and keys do. */
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../../contract/settings.js';
import type { CallHistoryView } from '../../../../contract/channels-calls.js';
import type { CallHistoryState } from '../../../../renderer/calling/call-history-state.svelte.js';
import DialPanel from '../../../../renderer/calling/DialPanel.svelte';
import IncomingCallPanel from '../../../../renderer/calling/IncomingCallPanel.svelte';
import CallHistoryList from '../../../../renderer/calling/CallHistoryList.svelte';
import ScreenSharePicker from '../../../../renderer/calling/ScreenSharePicker.svelte';
import ActiveCall from '../../../../renderer/calling/ActiveCall.svelte';
import DeviceSettings from '../../../../renderer/calling/DeviceSettings.svelte';
import CallingOverlay from '../../../../renderer/calling/CallingOverlay.svelte';
import type { IncomingCallPresentation } from '../../../../contract/channels-tray.js';
import { Ringtone } from '../../../../renderer/calling/ringtone.js';
import { i18n } from '../../../../renderer/i18n/i18n.svelte.js';
import { isMuteShortcut } from '../../../../renderer/calling/shortcuts.js';
import type { FakeCall } from '../../../fixtures/calling-sdk-double/index.js';
import { missedEntry, setup } from './service-setup.js';

describe('DialPanel', () => {
  it('shows a translated error for what cannot be dialled, and dials nothing', async () => {
    const { service: s, double } = await setup();
    render(DialPanel, { service: s, defaultCountry: 'US' });
    await fireEvent.input(screen.getByLabelText('Name, number or ID'), { target: { value: 'pizza' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Call' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That is not a phone number or a user ID.');
    expect(screen.getByLabelText('Name, number or ID')).toHaveAttribute('aria-invalid', 'true');
    expect(double.client.agent!.started).toHaveLength(0);
  });

  it('builds a number from the keypad, previews it in E.164, and dials it', async () => {
    const { service: s, double } = await setup();
    render(DialPanel, { service: s, defaultCountry: 'US' });
    for (const key of '4255550100') await fireEvent.click(screen.getByRole('button', { name: key, exact: true } as never));
    expect(screen.getByLabelText('Name, number or ID')).toHaveValue('4255550100');
    expect(await screen.findByText('Will call +14255550100')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Delete last digit' }));
    expect(screen.getByLabelText('Name, number or ID')).toHaveValue('425555010');
    await fireEvent.click(screen.getByRole('button', { name: '0', exact: true } as never));
    await fireEvent.click(screen.getByRole('button', { name: 'Call' }));
    await waitFor(() => expect(double.client.agent!.started[0]?.participants).toEqual([{ phoneNumber: '+14255550100' }]));
    expect(screen.getByLabelText('Name, number or ID')).toHaveValue('');
  });

  it('takes a number handed over from outside (a tel: link) without dialling it', async () => {
    const { service: s, double } = await setup();
    const taken = vi.fn();
    render(DialPanel, { service: s, defaultCountry: 'US', pending: 'tel:+1-425-555-0100', onpendingtaken: taken });
    expect(screen.getByLabelText('Name, number or ID')).toHaveValue('tel:+1-425-555-0100');
    expect(taken).toHaveBeenCalledOnce();
    expect(await screen.findByText('Will call +14255550100')).toBeInTheDocument();
    expect(double.client.agent!.started).toHaveLength(0);
  });

  it('keeps the extension of a tel: link and previews it in the user\'s language', async () => {
    const { service: s } = await setup();
    render(DialPanel, { service: s, defaultCountry: 'US', pending: '+12015550123;ext=42' });
    expect(screen.getByLabelText('Name, number or ID')).toHaveValue('+12015550123;ext=42');
    expect(await screen.findByText('Will call +12015550123 ext. 42')).toBeInTheDocument();
    await i18n.setLocale('es');
    try {
      expect(await screen.findByText('Se llamará a +12015550123, extensión 42')).toBeInTheDocument();
    } finally {
      await i18n.setLocale('en');
    }
  });

  it('says why phone numbers are unavailable, and hides video when IT turned it off', async () => {
    const { service: s } = await setup({ callerId: '', allowVideo: false });
    render(DialPanel, { service: s, defaultCountry: 'GB' });
    // The reason reads as a sentence of its own (it is also shown alone as a dial error).
    expect(screen.getByText('Phone numbers cannot be called. No caller ID is set for your organisation. Ask IT to set one.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Video call' })).toBeNull();
    expect(screen.getByText(/read as GB/)).toBeInTheDocument();
  });
});

describe('IncomingCallPanel', () => {
  it('shows the caller and announces the call with its shortcuts, without taking the focus', async () => {
    const { service: s, double } = await setup();
    const composer = document.createElement('textarea');
    document.body.append(composer);
    composer.focus();
    const incoming = double.client.agent!.ring({ identifier: { kind: 'phoneNumber', phoneNumber: '+14255550100' }, displayName: 'Front Desk' });
    render(IncomingCallPanel, { service: s, ring: s.incoming[0]!, platform: 'win32' });
    expect(screen.getByRole('region', { name: 'Incoming call' })).toHaveTextContent('Front Desk is calling');
    expect(screen.getByText('+14255550100')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Front Desk is calling. Press Ctrl+Shift+S to answer or Ctrl+Shift+D to decline.');
    expect(screen.getByRole('button', { name: 'Answer' })).toHaveAttribute('aria-keyshortcuts', 'Control+Shift+S');
    // Someone typing a chat message keeps typing: Enter does not answer.
    expect(composer).toHaveFocus();
    await fireEvent.click(screen.getByRole('button', { name: 'Answer with video' }));
    await waitFor(() => expect(incoming.acceptedWith?.videoOptions?.localVideoStreams).toHaveLength(1));
    composer.remove();
  });

  it('offers hold-and-answer while in a call', async () => {
    const { service: s, double } = await setup();
    await s.answer(double.client.agent!.ring({ identifier: { kind: 'unknown', id: 'x' } }).id);
    double.client.agent!.ring({ identifier: undefined });
    render(IncomingCallPanel, { service: s, ring: s.incoming[0]! });
    expect(screen.getByText('Unknown caller is calling')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Hold and answer' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Answer with video' })).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Decline' }));
    await waitFor(() => expect(double.client.agent!.ringing[1]!.rejected).toBe(true));
  });

  it('under Do not disturb is a quiet entry that can still be answered', async () => {
    const { service: s, double } = await setup();
    const incoming = double.client.agent!.ring({ identifier: { kind: 'phoneNumber', phoneNumber: '+14255550100' }, displayName: 'Front Desk' });
    render(IncomingCallPanel, { service: s, ring: { ...s.incoming[0]!, presentation: 'suppressed' }, platform: 'darwin' });
    expect(screen.getByRole('region', { name: 'Incoming call — Do not disturb' })).toHaveTextContent('Front Desk is calling');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('Press ⌘⇧S to answer');
    await fireEvent.click(screen.getByRole('button', { name: 'Answer' }));
    await waitFor(() => expect(incoming.accepted).toBeDefined());
  });
});

describe('CallingOverlay', () => {
  function recordingRingtone() {
    const played: (string | null)[] = [];
    const ringtone = new Ringtone(() => null);
    ringtone.play = (kind) => void played.push(kind);
    ringtone.stop = () => void played.push(null);
    return { ringtone, played };
  }

  async function ringingWith(presentation: IncomingCallPresentation) {
    const { service: s, double } = await setup({}, { deps: { ringing: { started: async () => presentation, ended: () => {} } } });
    const { ringtone, played } = recordingRingtone();
    render(CallingOverlay, { onCallsView: false, onshowcalls: () => {}, service: s, ringtone, platform: 'win32' });
    const incoming = double.client.agent!.ring({ identifier: { kind: 'phoneNumber', phoneNumber: '+14255550100' }, displayName: 'Front Desk' });
    return { service: s, double, played, incoming };
  }

  it('rings for a call main presents as ringing, and answers with the shortcut', async () => {
    const { played, incoming } = await ringingWith('ring');
    await screen.findByRole('region', { name: 'Incoming call' });
    expect(played.filter(Boolean)).toEqual(['ring']);
    await fireEvent.keyDown(window, { key: 'S', ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(incoming.accepted).toBeDefined());
    await waitFor(() => expect(played.at(-1)).toBeNull());
  });

  it('Do not disturb: no ringtone and no ringing panel, only the quiet entry; Ctrl+Shift+D declines', async () => {
    const { played, incoming } = await ringingWith('suppressed');
    await screen.findByRole('region', { name: 'Incoming call — Do not disturb' });
    expect(screen.queryByRole('region', { name: 'Incoming call' })).toBeNull();
    expect(played.filter(Boolean)).toEqual([]);
    await fireEvent.keyDown(window, { key: 'd', ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(incoming.rejected).toBe(true));
  });

  it('a waiting call beeps softly', async () => {
    const { played } = await ringingWith('callWaiting');
    await screen.findByRole('region', { name: 'Incoming call' });
    expect(played.filter(Boolean)).toEqual(['waiting']);
  });

  it('shows the call\'s notices in the call bar when Calls is not in view', async () => {
    const { service: s, incoming } = await ringingWith('ring');
    await s.answer(incoming.id);
    const bar = await screen.findByRole('region', { name: 'Current call' });
    s.notice = { key: 'calls:errors.answerFailed', severity: 'error' };
    await waitFor(() => expect(bar).toHaveTextContent('The call could not be answered. The caller may have hung up.'));
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(s.notice).toBeNull();
  });

  it('closes the screen-share picker when main gives up on the request, and tells the service it was no failure', async () => {
    const listeners: Record<string, (payload: never) => void> = {};
    const chosen: unknown[] = [];
    (window as unknown as { softphone: unknown }).softphone = {
      calls: {
        onScreenShareRequest: (l: (p: never) => void) => ((listeners.request = l), () => {}),
        onScreenShareClosed: (l: (p: never) => void) => ((listeners.closed = l), () => {}),
        screenShareChoose: async (request: unknown) => (chosen.push(request), { ok: true, value: undefined }),
      },
    };
    try {
      const { service: s } = await ringingWith('ring');
      const closed = vi.spyOn(s, 'screenSharePickerClosed');
      const request = { requestId: 'r1', sources: [{ id: 'screen:0:0', name: 'Screen 1', kind: 'screen', thumbnail: '' }] };
      listeners.request!(request as never);
      expect(await screen.findByRole('dialog', { name: 'Choose what to share' })).toBeInTheDocument();
      listeners.closed!({ requestId: 'other' } as never);
      expect(screen.getByRole('dialog')).toBeInTheDocument();
      listeners.closed!({ requestId: 'r1' } as never);
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      expect(closed).toHaveBeenCalledOnce();
      // Cancel in the picker: also no failure, and main hears the empty choice.
      listeners.request!({ ...request, requestId: 'r2' } as never);
      await fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
      expect(closed).toHaveBeenCalledTimes(2);
      expect(chosen).toEqual([{ requestId: 'r2', sourceId: '' }]);
    } finally {
      delete (window as unknown as { softphone?: unknown }).softphone;
    }
  });
});

describe('ActiveCall', () => {
  it('shows state and timer, toggles mute with aria-pressed, and hangs up', async () => {
    // The call's timer ticks on the real clock: the call starts on it too.
    const { service: s, double } = await setup({}, { deps: { now: () => Date.now() } });
    await s.answer(double.client.agent!.ring({ identifier: { kind: 'phoneNumber', phoneNumber: '+14255550100' }, displayName: 'Front Desk' }).id);
    const session = s.active!;
    render(ActiveCall, { service: s, session, muteShortcut: 'Ctrl+Shift+M' });
    expect(screen.getByRole('article', { name: 'Front Desk' })).toHaveTextContent('Connected');
    expect(screen.getByRole('timer')).toHaveTextContent(/^0:0\d$/);
    await fireEvent.click(screen.getByRole('button', { name: 'Mute' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true'));
    // As a user does: click Keypad (the focus stays on that button) and type digits at once.
    const toggle = screen.getByRole('button', { name: 'Keypad' });
    toggle.focus();
    await fireEvent.click(toggle);
    expect(screen.getByRole('group', { name: 'Keypad' })).toBeInTheDocument();
    for (const key of ['5', '#']) await fireEvent.keyDown(document.activeElement!, { key });
    await waitFor(() => expect((session.call as FakeCall).sentTones).toEqual(['Num5', 'Pound']));
    await fireEvent.click(screen.getByRole('button', { name: 'Hang up' }));
    await waitFor(() => expect(session.isEnded).toBe(true));
  });

  it('shows a transfer error from a bad target', async () => {
    const { service: s, double } = await setup();
    await s.answer(double.client.agent!.ring({ identifier: { kind: 'unknown', id: 'x' }, displayName: 'Pat' }).id);
    render(ActiveCall, { service: s, session: s.active!, muteShortcut: 'Ctrl+Shift+M' });
    await fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    await fireEvent.input(screen.getByLabelText('Transfer to'), { target: { value: '12' } });
    await fireEvent.submit(screen.getByLabelText('Transfer to').closest('form')!);
    expect(await screen.findByRole('alert')).toHaveTextContent('That number is too short.');
  });
});

describe('CallHistoryList', () => {
  it('lists calls with outcome and duration, counts missed ones, and calls back', async () => {
    const view: CallHistoryView = {
      missedCount: 1,
      entries: [
        missedEntry,
        { id: '2', direction: 'outgoing', peerRawId: '8:echo123', peerDisplay: '8:echo123', startedAt: '2026-11-25T08:00:00.000Z', durationSeconds: 75, outcome: 'completed', endCode: 0, endSubCode: 0 },
      ],
    };
    const oncallback = vi.fn();
    render(CallHistoryList, { history: { view, recoveredBackupPath: '/tmp/call-history.unreadable.json' } as unknown as CallHistoryState, oncallback });
    expect(screen.getByText('Missed calls: 1')).toBeInTheDocument();
    expect(screen.getByText(/Incoming · Missed/)).toBeInTheDocument();
    expect(screen.getByText(/Outgoing · Completed · 1:15/)).toBeInTheDocument();
    expect(screen.getByText(/was kept at \/tmp\/call-history.unreadable.json/)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Call back Sam' }));
    expect(oncallback).toHaveBeenCalledWith('4:+14255550111');
  });

  it('disables call back while one is being placed', () => {
    const view: CallHistoryView = { missedCount: 0, entries: [missedEntry] };
    render(CallHistoryList, { history: { view, recoveredBackupPath: null } as unknown as CallHistoryState, oncallback: () => {}, busy: true });
    expect(screen.getByRole('button', { name: 'Call back Sam' })).toBeDisabled();
  });
});

describe('DeviceSettings', () => {
  it('says so when a chosen device cannot be used or remembered', async () => {
    let failSave = true;
    const saveSettings = async () => {
      if (failSave) throw new Error('disk full');
    };
    const { service: s, double } = await setup({ callerId: defaultSettings.callerId }, { deps: { saveSettings } });
    render(DeviceSettings, { devices: s.devices, idPrefix: 'settings-devices' });
    await fireEvent.change(screen.getByLabelText('Microphone'), { target: { value: 'mic-usb' } });
    expect(await screen.findByRole('alert')).toHaveTextContent('That device could not be selected. Try again.');
    failSave = false;
    await fireEvent.change(screen.getByLabelText('Camera'), { target: { value: 'cam-2' } });
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    double.client.deviceManager.failures.failNext('selectSpeaker');
    await fireEvent.change(screen.getByLabelText('Speaker'), { target: { value: 'spk-usb' } });
    expect(await screen.findByRole('alert')).toHaveTextContent('That device could not be selected.');
  });
});

describe('ScreenSharePicker', () => {
  it('groups screens and windows, shares only once something is chosen, and cancels with Escape', async () => {
    const onchoose = vi.fn();
    render(ScreenSharePicker, {
      request: {
        requestId: 'r1',
        sources: [
          { id: 'screen:0:0', name: 'Screen 1', kind: 'screen', thumbnail: '' },
          { id: 'window:7:0', name: 'Report', kind: 'window', thumbnail: '' },
        ],
      },
      onchoose,
    });
    expect(screen.getByRole('group', { name: 'Entire screen' })).toHaveTextContent('Screen 1');
    expect(screen.getByRole('group', { name: 'Window' })).toHaveTextContent('Report');
    expect(screen.getByRole('button', { name: 'Share' })).toBeDisabled();
    await fireEvent.click(screen.getByLabelText('Report'));
    await fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    expect(onchoose).toHaveBeenLastCalledWith('window:7:0');
    await fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onchoose).toHaveBeenLastCalledWith('');
  });
});

describe('Ringtone', () => {
  it('rings with two tones, beeps softly for a waiting call, and stops', () => {
    vi.useFakeTimers();
    const started: number[] = [];
    const context = {
      currentTime: 0,
      destination: {},
      resume: async () => {},
      createGain: () => ({ gain: { setValueAtTime() {}, linearRampToValueAtTime() {} }, connect() {} }),
      createOscillator: () => {
        const oscillator = { frequency: { value: 0 }, connect() {}, start: () => started.push(oscillator.frequency.value), stop() {} };
        return oscillator;
      },
    };
    const ringtone = new Ringtone(() => context as unknown as AudioContext);
    ringtone.play('ring');
    expect(started).toEqual([440, 480]);
    vi.advanceTimersByTime(6000);
    expect(started).toEqual([440, 480, 440, 480]);
    ringtone.play('waiting');
    expect(ringtone.playing).toBe('waiting');
    expect(started.slice(4)).toEqual([440]);
    ringtone.stop();
    vi.advanceTimersByTime(60_000);
    expect(started).toHaveLength(5);
    expect(ringtone.playing).toBeNull();
    vi.useRealTimers();
  });

  it('stays silent where there is no audio', () => {
    const ringtone = new Ringtone(() => null);
    ringtone.play('ring');
    expect(ringtone.playing).toBeNull();
  });
});

describe('mute shortcut', () => {
  it.each([
    [{ key: 'M', ctrlKey: true, shiftKey: true, metaKey: false, altKey: false }, true],
    [{ key: 'm', ctrlKey: false, shiftKey: true, metaKey: true, altKey: false }, true],
    [{ key: 'm', ctrlKey: true, shiftKey: false, metaKey: false, altKey: false }, false],
    [{ key: 'm', ctrlKey: true, shiftKey: true, metaKey: false, altKey: true }, false],
    [{ key: 'n', ctrlKey: true, shiftKey: true, metaKey: false, altKey: false }, false],
  ])('%j → %s', (event, expected) => expect(isMuteShortcut(event)).toBe(expected));
});
