/**
 * One call, as the UI sees it: the SDK's Call turned into reactive state (state, hold kind,
 * mute, video, screen share, remote video, quality warnings, transfer) plus the actions a
 * person takes in a call. Every SDK subscription and video renderer it makes is undone when
 * the call ends.
 */
import type {
  Call,
  CallEndReason,
  CallState,
  LatestDiagnosticValue,
  LocalVideoStream,
  MediaDiagnosticChangedEventArgs,
  NetworkDiagnosticChangedEventArgs,
  RemoteParticipant,
  RemoteVideoStream,
  Transfer,
  VideoDeviceInfo,
} from '@azure/communication-calling';
import type { CommunicationIdentifier, PhoneNumberIdentifier } from '@azure/communication-common';
import type { CallingSdk, VideoRendererApi } from './calling-sdk.js';
import { dtmfToneFor } from './dtmf.js';
import { isProblem, warningForDiagnostic, type WarningKey } from './diagnostics.js';

export type HoldKind = 'none' | 'local' | 'remote';
export type TransferStatus = 'none' | 'transferring' | 'transferred' | 'failed';

export interface Peer {
  rawId: string;
  display: string;
}

export interface RemoteVideoView {
  key: string;
  streamId: number;
  participant: string;
  isScreenShare: boolean;
}

export interface CallSessionDeps {
  sdk: CallingSdk;
  now: () => number;
  /** The camera to start video with (the remembered one or the first). */
  camera: () => VideoDeviceInfo | undefined;
  onEnded: (session: CallSession) => void;
  onChanged: () => void;
}

/** Gap between post-dial digits (extensions): long enough for IVRs to hear each one. */
export const dtmfGapMs = 400;
/** Wait after connecting before sending an extension, so the far end is listening. */
export const extensionDelayMs = 2_000;

export class CallSession {
  readonly id: string;
  readonly direction: 'incoming' | 'outgoing';
  readonly startedAt: number;
  state = $state<CallState>('None');
  isMuted = $state(false);
  isLocalVideoOn = $state(false);
  isScreenSharing = $state(false);
  connectedAt = $state<number | null>(null);
  endedAt = $state<number | null>(null);
  endReason = $state<CallEndReason | null>(null);
  remoteVideos = $state<RemoteVideoView[]>([]);
  warnings = $state<WarningKey[]>([]);
  transferStatus = $state<TransferStatus>('none');
  /** The last action that failed, as an i18n key (cleared by the next action). */
  error = $state<string | null>(null);
  /** True once the user hung up, so an ended outgoing call that never connected reads as cancelled. */
  hungUpLocally = false;

