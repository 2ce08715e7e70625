/**
 * The softphone's engine in the renderer: one CallClient and one CallAgent for the signed-in
 * identity, made from the shared token credential and the user's display name. It turns the
 * SDK's events into reactive state for the UI (connection, devices, incoming calls, calls),
 * applies the organisation's settings (phone calls, caller ID, video, screen share), records
 * every finished call in history, tells main when the user is in a call and which calls ring,
 * and recovers the agent when ACS refuses its token.
 */
import type { Call, CallAgent, CallEndReason, ConnectionState, ConnectionStateChangedReason, IncomingCall, LocalVideoStream } from '@azure/communication-calling';
import type { CommunicationTokenCredential, PhoneNumberIdentifier } from '@azure/communication-common';
import type { NewCallHistoryEntry } from '../../contract/channels-calls.js';
import type { IncomingCallPresentation } from '../../contract/channels-tray.js';
import type { Settings, SettingsPatch } from '../../contract/settings.js';
import type { CallClientApi, CallingSdk } from './calling-sdk.js';
import { historyEntry, ringOutcome, sessionOutcome, type FinishedCall } from './call-records.js';
import { CallSession, type Peer } from './call-session.svelte.js';
import { DeviceController } from './device-controller.svelte.js';
import type { DialTarget } from './dial-string.js';
import { loadDialParser } from './dial-parser.js';
import { describeEndReason, endReasonMessageKey } from './end-reasons.js';
import { failureReason, type CallingLog } from './failure-reason.js';
import { displayOf } from './identifiers.js';
import { rawIdOf } from '../lib/identifiers.js';
import type { IncomingRing, RingEndReason, RingReporter } from './ringing.js';

export type { CallingLog } from './failure-reason.js';
export type { IncomingRing, RingPresentation, RingReporter } from './ringing.js';

export type AgentPhase = 'signedOut' | 'starting' | 'ready' | 'reconnecting' | 'failed';

export interface Notice {
  key: string;
  params?: Record<string, string | number>;
  severity: 'info' | 'error';
}

export interface CallingServiceDeps {
  loadSdk: () => Promise<CallingSdk>;
  settings: () => Settings;
  saveSettings: (patch: SettingsPatch) => Promise<void>;
  recordHistory: (entry: NewCallHistoryEntry) => Promise<unknown> | void;
  setInCall: (inCall: boolean) => void;
  /** A credential with a fresh token, after ACS refused the old one; defaults to the current one. */
  renewCredential?: () => Promise<CommunicationTokenCredential>;
  /** Tells main about ringing calls; without it every call simply rings. */
  ringing?: RingReporter;
  /** Failures worth a line in the console (reason codes only: never tokens, numbers or names). */
  log?: CallingLog;
  now?: () => number;
}

/** Attempts to recreate the agent after an invalid token before giving up and saying so. */
export const maxAgentRecoveries = 3;
/**
 * An agent that lived this long was a success: the next token expiry starts a fresh count. One
 * refused again sooner counts on, so a service handing out bad tokens cannot keep the app
 * recreating agents for ever.
 */
export const stableAgentMs = 60_000;

export type DialOutcome = { ok: true; session: CallSession } | { ok: false; messageKey: string };

export class CallingService {
  phase = $state<AgentPhase>('signedOut');
  connection = $state<ConnectionState | null>(null);
  connectionReason = $state<ConnectionStateChangedReason | null>(null);
  sessions = $state<CallSession[]>([]);
  incoming = $state<IncomingRing[]>([]);
  notice = $state<Notice | null>(null);
  readonly devices: DeviceController;

