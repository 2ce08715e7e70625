/**
 * The CallingService against the SDK double: every state and transition a user meets, and the
 * failures (permission denied, accept failing, transfer failing, agent disconnected).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallingService, maxAgentRecoveries } from '../../../../renderer/calling/calling-service.svelte.js';
import { extensionDelayMs, dtmfGapMs } from '../../../../renderer/calling/call-session.svelte.js';
import { camera, FakeCall, FakeCredential, FakeRemoteVideoStream, mic } from '../../../fixtures/calling-sdk-double/index.js';
import type { Settings } from '../../../../contract/settings.js';
import { alice, bobId, settle, setup } from './service-setup.js';

describe('CallingService: agent', () => {
  it('creates one CallClient and one CallAgent with the credential and display name', async () => {
    const s = await setup();
    expect(s.double.clients).toHaveLength(1);
    expect(s.double.client.agents).toHaveLength(1);
    expect(s.agent().credential).toBe(s.credential);
    expect(s.agent().displayName).toBe('Dana Agent');
    expect(s.service.phase).toBe('ready');
    expect(s.service.connection).toBe('Connected');
  });

  it('lists devices and applies the remembered microphone', async () => {
    const s = await setup({ microphoneId: 'mic-usb' });
    expect(s.service.devices.microphones.map((d) => d.id)).toEqual(['mic-default', 'mic-usb']);
    expect(s.service.devices.cameras.map((d) => d.name)).toEqual(['Integrated Camera', 'USB Camera']);
    expect(s.double.client.deviceManager.selectedMicrophone?.id).toBe('mic-usb');
    expect(s.service.devices.selectedMicrophoneId).toBe('mic-usb');
  });

  it('says so when the agent cannot be created', async () => {
    const s = await setup({}, { start: false });
    const credential = new FakeCredential();
    credential.failNextToken = new Error('token service down');
    await s.service.start(credential, 'Dana');
    expect(s.service.phase).toBe('failed');
    expect(s.service.notice).toEqual({ key: 'calls:errors.agentFailed', severity: 'error' });
  });

  it('retries after a failure with the same identity, without doubling device listeners', async () => {
    const s = await setup();
    const listenersBefore = s.double.client.deviceManager.listenerCount();
    for (let i = 0; i < maxAgentRecoveries; i++) s.double.client.failures.failNext('createCallAgent');
    s.agent().setConnectionState('Disconnected', 'invalidToken');
    await vi.waitFor(() => expect(s.service.phase).toBe('failed'));
    await s.service.retry();
    expect(s.service.phase).toBe('ready');
    expect(s.double.clients).toHaveLength(2);
    expect(s.double.clients[0]!.disposed).toBe(true);
    expect(s.double.clients[0]!.deviceManager.listenerCount()).toBe(0);
    expect(s.double.client.deviceManager.listenerCount()).toBe(listenersBefore);
    expect(s.agent().credential).toBe(s.renewed.at(-1) ?? s.credential);
  });

  it('shows a lost connection and clears it when the SDK reconnects, keeping the agent', async () => {
    const s = await setup();
    s.agent().setConnectionState('Disconnected', 'connectionIssue');
    expect(s.service.connection).toBe('Disconnected');
    expect(s.service.notice?.key).toBe('calls:connection.lost');
    s.agent().setConnectionState('Connected');
    expect(s.service.notice).toBeNull();
    expect(s.double.client.agents).toHaveLength(1);
  });

  it('recreates the agent with a fresh token when the token was invalid', async () => {
    const s = await setup();
    const first = s.agent();
    first.setConnectionState('Disconnected', 'invalidToken');
    expect(s.service.phase).toBe('reconnecting');
    expect(s.service.notice?.key).toBe('calls:connection.tokenExpired');
    await vi.waitFor(() => expect(s.service.phase).toBe('ready'));
    expect(first.disposed).toBe(true);
    expect(first.listenerCount()).toBe(0);
    expect(s.double.client.agents).toHaveLength(2);
    expect(s.agent().credential).toBe(s.renewed[0]);
    expect(s.service.notice).toBeNull();
    // The new agent rings as before.
    s.agent().ring({ identifier: alice, displayName: 'Alice' });
    expect(s.service.incoming).toHaveLength(1);
  });

  it('waits for calls in progress to end before recreating the agent', async () => {
    const s = await setup();
    const dialled = await s.service.dial(bobId);
    if (!dialled.ok) throw new Error('dial failed');
    (dialled.session.call as FakeCall).connect();
    s.agent().setConnectionState('Disconnected', 'invalidToken');
    await settle();
    expect(s.double.client.agents).toHaveLength(1);
    expect(s.agent().disposed).toBe(false);
    expect(dialled.session.state).toBe('Connected');
    await dialled.session.hangUp();
    await vi.waitFor(() => expect(s.double.client.agents).toHaveLength(2));
    expect(s.double.client.agents[0]!.disposed).toBe(true);
    await vi.waitFor(() => expect(s.service.phase).toBe('ready'));
  });

  it('gives up after a bounded number of failed recoveries and says so', async () => {
    const s = await setup();
    for (let i = 0; i < maxAgentRecoveries; i++) s.double.client.failures.failNext('createCallAgent');
    s.agent().setConnectionState('Disconnected', 'invalidToken');
    await vi.waitFor(() => expect(s.service.phase).toBe('failed'));
    expect(s.service.notice?.key).toBe('calls:errors.agentFailed');
    expect(s.double.client.agents).toHaveLength(1);
  });

  it('stop() hangs up, rejects ringing calls and disposes the agent and client', async () => {
    const s = await setup();
    const outcome = await s.service.dial(bobId);
    const incoming = s.agent().ring({ identifier: alice });
    await s.service.stop();
    expect(outcome.ok && (outcome.session.call as FakeCall).state).toBe('Disconnected');
    expect(incoming.rejected).toBe(true);
    expect(s.agent().disposed).toBe(true);
    expect(s.double.client.disposed).toBe(true);
    expect(s.service.phase).toBe('signedOut');
    expect(s.activity).toEqual([true, false]);
  });
});

describe('CallingService: dialling', () => {
  it.each([
    ['', 'calls:dialErrors.empty'],
    ['not a number', 'calls:dialErrors.notRecognised'],
    ['8:orgid:nope', 'calls:dialErrors.invalidTeamsId'],
  ])('refuses %j before dialling', async (input, key) => {
    const s = await setup();
    expect(await s.service.dial(input)).toEqual({ ok: false, messageKey: key });
    expect(s.agent().started).toHaveLength(0);
  });

  it('asks for the microphone before the first call, and only once', async () => {
    const s = await setup();
    await s.service.dial(bobId);
    await s.service.dial('8:echo123');
    expect(s.double.client.deviceManager.permissionRequests).toEqual([{ audio: true, video: false }]);
  });

  it('does not dial when the microphone is refused', async () => {
    const s = await setup();
    s.double.client.deviceManager.access = { audio: false, video: false };
    expect(await s.service.dial(bobId)).toEqual({ ok: false, messageKey: 'calls:errors.micPermissionDenied' });
    expect(s.service.devices.audioPermission).toBe('denied');
    expect(s.agent().started).toHaveLength(0);
  });

  it('calls a phone number in E.164 with the organisation caller ID', async () => {
    const s = await setup({ defaultCountry: 'GB' });
    const outcome = await s.service.dial('020 7946 0958');
    expect(outcome.ok).toBe(true);
    expect(s.agent().started[0]!.participants).toEqual([{ phoneNumber: '+442079460958' }]);
    expect(s.agent().started[0]!.options?.alternateCallerId).toEqual({ phoneNumber: '+14255550199' });
    expect(outcome.ok && outcome.session.peer).toEqual({ rawId: '4:+442079460958', display: '+442079460958' });
  });

  it('explains why phone calls are unavailable without a caller ID or when IT turned them off', async () => {
    const noCallerId = await setup({ callerId: '' });
    expect(noCallerId.service.phoneCallsUnavailableReason).toBe('calls:errors.noCallerId');
    expect(await noCallerId.service.dial('+1 425 555 0100')).toEqual({ ok: false, messageKey: 'calls:errors.noCallerId' });
    // Users are still reachable.
    expect((await noCallerId.service.dial(bobId)).ok).toBe(true);
    const disabled = await setup({ allowPhoneCalls: false });
    expect(await disabled.service.dial('+1 425 555 0100')).toEqual({ ok: false, messageKey: 'calls:errors.phoneCallsDisabled' });
    expect(disabled.agent().started).toHaveLength(0);
  });

  it('calls the echo bot and Teams users', async () => {
    const s = await setup();
    await s.service.dial('8:echo123');
    await s.service.dial('8:orgid:0fd9b5b8-1b3c-4c11-9d7e-2a3e5d1f6c0a');
    expect(s.agent().started.map((c) => c.participants[0])).toEqual([
      { id: '8:echo123' },
      { microsoftTeamsUserId: '0fd9b5b8-1b3c-4c11-9d7e-2a3e5d1f6c0a', cloud: 'public', rawId: '8:orgid:0fd9b5b8-1b3c-4c11-9d7e-2a3e5d1f6c0a' },
    ]);
  });

  it('starts with video only when asked and allowed', async () => {
    const s = await setup();
    await s.service.dial(bobId, { video: true });
    expect(s.agent().started[0]!.options?.videoOptions?.localVideoStreams).toHaveLength(1);
    expect(s.double.client.deviceManager.permissionRequests.at(-1)).toEqual({ audio: true, video: true });
    const noVideo = await setup({ allowVideo: false });
    await noVideo.service.dial(bobId, { video: true });
    expect(noVideo.agent().started[0]!.options?.videoOptions).toBeUndefined();
  });

  it('refuses to dial while the agent is not ready', async () => {
    const s = await setup({}, { start: false });
    expect(await s.service.dial(bobId)).toEqual({ ok: false, messageKey: 'calls:errors.notConnected' });
  });

  it('reports a startCall that throws', async () => {
    const s = await setup();
    s.agent().failures.failNext('startCall');
    expect(await s.service.dial(bobId)).toEqual({ ok: false, messageKey: 'calls:errors.startFailed' });
  });
});

describe('CallingService: an outgoing call', () => {
  it('runs the timer from connect, tells main, and records a completed call', async () => {
    const s = await setup();
    const outcome = await s.service.dial(bobId);
    if (!outcome.ok) throw new Error('dial failed');
    const session = outcome.session;
    const call = session.call as FakeCall;
    expect(session.state).toBe('Connecting');
    expect(s.activity).toEqual([true]);
    s.clock.now += 3_000;
    call.connect();
    expect(session.connectedAt).toBe(s.clock.now);
    s.clock.now += 65_000;
    expect(session.durationSeconds()).toBe(65);
    await s.service.active!.hangUp();
    expect(s.service.sessions).toHaveLength(0);
    expect(s.activity).toEqual([true, false]);
    expect(s.history).toEqual([
      {
        direction: 'outgoing',
        peerRawId: bobId,
        peerDisplay: bobId,
        startedAt: '2026-11-25T09:00:00.000Z',
        durationSeconds: 65,
        outcome: 'completed',
        endCode: 0,
        endSubCode: 0,
      },
    ]);
    expect(s.service.notice).toBeNull();
    expect(call.listenerCount()).toBe(0);
  });

  it.each([
    [480, 'calls:endReasons.notReachable', 'failed'],
    [486, 'calls:endReasons.busy', 'declined'],
    [603, 'calls:endReasons.declined', 'declined'],
    [403, 'calls:endReasons.signIn', 'failed'],
    [404, 'calls:endReasons.notFound', 'failed'],
    [490, 'calls:endReasons.localNetwork', 'failed'],
    [503, 'calls:endReasons.serviceUnavailable', 'failed'],
  ])('ends on %i with a sentence (%s) and a %s history entry', async (code, key, outcome) => {
    const s = await setup();
    const dialled = await s.service.dial(bobId);
    if (!dialled.ok) throw new Error('dial failed');
    (dialled.session.call as FakeCall).end({ code, subCode: 1 });
    expect(s.service.notice?.key).toBe(key);
    expect(s.history[0]).toMatchObject({ outcome, endCode: code, endSubCode: 1, durationSeconds: 0 });
    expect(s.service.isInCall).toBe(false);
  });

  it('records a call the user hung up before it was answered as cancelled, without an error', async () => {
    const s = await setup();
    const dialled = await s.service.dial(bobId);
    if (!dialled.ok) throw new Error('dial failed');
    await dialled.session.hangUp();
    expect(s.history[0]?.outcome).toBe('cancelled');
    expect(s.service.notice).toBeNull();
  });

  it('sends the extension as DTMF once connected', async () => {
    vi.useFakeTimers();
    try {
      const s = await setup();
      const dialled = await s.service.dial('+1 425 555 0100 ext. 42');
      if (!dialled.ok) throw new Error('dial failed');
      const call = dialled.session.call as FakeCall;
      call.connect();
      await vi.advanceTimersByTimeAsync(extensionDelayMs + dtmfGapMs * 3);
      expect(call.sentTones).toEqual(['Num4', 'Num2']);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('CallingService: incoming calls', () => {
  it('rings with the caller name and number', async () => {
    const s = await setup();
    s.agent().ring({ identifier: { kind: 'phoneNumber', phoneNumber: '+14255550100' }, displayName: 'Front Desk' });
    expect(s.service.incoming).toEqual([
      expect.objectContaining({ callerName: 'Front Desk', callerId: '+14255550100', rawId: '4:+14255550100' }),
    ]);
  });

  it('answers with audio only, asking for the microphone first', async () => {
    const s = await setup();
    const ringing = s.agent().ring({ identifier: alice, displayName: 'Alice' });
    expect(await s.service.answer(ringing.id)).toBe(true);
    expect(s.double.client.deviceManager.permissionRequests).toEqual([{ audio: true, video: false }]);
    expect(ringing.acceptedWith).toEqual({});
    expect(s.service.incoming).toEqual([]);
    expect(s.service.active?.peer).toEqual({ rawId: alice.communicationUserId, display: 'Alice' });
    expect(s.service.active?.state).toBe('Connected');
  });

  it('answers with video', async () => {
    const s = await setup();
    const ringing = s.agent().ring({ identifier: alice });
    await s.service.answer(ringing.id, { video: true });
    expect(ringing.acceptedWith?.videoOptions?.localVideoStreams?.[0]?.source.id).toBe('cam-1');
    expect(s.service.active?.isLocalVideoOn).toBe(true);
  });

  it('does not answer when the microphone is refused, and keeps ringing', async () => {
    const s = await setup();
    s.double.client.deviceManager.access = { audio: false, video: true };
    const ringing = s.agent().ring({ identifier: alice });
    expect(await s.service.answer(ringing.id)).toBe(false);
    expect(s.service.notice?.key).toBe('calls:errors.micPermissionDenied');
    expect(ringing.acceptedWith).toBeUndefined();
    expect(s.service.incoming).toHaveLength(1);
  });

  it('says so when accepting fails', async () => {
    const s = await setup();
    const ringing = s.agent().ring({ identifier: alice });
    ringing.failures.failNext('accept');
    expect(await s.service.answer(ringing.id)).toBe(false);
    expect(s.service.notice?.key).toBe('calls:errors.answerFailed');
    expect(s.service.sessions).toHaveLength(0);
  });

  it('declines and records it', async () => {
    const s = await setup();
    const ringing = s.agent().ring({ identifier: alice, displayName: 'Alice' });
    await s.service.decline(ringing.id);
    expect(ringing.rejected).toBe(true);
    expect(s.service.incoming).toEqual([]);
    expect(s.history).toEqual([expect.objectContaining({ direction: 'incoming', outcome: 'declined', peerDisplay: 'Alice', durationSeconds: 0 })]);
  });

  it('turns a call the caller gave up on into a missed call', async () => {
    const s = await setup();
    const ringing = s.agent().ring({ identifier: alice, displayName: 'Alice' });
    ringing.end({ code: 487, subCode: 0 });
    expect(s.service.incoming).toEqual([]);
    expect(s.history).toEqual([expect.objectContaining({ outcome: 'missed', peerRawId: alice.communicationUserId, endCode: 487 })]);
    expect(s.service.notice).toEqual({ key: 'calls:incoming.missed', params: { name: 'Alice' }, severity: 'info' });
    expect(ringing.listenerCount()).toBe(0);
  });

  it('does not count a call answered on another device as missed', async () => {
    const s = await setup();
    s.agent().ring({ identifier: alice }).end({ code: 487, subCode: 10003 });
    expect(s.history[0]?.outcome).toBe('answeredElsewhere');
    expect(s.service.notice).toBeNull();
  });

  it('holds the current call to answer a second one, and swaps back on resume', async () => {
    const s = await setup();
    const first = s.agent().ring({ identifier: alice, displayName: 'Alice' });
    await s.service.answer(first.id);
    const firstSession = s.service.active!;
    const second = s.agent().ring({ identifier: { kind: 'communicationUser', communicationUserId: bobId }, displayName: 'Bob' });
    expect(s.service.incoming).toHaveLength(1);
    await s.service.answer(second.id);
    expect(firstSession.hold).toBe('local');
    expect(s.service.active?.peer.display).toBe('Bob');
    await s.service.resume(firstSession);
    expect(firstSession.hold).toBe('none');
    expect(s.service.sessions.find((x) => x.peer.display === 'Bob')?.hold).toBe('local');
    expect(s.service.active).toBe(firstSession);
  });

  it('declines a second call without touching the first', async () => {
    const s = await setup();
    await s.service.answer(s.agent().ring({ identifier: alice }).id);
    const second = s.agent().ring({ identifier: alice });
    await s.service.decline(second.id);
    expect(s.service.active?.state).toBe('Connected');
  });
});

describe('CallingService: in a call', () => {
  async function inCall(overrides: Partial<Settings> = {}) {
    const s = await setup(overrides);
    const ringing = s.agent().ring({ identifier: alice, displayName: 'Alice' });
    await s.service.answer(ringing.id);
    const session = s.service.active!;
    return { ...s, session, call: session.call as FakeCall };
  }

  it('mutes and unmutes, and shows a mute it did not ask for', async () => {
    const { session, call } = await inCall();
    await session.toggleMute();
    expect(session.isMuted).toBe(true);
    await session.toggleMute();
    expect(session.isMuted).toBe(false);
    call.setMuted(true); // muted by someone else
    expect(session.isMuted).toBe(true);
  });

  it('tells local hold from remote hold', async () => {
    const { session, call } = await inCall();
    await session.putOnHold();
    expect(session.hold).toBe('local');
    await session.resume();
    expect(session.hold).toBe('none');
    call.setState('RemoteHold');
    expect(session.hold).toBe('remote');
  });

  it('reports a hold that fails', async () => {
    const { session, call } = await inCall();
    call.failures.failNext('hold');
    await session.putOnHold();
    expect(session.error).toBe('calls:errors.holdFailed');
    expect(session.hold).toBe('none');
  });

  it('sends DTMF for keypad keys and ignores anything else', async () => {
    const { session, call } = await inCall();
    for (const key of ['1', '*', '#', '0']) expect(await session.sendDtmf(key)).toBe(true);
    expect(await session.sendDtmf('z')).toBe(false);
    expect(call.sentTones).toEqual(['Num1', 'Star', 'Pound', 'Num0']);
  });

  it('turns the camera on and off, renders the preview and remote video, and disposes renderers at the end', async () => {
    const { service, session, call, double } = await inCall();
    await service.toggleVideo(session);
    expect(session.isLocalVideoOn).toBe(true);
    const preview = document.createElement('div');
    await session.attachLocalPreview(preview);
    expect(preview.textContent).toBe('local:Integrated Camera');
    const participant = call.remoteParticipants[0]!;
    participant.addVideo(new FakeRemoteVideoStream(7));
    expect(session.remoteVideos).toEqual([{ key: '7', streamId: 7, participant: 'Alice', isScreenShare: false }]);
    const remote = document.createElement('div');
    await session.attachRemoteVideo(7, remote);
    expect(remote.textContent).toBe('remote:7');
    participant.videoStreams[0]!.setAvailable(false);
    expect(session.remoteVideos).toEqual([]);
    await service.toggleVideo(session);
    expect(session.isLocalVideoOn).toBe(false);
    const removePreview = await session.attachLocalPreview(document.createElement('div'));
    await session.hangUp();
    // The video tile's teardown after the call ended must not dispose twice.
    expect(() => removePreview()).not.toThrow();
    expect(double.renderers).toHaveLength(3);
    expect(double.renderers.every((r) => r.disposed)).toBe(true);
    expect(double.localStreams.every((st) => st.disposed)).toBe(true);
    expect(participant.listenerCount()).toBe(0);
  });

  it('does not start video when IT turned video off, and reports a refused camera', async () => {
    const blocked = await inCall({ allowVideo: false });
    await blocked.service.toggleVideo(blocked.session);
    expect(blocked.session.isLocalVideoOn).toBe(false);
    const refused = await inCall();
    refused.double.client.deviceManager.access = { audio: true, video: false };
    await refused.service.toggleVideo(refused.session);
    expect(refused.session.error).toBe('calls:errors.cameraPermissionDenied');
  });

  it('switches camera mid-call, and follows an unplugged camera', async () => {
    const { service, session, double, saved } = await inCall();
    await service.toggleVideo(session);
    await service.devices.selectCamera('cam-2');
    expect(double.localStreams[0]!.source.id).toBe('cam-2');
    expect(saved).toContainEqual({ cameraId: 'cam-2' });
    double.client.deviceManager.unplugCamera('cam-2');
    await vi.waitFor(() => expect(double.localStreams[0]!.source.id).toBe('cam-1'));
    expect(service.devices.cameras.map((c) => c.id)).toEqual(['cam-1']);
  });

  it('shares the screen when allowed', async () => {
    const { service, session } = await inCall();
    await service.toggleScreenShare(session);
    expect(session.isScreenSharing).toBe(true);
    await service.toggleScreenShare(session);
    expect(session.isScreenSharing).toBe(false);
    const blocked = await inCall({ allowScreenShare: false });
    await blocked.service.toggleScreenShare(blocked.session);
    expect(blocked.session.isScreenSharing).toBe(false);
  });

  it('reports a screen share that fails, but not one the user cancelled in the picker', async () => {
    const { service, session, call } = await inCall();
    call.failures.failNext('startScreenSharing');
    await service.toggleScreenShare(session);
    expect(session.error).toBe('calls:errors.screenShareFailed');
    // The picker closes without a choice (Cancel, or main's time limit); then the SDK refuses.
    call.startScreenSharing = async () => {
      service.screenSharePickerClosed();
      throw new DOMException('Permission denied', 'NotAllowedError');
    };
    await service.toggleScreenShare(session);
    expect(session.error).toBeNull();
    expect(session.isScreenSharing).toBe(false);
    // A picker that closes while no share is starting says nothing about the next one's failure.
    service.screenSharePickerClosed();
    call.startScreenSharing = async () => {
      throw new DOMException('Could not start video source', 'NotReadableError');
    };
    await service.toggleScreenShare(session);
    expect(session.error).toBe('calls:errors.screenShareFailed');
  });

  it('transfers blind to a user; the call ends and the user is told', async () => {
    const { service, session, call, history } = await inCall();
    expect(await service.transfer(session, bobId)).toBeNull();
    expect(session.transferStatus).toBe('transferring');
    const transfer = call.transferFeature.transfers[0]!;
    expect(transfer.target).toEqual({ targetParticipant: { communicationUserId: bobId } });
    transfer.settle('Transferred');
    expect(session.transferStatus).toBe('transferred');
    call.end({ code: 0, subCode: 7015 });
    expect(service.notice?.key).toBe('calls:transfer.done');
    expect(history.at(-1)?.outcome).toBe('completed');
  });

  it('keeps the call and says so when a transfer fails', async () => {
    const { service, session, call } = await inCall();
    await service.transfer(session, '+1 425 555 0100');
    call.transferFeature.transfers[0]!.settle('Failed', { code: 500, subCode: 1 });
    expect(session.transferStatus).toBe('failed');
    expect(session.error).toBe('calls:errors.transferFailed');
    expect(session.state).toBe('Connected');
  });

  it('reports a transfer the SDK refuses outright, and a bad target before trying', async () => {
    const { service, session, call } = await inCall();
    expect(await service.transfer(session, 'nonsense')).toBe('calls:dialErrors.notRecognised');
    call.transferFeature.failures.failNext('transfer');
    expect(await service.transfer(session, bobId)).toBe('calls:errors.transferFailed');
  });

  it('adds a phone participant with the caller ID, and refuses without one', async () => {
    const { service, session, call, settings } = await inCall();
    expect(await service.addParticipant(session, '+1 425 555 0100')).toBeNull();
    expect(call.added).toEqual([{ identifier: { phoneNumber: '+14255550100' }, options: { alternateCallerId: { phoneNumber: '+14255550199' } } }]);
    settings.callerId = '';
    expect(await service.addParticipant(session, '+1 425 555 0101')).toBe('calls:errors.noCallerId');
    call.failures.failNext('addParticipant');
    expect(await service.addParticipant(session, bobId)).toBe('calls:errors.addParticipantFailed');
  });

  it('turns diagnostics into warnings and clears them when quality recovers', async () => {
    const { session, call } = await inCall();
    call.diagnosticsFeature.network.raise('networkReceiveQuality', 3);
    call.diagnosticsFeature.media.raise('microphoneNotFunctioning', true);
    expect(session.warnings).toEqual(['poorNetwork', 'micNotWorking']);
    call.diagnosticsFeature.network.raise('networkReceiveQuality', 1);
    call.diagnosticsFeature.media.raise('microphoneNotFunctioning', false);
    expect(session.warnings).toEqual([]);
    call.end({ code: 0, subCode: 0 });
    expect(call.diagnosticsFeature.network.listenerCount()).toBe(0);
  });

  it('records history even if main could not store it, and tells the user', async () => {
    const s = await setup();
    const failing = new CallingService({
      loadSdk: async () => s.double.sdk,
      settings: () => s.settings,
      saveSettings: async () => {},
      recordHistory: async () => {
        throw new Error('disk full');
      },
      setInCall: () => {},
    });
    await failing.start(new FakeCredential(), 'Dana');
    s.double.client.agent!.ring({ identifier: alice }).end({ code: 487, subCode: 0 });
    await settle();
    expect(failing.notice?.key).toBe('calls:errors.historyFailed');
  });
});

describe('CallingService: devices', () => {
  it('remembers a chosen microphone and speaker', async () => {
    const s = await setup();
    await s.service.devices.selectMicrophone('mic-usb');
    await s.service.devices.selectSpeaker('spk-usb');
    expect(s.saved).toEqual([{ microphoneId: 'mic-usb' }, { speakerId: 'spk-usb' }]);
    expect(s.double.client.deviceManager.selectedSpeaker?.id).toBe('spk-usb');
  });

  it('follows hot-plugged devices and picks the remembered one when it comes back', async () => {
    const s = await setup({ microphoneId: 'mic-jabra' });
    expect(s.service.devices.selectedMicrophoneId).toBe('mic-default');
    s.double.client.deviceManager.plugAudio(mic('mic-jabra', 'Jabra'));
    await vi.waitFor(() => expect(s.service.devices.selectedMicrophoneId).toBe('mic-jabra'));
    s.double.client.deviceManager.unplugAudio('mic-jabra');
    await vi.waitFor(() => expect(s.service.devices.microphones.map((d) => d.id)).toEqual(['mic-default', 'mic-usb']));
    s.double.client.deviceManager.plugCamera(camera('cam-3', 'Document Camera'));
    await vi.waitFor(() => expect(s.service.devices.cameras).toHaveLength(3));
  });

  it('hides speaker choice where the platform cannot select speakers', async () => {
    const s = await setup({}, { start: false });
    s.double.sdk.createCallClient; // the client is created on start
    await s.service.start(s.credential, 'Dana');
    s.double.client.deviceManager.isSpeakerSelectionAvailable = false;
    s.double.client.deviceManager.plugAudio(mic('mic-x'));
    await vi.waitFor(() => expect(s.service.devices.speakerSelectionAvailable).toBe(false));
    await s.service.devices.selectSpeaker('spk-usb');
    expect(s.saved).toEqual([]);
  });
});

beforeEach(() => {
  vi.useRealTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('CallingService: a call the SDK ends at once', () => {
  it('records it and does not show it as in progress', async () => {
    const s = await setup();
    const agent = s.agent();
    const original = agent.startCall.bind(agent);
    agent.startCall = (participants, options) => {
      const call = original(participants, options) as FakeCall;
      call.end({ code: 404, subCode: 0 });
      return call;
    };
    const outcome = await s.service.dial(bobId);
    expect(outcome.ok).toBe(true);
    expect(s.service.sessions).toEqual([]);
    expect(s.service.isInCall).toBe(false);
    expect(s.history[0]).toMatchObject({ outcome: 'failed', endCode: 404 });
    expect(s.service.notice?.key).toBe('calls:endReasons.notFound');
  });
});