  private localVideo: LocalVideoStream | null = null;
  private readonly renderers = new Set<VideoRendererApi>();
  private readonly cleanups: (() => void)[] = [];
  private readonly activeDiagnostics = new Map<string, WarningKey>();
  private pendingExtension: string | null;
  private extensionTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly call: Call,
    readonly peer: Peer,
    private readonly deps: CallSessionDeps,
    options: { extension?: string; localVideo?: LocalVideoStream | null } = {},
  ) {
    this.id = call.id;
    this.direction = call.direction === 'Incoming' ? 'incoming' : 'outgoing';
    this.startedAt = deps.now();
    this.pendingExtension = options.extension ?? null;
    this.localVideo = options.localVideo ?? null;
    this.subscribe();
    this.read();
  }

  get hold(): HoldKind {
    return this.state === 'LocalHold' ? 'local' : this.state === 'RemoteHold' ? 'remote' : 'none';
  }

  get isEnded(): boolean {
    return this.state === 'Disconnected';
  }

  /** Whole seconds connected so far (or in total once ended). */
  durationSeconds(now = this.deps.now()): number {
    if (this.connectedAt === null) return 0;
    return Math.max(0, Math.floor(((this.endedAt ?? now) - this.connectedAt) / 1000));
  }

  async toggleMute(): Promise<void> {
    await this.act(() => (this.call.isMuted ? this.call.unmute() : this.call.mute()), 'calls:errors.muteFailed');
  }

  async putOnHold(): Promise<void> {
    await this.act(() => this.call.hold(), 'calls:errors.holdFailed');
  }

  async resume(): Promise<void> {
    await this.act(() => this.call.resume(), 'calls:errors.resumeFailed');
  }

  async sendDtmf(key: string): Promise<boolean> {
    const tone = dtmfToneFor(key);
    if (!tone) return false;
    return this.act(() => this.call.sendDtmf(tone), 'calls:errors.dtmfFailed');
  }

  async startVideo(): Promise<void> {
    const camera = this.deps.camera();
    if (!camera) {
      this.error = 'calls:errors.noCamera';
      return;
    }
    this.localVideo ??= this.deps.sdk.createLocalVideoStream(camera);
    const stream = this.localVideo;
    await this.act(() => this.call.startVideo(stream), 'calls:errors.videoFailed');
  }

  async stopVideo(): Promise<void> {
    const stream = this.localVideo;
    if (!stream) return;
    await this.act(() => this.call.stopVideo(stream), 'calls:errors.videoFailed');
  }

  /** Follows a camera change (chosen by the user, or the one in use was unplugged). */
  async switchCamera(camera: VideoDeviceInfo | undefined): Promise<void> {
    if (!this.localVideo) return;
    if (!camera) {
      await this.stopVideo();
      return;
    }
    const stream = this.localVideo;
    await this.act(() => stream.switchSource(camera), 'calls:errors.videoFailed');
  }

  /**
   * Starts or stops sharing the screen. `notChosen` says whether the user closed the picker
   * without a choice (or let it time out): the SDK's refusal that follows is then no failure.
   */
  async toggleScreenShare(notChosen: () => boolean = () => false): Promise<void> {
    await this.act(
      () => (this.call.isScreenSharingOn ? this.call.stopScreenSharing() : this.call.startScreenSharing()),
      () => (notChosen() ? null : 'calls:errors.screenShareFailed'),
    );
  }

  /** Blind transfer: the SDK ends this call once the target has it. */
  transfer(target: CommunicationIdentifier): void {
    this.error = null;
    let transfer: Transfer;
    try {
      transfer = this.call.feature(this.deps.sdk.features.transfer).transfer({ targetParticipant: target });
    } catch {
      this.transferStatus = 'failed';
      this.error = 'calls:errors.transferFailed';
      return;
    }
    this.transferStatus = 'transferring';
    const onState = () => {
      if (transfer.state === 'Transferred') this.transferStatus = 'transferred';
      if (transfer.state === 'Failed') {
        this.transferStatus = 'failed';
        this.error = 'calls:errors.transferFailed';
      }
      if (transfer.state === 'Transferred' || transfer.state === 'Failed') transfer.off('stateChanged', onState);
      this.deps.onChanged();
    };
    transfer.on('stateChanged', onState);
    this.cleanups.push(() => transfer.off('stateChanged', onState));
  }

  addParticipant(target: CommunicationIdentifier, callerId: PhoneNumberIdentifier | null): boolean {
    this.error = null;
    try {
      if ('phoneNumber' in target) this.call.addParticipant(target, callerId ? { alternateCallerId: callerId } : {});
      else if ('communicationUserId' in target || 'microsoftTeamsUserId' in target) this.call.addParticipant(target);
      else throw new Error('unsupported participant');
      return true;
    } catch {
      this.error = 'calls:errors.addParticipantFailed';
      return false;
    }
  }

  async hangUp(): Promise<void> {
    this.hungUpLocally = true;
    try {
      await this.call.hangUp();
    } catch {
      // The call is gone either way for the user; the SDK reports the end through stateChanged.
      this.error = 'calls:errors.hangUpFailed';
    }
  }

  /** Shows our own camera in `container`; returns the function that removes it. */
  async attachLocalPreview(container: HTMLElement): Promise<() => void> {
    const stream = this.localVideo;
    if (!stream) return () => {};
    return this.attach(stream, container, true);
  }

  async attachRemoteVideo(streamId: number, container: HTMLElement): Promise<() => void> {
    const stream = this.remoteStreams().find((s) => s.id === streamId);
    if (!stream) return () => {};
    return this.attach(stream, container, false);
  }

  private async attach(stream: LocalVideoStream | RemoteVideoStream, container: HTMLElement, mirrored: boolean): Promise<() => void> {
    const renderer = this.deps.sdk.createRenderer(stream);
    this.renderers.add(renderer);
    // Idempotent: the tile's teardown may come after the call's end already disposed it, and
    // the SDK reports a second dispose as an error.
    const dispose = () => {
      if (this.renderers.delete(renderer)) renderer.dispose();
    };
    try {
      const view = await renderer.createView({ scalingMode: 'Fit', isMirrored: mirrored });
      if (this.isEnded) {
        dispose();
        return () => {};
      }
      container.replaceChildren(view.target);
    } catch {
      dispose();
      this.error = 'calls:errors.videoFailed';
      return () => {};
    }
    return dispose;
  }

  private remoteStreams(): RemoteVideoStream[] {
    return this.call.remoteParticipants.flatMap((p) => [...p.videoStreams]);
  }

  /** Runs an SDK action; a failure sets `error` (to what `errorKey` says, when it is a function: null for none). */
  private async act(action: () => Promise<void>, errorKey: string | (() => string | null)): Promise<boolean> {
    this.error = null;
    try {
      await action();
      return true;
    } catch {
      this.error = typeof errorKey === 'string' ? errorKey : errorKey();
      return false;
    } finally {
      this.read();
    }
  }

  private on(target: { on(e: string, l: (...a: any[]) => void): void; off(e: string, l: (...a: any[]) => void): void }, event: string, listener: (...args: any[]) => void) {
    target.on(event, listener);
    this.cleanups.push(() => target.off(event, listener));
  }

  private subscribe(): void {
    const call = this.call as unknown as Parameters<CallSession['on']>[0];
    this.on(call, 'stateChanged', () => this.read());
    this.on(call, 'isMutedChanged', () => this.read());
    this.on(call, 'isLocalVideoStartedChanged', () => this.read());
    this.on(call, 'isScreenSharingOnChanged', () => this.read());
    this.on(call, 'remoteParticipantsUpdated', (args: { added: RemoteParticipant[] }) => {
      for (const p of args.added) this.watchParticipant(p);
      this.readRemoteVideo();
    });
    for (const p of this.call.remoteParticipants) this.watchParticipant(p);
    try {
      const diagnostics = this.call.feature(this.deps.sdk.features.diagnostics);
      const onDiagnostic = (args: Pick<NetworkDiagnosticChangedEventArgs | MediaDiagnosticChangedEventArgs, 'diagnostic' | 'value'>) => {
        const warning = warningForDiagnostic[args.diagnostic];
        if (!warning) return;
        if (isProblem(args.value)) this.activeDiagnostics.set(args.diagnostic, warning);
        else this.activeDiagnostics.delete(args.diagnostic);
        this.warnings = [...new Set(this.activeDiagnostics.values())];
        this.deps.onChanged();
      };
      diagnostics.network.on('diagnosticChanged', onDiagnostic);
      diagnostics.media.on('diagnosticChanged', onDiagnostic);
      this.cleanups.push(() => {
        diagnostics.network.off('diagnosticChanged', onDiagnostic);
        diagnostics.media.off('diagnosticChanged', onDiagnostic);
      });
      // Problems raised before we listened (a dead microphone at call start) are only in the
      // latest values: no event repeats them.
      const latest = { ...diagnostics.network.getLatest(), ...diagnostics.media.getLatest() } as Record<string, LatestDiagnosticValue | undefined>;
      for (const [diagnostic, current] of Object.entries(latest)) {
        if (current && diagnostic in warningForDiagnostic) onDiagnostic({ diagnostic: diagnostic as keyof typeof warningForDiagnostic, value: current.value });
      }
    } catch {
      // Diagnostics are a help, not a requirement: a call without them still works.
    }
  }

  private watchParticipant(participant: RemoteParticipant): void {
    const target = participant as unknown as Parameters<CallSession['on']>[0];
    const watchStream = (stream: RemoteVideoStream) => {
      this.on(stream as unknown as Parameters<CallSession['on']>[0], 'isAvailableChanged', () => this.readRemoteVideo());
    };
    for (const stream of participant.videoStreams) watchStream(stream);
    this.on(target, 'videoStreamsUpdated', (args: { added: RemoteVideoStream[] }) => {
      for (const stream of args.added) watchStream(stream);
      this.readRemoteVideo();
    });
  }

  private readRemoteVideo(): void {
    this.remoteVideos = this.call.remoteParticipants.flatMap((p) =>
      p.videoStreams
        .filter((s) => s.isAvailable)
        .map((s) => ({
          key: `${s.id}`,
          streamId: s.id,
          participant: p.displayName ?? this.peer.display,
          isScreenShare: s.mediaStreamType === 'ScreenSharing',
        })),
    );
    this.deps.onChanged();
  }

  private read(): void {
    const call = this.call;
    const wasConnected = this.connectedAt !== null;
    this.state = call.state;
    this.isMuted = call.isMuted;
    this.isLocalVideoOn = call.isLocalVideoStarted;
    this.isScreenSharing = call.isScreenSharingOn;
    if (call.state === 'Connected' && !wasConnected) {
      this.connectedAt = this.deps.now();
      this.scheduleExtension();
    }
    if (call.state === 'Disconnected' && this.endedAt === null) this.finish();
    this.deps.onChanged();
  }

  private scheduleExtension(): void {
    const digits = this.pendingExtension;
    if (!digits) return;
    this.pendingExtension = null;
    let index = 0;
    const next = () => {
      const key = digits[index++];
      if (key === undefined || this.isEnded) return;
      void this.sendDtmf(key).then(() => {
        this.extensionTimer = setTimeout(next, dtmfGapMs);
      });
    };
    this.extensionTimer = setTimeout(next, extensionDelayMs);
  }

  private finish(): void {
    this.endedAt = this.deps.now();
    this.endReason = this.call.callEndReason ?? null;
    if (this.extensionTimer) clearTimeout(this.extensionTimer);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    const renderers = [...this.renderers];
    this.renderers.clear();
    for (const renderer of renderers) renderer.dispose();
    this.localVideo?.dispose();
    this.localVideo = null;
    this.remoteVideos = [];
    this.warnings = [];
    this.deps.onEnded(this);
  }
}