  private sdk: CallingSdk | null = null;
  private client: CallClientApi | null = null;
  private agent: CallAgent | null = null;
  private credential: CommunicationTokenCredential | null = null;
  private displayName = '';
  private recoveries = 0;
  private recoveryPending = false;
  private lastRecoveryAt: number | null = null;
  /** Bumped by start and stop: work begun for an older generation stops at its next await. */
  private generation = 0;
  private readonly incomingCalls = new Map<string, { call: IncomingCall; ring: IncomingRing; off: () => void }>();
  private readonly ringListeners = new Set<(ring: IncomingRing) => void>();
  /** The screen share being started, until the SDK answers: whether its picker closed without a choice. */
  private shareStart: { notChosen: boolean } | null = null;
  private readonly now: () => number;
  private readonly log: CallingLog;
  private wasInCall = false;

  constructor(private readonly deps: CallingServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.log = deps.log ?? ((message, fields) => console.warn(message, fields ?? {}));
    this.devices = new DeviceController({
      settings: deps.settings,
      saveSettings: deps.saveSettings,
      onCameraChanged: (camera) => {
        for (const session of this.sessions) void session.switchCamera(camera);
      },
    });
  }

  /** The call the controls act on: the connected one, else the newest. */
  get active(): CallSession | null {
    const live = this.sessions.filter((s) => !s.isEnded);
    return live.find((s) => s.hold === 'none' && s.state === 'Connected') ?? live.at(-1) ?? null;
  }

  get isInCall(): boolean {
    return this.sessions.some((s) => !s.isEnded);
  }

  /** Why phone numbers cannot be dialled now (an i18n key), or null when they can. */
  get phoneCallsUnavailableReason(): string | null {
    const settings = this.deps.settings();
    if (!settings.allowPhoneCalls) return 'calls:errors.phoneCallsDisabled';
    if (!settings.callerId) return 'calls:errors.noCallerId';
    return null;
  }

  get videoAllowed(): boolean {
    return this.deps.settings().allowVideo;
  }

  get screenShareAllowed(): boolean {
    return this.deps.settings().allowScreenShare;
  }

  /** Creates the CallClient (once) and the CallAgent for this identity. */
  async start(credential: CommunicationTokenCredential, displayName: string): Promise<void> {
    // Whatever state we are in (ready, failed, reconnecting), start from a clean slate.
    if (this.phase !== 'signedOut') await this.stop();
    const generation = ++this.generation;
    const stale = () => generation !== this.generation;
    this.credential = credential;
    this.displayName = displayName;
    this.phase = 'starting';
    this.notice = null;
    this.recoveries = 0;
    this.lastRecoveryAt = null;
    try {
      const sdk = this.sdk ?? (await this.deps.loadSdk());
      if (stale()) return;
      this.sdk = sdk;
      // stop() disposes this client if it runs while we wait below.
      const client = (this.client ??= sdk.createCallClient());
      const manager = await client.getDeviceManager();
      if (stale()) return;
      await this.devices.attach(manager);
      if (stale()) return;
      await this.createAgent(stale);
    } catch (error) {
      if (stale()) return;
      this.log('calling: the call agent could not be created', failureReason(error));
      this.phase = 'failed';
      this.notice = { key: 'calls:errors.agentFailed', severity: 'error' };
    }
  }

  /** Tries again with the same identity after a failure (the Retry button). */
  async retry(): Promise<void> {
    if (this.credential) await this.start(this.credential, this.displayName);
  }

  /** Ends calls and lets go of the agent, e.g. on sign-out; a start still loading gives up. */
  async stop(): Promise<void> {
    this.generation++;
    this.recoveryPending = false;
    for (const session of this.sessions) if (!session.isEnded) await session.hangUp();
    for (const { call, off, ring } of this.incomingCalls.values()) {
      off();
      this.deps.ringing?.ended(ring, 'failed');
      await call.reject().catch(() => {});
    }
    this.incomingCalls.clear();
    this.incoming = [];
    await this.disposeAgent();
    this.devices.detach();
    const client = this.client;
    this.client = null;
    await client?.dispose().catch(() => {});
    this.phase = 'signedOut';
    this.connection = null;
    this.updateActivity();
  }

