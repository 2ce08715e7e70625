/**
 * The slice of the Calling SDK the app uses, as one object the composition root hands to the
 * CallingService. Production passes the real SDK (loaded lazily); tests and the simulated-ACS
 * e2e build pass the double in test/fixtures/calling-sdk-double/, which implements the SDK's
 * own interfaces so a change in the SDK's types breaks compilation there.
 *
 * CallClient, LocalVideoStream and VideoStreamRenderer are classes with private fields, which
 * no other class can `implement`; `PublicPart` keeps exactly their public surface.
 */
import type {
  CallClient,
  CallFeatureFactory,
  LocalVideoStream,
  RemoteVideoStream,
  TransferCallFeature,
  UserFacingDiagnosticsFeature,
  VideoDeviceInfo,
  VideoStreamRenderer,
} from '@azure/communication-calling';
import { loadCallingSdk } from '../lib/load-sdks.js';

export type PublicPart<T> = { [K in keyof T]: T[K] };

export type CallClientApi = PublicPart<CallClient>;
export type VideoRendererApi = PublicPart<VideoStreamRenderer>;

export interface CallingSdk {
  createCallClient(): CallClientApi;
  createLocalVideoStream(source: VideoDeviceInfo): LocalVideoStream;
  createRenderer(stream: LocalVideoStream | RemoteVideoStream): VideoRendererApi;
  features: {
    transfer: CallFeatureFactory<TransferCallFeature>;
    diagnostics: CallFeatureFactory<UserFacingDiagnosticsFeature>;
  };
}

/** The real SDK, fetched on first use (it is ~1.7 MB gzip and never in the initial bundle). */
export async function loadRealCallingSdk(): Promise<CallingSdk> {
  const sdk = await loadCallingSdk();
  return {
    createCallClient: () => new sdk.CallClient(),
    createLocalVideoStream: (source) => new sdk.LocalVideoStream(source),
    createRenderer: (stream) => new sdk.VideoStreamRenderer(stream),
    features: { transfer: sdk.Features.Transfer, diagnostics: sdk.Features.UserFacingDiagnostics },
  };
}
