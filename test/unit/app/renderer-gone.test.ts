/**
 * A renderer reload or crash, as main-services handles it (main/index.ts calls rendererGone on
 * did-start-loading and render-process-gone): the renderer's calls went with it.
 */
import { describe, expect, it } from 'vitest';
import type { DisplaySleepBlocker } from '../../../main/calls/call-activity.js';
import { appFrame, startTestMainServices } from '../../fixtures/main-services.js';
import { recordingDesktop } from '../../fixtures/desktop-recorder.js';

describe('renderer gone', () => {
  it('stops counting the user as in a call, closes ringing notifications and holds links', async () => {
    const blocker: string[] = [];
    const displaySleepBlocker: DisplaySleepBlocker = { start: () => (blocker.push('start'), 3), stop: (id) => void blocker.push(`stop ${id}`) };
    const rec = recordingDesktop();
    const { services, events } = startTestMainServices({ desktop: rec.desktop, displaySleepBlocker });
    const invoke = (channel: string, payload?: unknown) => services.router.dispatch(channel, payload, appFrame);
    await invoke('deeplinks:ready');
    await invoke('calls:activityChanged', { inCall: true });
    await invoke('notifications:incomingCall', { callId: 'waiting-call', callerName: 'Ada', callerId: '4:+34600123456', withVideo: false });
    expect(services.callActivity.inCall).toBe(true);
    expect(services.desktop.presence.view().status).toBe('inACall');
    expect(rec.live()).toHaveLength(1);

    services.rendererGone();

    expect(services.callActivity.inCall).toBe(false);
    expect(blocker).toEqual(['start', 'stop 3']);
    expect(services.desktop.presence.view()).toEqual({ status: 'available', chosen: 'available', reason: null });
    expect(rec.live()).toEqual([]);
    services.desktop.secondInstance(['app', 'tel:+34600123456']);
    expect(events.sent.filter((e) => e.channel === 'deeplinks:dial')).toEqual([]);
    await invoke('deeplinks:ready');
    expect(events.sent.filter((e) => e.channel === 'deeplinks:dial')).toHaveLength(1);
  });
});