  /** Parses, checks policy and permission, then dials. Errors come back as i18n keys. */
  async dial(input: string, options: { video?: boolean } = {}): Promise<DialOutcome> {
    const parsed = await this.parse(input);
    if (!parsed.ok) return { ok: false, messageKey: parsed.error.messageKey };
    return this.callTarget(parsed.target, options);
  }

  async callTarget(target: DialTarget, options: { video?: boolean } = {}): Promise<DialOutcome> {
    const agent = this.agent;
    if (!agent || this.phase !== 'ready') return { ok: false, messageKey: 'calls:errors.notConnected' };
    let callerId: PhoneNumberIdentifier | undefined;
    if (target.kind === 'phone') {
      const reason = this.phoneCallsUnavailableReason;
      if (reason) return { ok: false, messageKey: reason };
      callerId = { phoneNumber: this.deps.settings().callerId };
    }
    const wantVideo = !!options.video && this.videoAllowed && target.kind !== 'phone';
    const access = await this.devices.ensurePermission(wantVideo);
    if (!access.audio) return { ok: false, messageKey: 'calls:errors.micPermissionDenied' };
    // A new call puts the current one on hold, as a desk phone does.
    const held = await this.holdOthers();
    const localVideo = wantVideo && access.video ? this.createLocalVideo() : null;
    let call: Call;
    try {
      call = agent.startCall([target.identifier], {
        ...(callerId ? { alternateCallerId: callerId } : {}),
        ...(localVideo ? { videoOptions: { localVideoStreams: [localVideo] } } : {}),
      });
    } catch (error) {
      localVideo?.dispose();
      this.log('calling: a call could not be started', failureReason(error));
      await this.resumeHeld(held);
      return { ok: false, messageKey: 'calls:errors.startFailed' };
    }
    const peer: Peer = { rawId: target.rawId, display: target.kind === 'phone' ? target.e164 : target.display };
    const session = this.track(call, peer, {
      ...(target.kind === 'phone' && target.extension ? { extension: target.extension } : {}),
      localVideo,
      held,
    });
    return { ok: true, session };
  }

  /** Answers a ringing call (audio only unless `video`); other calls go on hold first. */
  async answer(id: string, options: { video?: boolean } = {}): Promise<boolean> {
    const entry = this.incomingCalls.get(id);
    if (!entry) return false;
    const wantVideo = !!options.video && this.videoAllowed;
    const access = await this.devices.ensurePermission(wantVideo);
    if (!access.audio) {
      this.notice = { key: 'calls:errors.micPermissionDenied', severity: 'error' };
      return false;
    }
    const held = await this.holdOthers();
    const localVideo = wantVideo && access.video ? this.createLocalVideo() : null;
    try {
      const call = await entry.call.accept(localVideo ? { videoOptions: { localVideoStreams: [localVideo] } } : {});
      this.forgetIncoming(id, 'answered');
      this.track(call, { rawId: entry.ring.rawId, display: entry.ring.callerName || entry.ring.callerId }, { localVideo, startedAt: entry.ring.receivedAt, held });
      return true;
    } catch (error) {
      localVideo?.dispose();
      this.log('calling: a call could not be answered', failureReason(error));
      // Back to the call the user was in. If the caller gave up meanwhile, callEnded records
      // the missed call; say what happened.
      await this.resumeHeld(held);
      this.notice = { key: 'calls:errors.answerFailed', severity: 'error' };
      return false;
    }
  }

  /** The ringing call with this id, if it still rings. */
  ringing(id: string): IncomingRing | null {
    return this.incomingCalls.get(id)?.ring ?? null;
  }

  /** Called for every call that starts ringing (after it is in `incoming`); returns the unsubscribe. */
  onRing(listener: (ring: IncomingRing) => void): () => void {
    this.ringListeners.add(listener);
    return () => this.ringListeners.delete(listener);
  }

