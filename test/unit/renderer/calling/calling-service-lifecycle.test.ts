/**
 * The CallingService's life around its agent — recovery after repeated token expiries, a
 * sign-out while calling is still starting or recovering — and what it gives back when a new
 * call does not happen (the call it put on hold resumes), against the SDK double.
 */
import { describe, expect, it, vi } from 'vitest';
import { maxAgentRecoveries, stableAgentMs } from '../../../../renderer/calling/calling-service.svelte.js';
import { CallSession } from '../../../../renderer/calling/call-session.svelte.js';
import { createSdkDouble, FakeCall, FakeCredential, type FakeCallClient } from '../../../fixtures/calling-sdk-double/index.js';
import type { CallingSdk } from '../../../../renderer/calling/calling-sdk.js';
import { alice, bobId, deferred, settle, setup } from './service-setup.js';

describe('CallingService: recovery after token expiries', () => {
  it('recovers from one expiry after another, each time with a fresh token', async () => {
    const s = await setup();
    for (let expiry = 1; expiry <= maxAgentRecoveries + 2; expiry++) {
      s.clock.now += stableAgentMs;
      s.agent().setConnectionState('Disconnected', 'invalidToken');
      await vi.waitFor(() => expect(s.double.client.agents).toHaveLength(expiry + 1));
      await vi.waitFor(() => expect(s.service.phase).toBe('ready'));
    }
    expect(s.renewed).toHaveLength(maxAgentRecoveries + 2);
    expect(s.double.client.agents.slice(0, -1).every((a) => a.disposed)).toBe(true);
    expect(s.agent().disposed).toBe(false);
    // The last agent still rings.
    s.agent().ring({ identifier: alice });
    expect(s.service.incoming).toHaveLength(1);
  });

  it('a recovery that fails twice and then works still leaves the full budget for the next expiry', async () => {
    const s = await setup();
    s.double.client.failures.failNext('createCallAgent');
    s.double.client.failures.failNext('createCallAgent');
    s.agent().setConnectionState('Disconnected', 'invalidToken');
    await vi.waitFor(() => expect(s.service.phase).toBe('ready'));
    s.clock.now += stableAgentMs;
    for (let i = 0; i < maxAgentRecoveries - 1; i++) s.double.client.failures.failNext('createCallAgent');
    s.agent().setConnectionState('Disconnected', 'invalidToken');
    await vi.waitFor(() => expect(s.service.phase).toBe('ready'));
  });

  it('gives up on an agent refused again at once, every time (a service handing out bad tokens)', async () => {
    const s = await setup();
    for (let i = 0; i < maxAgentRecoveries; i++) {
      s.agent().setConnectionState('Disconnected', 'invalidToken');
      await vi.waitFor(() => expect(s.service.phase).not.toBe('reconnecting'));
    }
    expect(s.service.phase).toBe('ready');
    s.agent().setConnectionState('Disconnected', 'invalidToken');
    await vi.waitFor(() => expect(s.service.phase).toBe('failed'));
    expect(s.service.notice?.key).toBe('calls:errors.agentFailed');
  });
});

describe('CallingService: stop while starting or recovering', () => {
  it('stop() while the SDK is still loading: no agent is ever created', async () => {
    const double = createSdkDouble();
    const sdk = deferred<CallingSdk>();
    const s = await setup({}, { start: false, deps: { loadSdk: () => sdk.promise } });
    const starting = s.service.start(new FakeCredential(), 'Dana');
    expect(s.service.phase).toBe('starting');
    await s.service.stop();
    sdk.resolve(double.sdk);
    await starting;
    expect(double.clients.flatMap((c) => c.agents)).toEqual([]);
    expect(s.service.phase).toBe('signedOut');
  });

  it('stop() while the agent is being created: the late agent is disposed, devices are let go', async () => {
    const s = await setup({}, { start: false });
    const credential = new FakeCredential();
    const token = deferred<void>();
    credential.heldUntil = token.promise;
    const starting = s.service.start(credential, 'Dana');
    await settle();
    const client: FakeCallClient = s.double.client;
    await s.service.stop();
    token.resolve();
    await starting;
    expect(client.agents).toHaveLength(1);
    expect(client.agents[0]!.disposed).toBe(true);
    expect(client.agents[0]!.listenerCount()).toBe(0);
    expect(client.deviceManager.listenerCount()).toBe(0);
    expect(s.service.phase).toBe('signedOut');
    expect(s.service.notice).toBeNull();
  });

  it('a quick sign-out and sign-in: only the second start keeps an agent', async () => {
    const s = await setup({}, { start: false });
    const slow = new FakeCredential('first');
    const token = deferred<void>();
    slow.heldUntil = token.promise;
    const first = s.service.start(slow, 'Dana');
    await settle();
    await s.service.stop();
    await s.service.start(new FakeCredential('second'), 'Dana');
    token.resolve();
    await first;
    const live = s.double.clients.flatMap((c) => c.agents).filter((a) => !a.disposed);
    expect(live).toHaveLength(1);
    expect(s.service.phase).toBe('ready');
  });

  it('stop() while recovering from an expired token: no new agent is made, calling stays stopped', async () => {
    const renewal = deferred<FakeCredential>();
    const s = await setup({}, { deps: { renewCredential: () => renewal.promise } });
    s.agent().setConnectionState('Disconnected', 'invalidToken');
    expect(s.service.phase).toBe('reconnecting');
    await settle();
    await s.service.stop();
    renewal.resolve(new FakeCredential('fresh'));
    await settle();
    await settle();
    expect(s.double.clients.flatMap((c) => c.agents).filter((a) => !a.disposed)).toEqual([]);
    expect(s.service.phase).toBe('signedOut');
  });

  it('logs why the agent could not be created: the reason code, never the token', async () => {
    const s = await setup({}, { start: false });
    const credential = new FakeCredential('secret-token-value');
    credential.failNextToken = Object.assign(new Error('token secret-token-value refused'), { code: 401, subCode: 41001 });
    await s.service.start(credential, 'Dana');
    expect(s.service.phase).toBe('failed');
    expect(s.logs).toEqual([{ message: 'calling: the call agent could not be created', fields: { code: 401, subCode: 41001 } }]);
    expect(JSON.stringify(s.logs)).not.toContain('secret');
  });
});