  async decline(id: string): Promise<void> {
    const entry = this.incomingCalls.get(id);
    if (!entry) return;
    this.forgetIncoming(id, 'declined');
    try {
      await entry.call.reject();
    } catch {
      // Already gone: nothing to decline.
    }
    this.record({ direction: 'incoming', peer: { rawId: entry.ring.rawId, display: entry.ring.callerName || entry.ring.callerId }, startedAt: entry.ring.receivedAt, durationSeconds: 0, outcome: 'declined', reason: { code: 603, subCode: 0 } });
  }

  /** Transfers the call to what the user typed (a user or a number). */
  async transfer(session: CallSession, input: string): Promise<string | null> {
    const parsed = await this.parse(input);
    if (!parsed.ok) return parsed.error.messageKey;
    if (parsed.target.kind === 'phone') {
      const reason = this.phoneCallsUnavailableReason;
      if (reason) return reason;
    }
    session.transfer(parsed.target.identifier);
    return session.transferStatus === 'failed' ? session.error : null;
  }

  /** Adds a person or a phone number to the call. */
  async addParticipant(session: CallSession, input: string): Promise<string | null> {
    const parsed = await this.parse(input);
    if (!parsed.ok) return parsed.error.messageKey;
    let callerId: PhoneNumberIdentifier | null = null;
    if (parsed.target.kind === 'phone') {
      const reason = this.phoneCallsUnavailableReason;
      if (reason) return reason;
      callerId = { phoneNumber: this.deps.settings().callerId };
    }
    return session.addParticipant(parsed.target.identifier, callerId) ? null : session.error;
  }

  async resume(session: CallSession): Promise<void> {
    await this.holdOthers(session);
    await session.resume();
  }

  async toggleVideo(session: CallSession): Promise<void> {
    if (session.isLocalVideoOn) return session.stopVideo();
    if (!this.videoAllowed) return;
    const access = await this.devices.ensurePermission(true);
    if (!access.video) {
      session.error = 'calls:errors.cameraPermissionDenied';
      return;
    }
    await session.startVideo();
  }

  async toggleScreenShare(session: CallSession): Promise<void> {
    if (!session.isScreenSharing && !this.screenShareAllowed) return;
    const start = { notChosen: false };
    this.shareStart = start;
    try {
      await session.toggleScreenShare(() => start.notChosen);
    } finally {
      if (this.shareStart === start) this.shareStart = null;
    }
  }

  /** The screen-share picker closed without a choice (Cancel, or main's time limit): the SDK's refusal that follows is not an error. */
  screenSharePickerClosed(): void {
    if (this.shareStart) this.shareStart.notChosen = true;
  }

  private async parse(input: string) {
    const { parseDialString } = await loadDialParser();
    return parseDialString(input, this.deps.settings().defaultCountry);
  }

  dismissNotice(): void {
    this.notice = null;
  }

  // ---- agent ----

  /** Makes the agent; one made for a generation that has since stopped is disposed at once. */
  private async createAgent(stale: () => boolean): Promise<void> {
    const client = this.client;
    const credential = this.credential;
    if (!client || !credential) throw new Error('not started');
    const agent = await client.createCallAgent(credential, { displayName: this.displayName });
    if (stale()) {
      await agent.dispose().catch(() => {});
      return;
    }
    this.agent = agent;
    agent.on('incomingCall', this.onIncomingCall);
    agent.on('connectionStateChanged', this.onConnectionStateChanged);
    this.connection = agent.connectionState;
    this.connectionReason = null;
    this.phase = 'ready';
  }

  private async disposeAgent(): Promise<void> {
    const agent = this.agent;
    if (!agent) return;
    this.agent = null;
    agent.off('incomingCall', this.onIncomingCall);
    agent.off('connectionStateChanged', this.onConnectionStateChanged);
    await agent.dispose().catch(() => {});
  }

  private readonly onConnectionStateChanged = (args: { newValue: ConnectionState; reason?: ConnectionStateChangedReason }) => {
    this.connection = args.newValue;
    this.connectionReason = args.reason ?? null;
    if (args.newValue === 'Connected') {
      this.recoveries = 0;
      this.recoveryPending = false;
      if (this.phase === 'reconnecting') this.phase = 'ready';
      if (this.notice?.key === 'calls:connection.lost') this.notice = null;
      return;
    }
    this.notice = { key: args.reason === 'invalidToken' ? 'calls:connection.tokenExpired' : 'calls:connection.lost', severity: 'error' };
    // A connection issue the SDK recovers from itself; an invalid token it cannot: make a new
    // agent with a fresh token, without the user restarting anything.
    // Disposing the agent would drop calls in progress, so recovery waits for them to end.
    if (args.reason === 'invalidToken') {
      if (this.isInCall) this.recoveryPending = true;
      else void this.recoverAgent();
    }
  };

  private async recoverAgent(): Promise<void> {
    if (this.phase === 'reconnecting') return;
    const generation = this.generation;
    const stale = () => generation !== this.generation;
    this.phase = 'reconnecting';
    // A new agent starts connected (no Connected event follows), so a recovery that worked is
    // counted as such here: after an agent that lived, this expiry is a new one.
    if (this.lastRecoveryAt === null || this.now() - this.lastRecoveryAt >= stableAgentMs) this.recoveries = 0;
    while (this.recoveries < maxAgentRecoveries) {
      this.recoveries++;
      try {
        await this.disposeAgent();
        if (stale()) return;
        if (this.deps.renewCredential) {
          const fresh = await this.deps.renewCredential();
          if (stale()) return;
          this.credential = fresh;
        }
        await this.createAgent(stale);
        if (stale()) return;
        this.lastRecoveryAt = this.now();
        this.notice = null;
        return;
      } catch (error) {
        if (stale()) return;
        this.log('calling: the call agent could not be recreated', failureReason(error));
        // Try again with another fresh token; the loop is bounded.
      }
    }
    this.phase = 'failed';
    this.notice = { key: 'calls:errors.agentFailed', severity: 'error' };
  }

  // ---- incoming ----

  private readonly onIncomingCall = ({ incomingCall }: { incomingCall: IncomingCall }) => {
    const info = incomingCall.callerInfo;
    const reporter = this.deps.ringing;
    const ring: IncomingRing = {
      id: incomingCall.id,
      callerName: info.displayName ?? '',
      callerId: displayOf(info.identifier),
      rawId: rawIdOf(info.identifier) ?? '',
      receivedAt: this.now(),
      presentation: reporter ? 'pending' : 'ring',
    };
    const onEnded = ({ callEndReason }: { callEndReason: CallEndReason }) => {
      if (!this.incomingCalls.has(ring.id)) return;
      const { outcome, ringEnd } = ringOutcome(callEndReason);
      this.forgetIncoming(ring.id, ringEnd);
      this.record({ direction: 'incoming', peer: { rawId: ring.rawId, display: ring.callerName || ring.callerId }, startedAt: ring.receivedAt, durationSeconds: 0, outcome, reason: callEndReason });
      if (outcome === 'missed') this.notice = { key: 'calls:incoming.missed', params: { name: ring.callerName || ring.callerId }, severity: 'info' };
    };
    incomingCall.on('callEnded', onEnded);
    this.incomingCalls.set(ring.id, { call: incomingCall, ring, off: () => incomingCall.off('callEnded', onEnded) });
    this.incoming = [...this.incoming, ring];
    for (const listener of this.ringListeners) listener(ring);
    if (!reporter) return;
    // Main decides how to present it (Do not disturb keeps it quiet); if main cannot be
    // asked, ringing is better than missing the call.
    void reporter
      .started(ring)
      .catch((): IncomingCallPresentation => 'ring')
      .then((presentation) => this.present(ring.id, presentation));
  };

  private present(id: string, presentation: IncomingCallPresentation): void {
    const entry = this.incomingCalls.get(id);
    if (!entry) return;
    entry.ring = { ...entry.ring, presentation };
    this.incoming = this.incoming.map((r) => (r.id === id ? entry.ring : r));
  }