describe('CallingService: the held call when a new one does not happen', () => {
  async function inFirstCall() {
    const s = await setup();
    await s.service.answer(s.agent().ring({ identifier: alice, displayName: 'Alice' }).id);
    const first = s.service.active!;
    expect(first.state).toBe('Connected');
    return { ...s, first };
  }

  it('hold and answer fails: the first call is resumed, and the user is told', async () => {
    const s = await inFirstCall();
    const second = s.agent().ring({ identifier: { kind: 'communicationUser', communicationUserId: bobId }, displayName: 'Bob' });
    second.failures.failNext('accept');
    expect(await s.service.answer(second.id)).toBe(false);
    expect(s.first.hold).toBe('none');
    expect(s.first.state).toBe('Connected');
    expect(s.service.notice?.key).toBe('calls:errors.answerFailed');
  });

  it('a new outgoing call that is refused at once: the first call is resumed', async () => {
    const s = await inFirstCall();
    s.agent().failures.failNext('startCall');
    expect(await s.service.dial(bobId)).toEqual({ ok: false, messageKey: 'calls:errors.startFailed' });
    expect(s.first.state).toBe('Connected');
  });

  it('a new outgoing call that fails before connecting: the first call is resumed', async () => {
    const s = await inFirstCall();
    const dialled = await s.service.dial(bobId);
    if (!dialled.ok) throw new Error('dial failed');
    expect(s.first.hold).toBe('local');
    (dialled.session.call as FakeCall).end({ code: 486, subCode: 0 });
    await vi.waitFor(() => expect(s.first.state).toBe('Connected'));
    expect(s.service.active).toBe(s.first);
  });

  it('a new call that connected and then ended leaves the first on hold (the user switches back)', async () => {
    const s = await inFirstCall();
    const dialled = await s.service.dial(bobId);
    if (!dialled.ok) throw new Error('dial failed');
    (dialled.session.call as FakeCall).connect();
    (dialled.session.call as FakeCall).end({ code: 0, subCode: 0 });
    await settle();
    expect(s.first.hold).toBe('local');
  });
});

describe('CallSession: quality warnings already active when the call starts', () => {
  it('reads the latest diagnostics, not only later changes', () => {
    const double = createSdkDouble();
    const call = new FakeCall({ direction: 'Incoming', callerInfo: { identifier: alice }, remote: [] });
    call.diagnosticsFeature.media.latest = { microphoneNotFunctioning: { value: true, valueType: 'DiagnosticFlag' } };
    call.diagnosticsFeature.network.latest = { networkSendQuality: { value: 1, valueType: 'DiagnosticQuality' }, noNetwork: { value: false, valueType: 'DiagnosticFlag' } };
    const session = new CallSession(call, { rawId: alice.communicationUserId, display: 'Alice' }, { sdk: double.sdk, now: Date.now, camera: () => undefined, onEnded: () => {}, onChanged: () => {} });
    expect(session.warnings).toEqual(['micNotWorking']);
    call.diagnosticsFeature.media.raise('microphoneNotFunctioning', false);
    expect(session.warnings).toEqual([]);
  });
});