  private forgetIncoming(id: string, reason: RingEndReason): void {
    const entry = this.incomingCalls.get(id);
    if (!entry) return;
    entry.off();
    this.incomingCalls.delete(id);
    this.incoming = this.incoming.filter((r) => r.id !== id);
    this.deps.ringing?.ended(entry.ring, reason);
  }

  // ---- calls ----

  private createLocalVideo(): LocalVideoStream | null {
    const camera = this.devices.currentCamera();
    return camera && this.sdk ? this.sdk.createLocalVideoStream(camera) : null;
  }

  /** Puts connected calls on hold (all but `except`); returns the ones now held. */
  private async holdOthers(except: CallSession | null = null): Promise<CallSession[]> {
    const held: CallSession[] = [];
    for (const session of this.sessions) {
      if (session !== except && !session.isEnded && session.state === 'Connected') {
        await session.putOnHold();
        if (session.hold === 'local') held.push(session);
      }
    }
    return held;
  }

  /** The new call did not happen: back to the calls it put on hold, unless the user moved on. */
  private async resumeHeld(held: CallSession[]): Promise<void> {
    if (held.length === 0 || this.sessions.some((s) => !s.isEnded && s.state === 'Connected')) return;
    const last = held.filter((s) => !s.isEnded && s.hold === 'local').at(-1);
    if (last) await last.resume();
  }

  private track(call: Call, peer: Peer, options: { extension?: string; localVideo?: LocalVideoStream | null; startedAt?: number; held?: CallSession[] }): CallSession {
    const existing = this.sessions.find((s) => s.call === call);
    if (existing) return existing;
    const startedAt = options.startedAt;
    const held = options.held ?? [];
    const session = new CallSession(
      call,
      peer,
      {
        sdk: this.sdk!,
        now: this.now,
        camera: () => this.devices.currentCamera(),
        onEnded: (ended) => this.onSessionEnded(ended, startedAt ?? ended.startedAt, held),
        onChanged: () => this.updateActivity(),
      },
      options,
    );
    // A call can end before we see it (the SDK failed it at once); it was recorded by onEnded.
    if (!session.isEnded) this.sessions = [...this.sessions.filter((s) => !s.isEnded), session];
    this.updateActivity();
    return session;
  }

  private onSessionEnded(session: CallSession, startedAt: number, held: CallSession[]): void {
    const reason = session.endReason ?? undefined;
    const described = describeEndReason(reason);
    const connected = session.connectedAt !== null;
    this.record({ direction: session.direction, peer: session.peer, startedAt, durationSeconds: session.durationSeconds(), outcome: sessionOutcome(session), reason });
    // Tell the user why, unless they simply hung up or the call ended normally.
    if (session.transferStatus === 'transferred') this.notice = { key: 'calls:transfer.done', severity: 'info' };
    else if (!session.hungUpLocally && described.severity === 'error') this.notice = { key: endReasonMessageKey(reason), severity: 'error' };
    else if (!session.hungUpLocally && !connected && described.key !== 'normal') this.notice = { key: endReasonMessageKey(reason), severity: 'info' };
    this.sessions = this.sessions.filter((s) => s !== session);
    this.updateActivity();
    if (!connected) void this.resumeHeld(held);
    if (this.recoveryPending && !this.isInCall) {
      this.recoveryPending = false;
      void this.recoverAgent();
    }
  }

  private record(call: FinishedCall): void {
    void Promise.resolve(this.deps.recordHistory(historyEntry(call))).catch(() => {
      this.notice = { key: 'calls:errors.historyFailed', severity: 'error' };
    });
  }

  private updateActivity(): void {
    const inCall = this.isInCall;
    if (inCall === this.wasInCall) return;
    this.wasInCall = inCall;
    this.deps.setInCall(inCall);
  }
}
