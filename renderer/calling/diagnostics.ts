/**
 * Which of the SDK's user-facing diagnostics the user is told about, and with which sentence
 * (i18n namespace `calls`, `warnings.*`). Quality diagnostics warn at Poor or Bad and clear at
 * Good; flag diagnostics warn while true.
 */
import type { MediaDiagnosticType, NetworkDiagnosticType } from '@azure/communication-calling';

export type WarningKey =
  | 'poorNetwork'
  | 'noNetwork'
  | 'reconnecting'
  | 'relaysBlocked'
  | 'micNotWorking'
  | 'micSilent'
  | 'micMutedUnexpectedly'
  | 'speakingWhileMuted'
  | 'noMicrophone'
  | 'noSpeaker'
  | 'micPermissionDenied'
  | 'cameraPermissionDenied'
  | 'cameraProblem'
  | 'screenShareProblem';

export const warningForDiagnostic: Record<NetworkDiagnosticType | MediaDiagnosticType, WarningKey> = {
  networkReceiveQuality: 'poorNetwork',
  networkSendQuality: 'poorNetwork',
  noNetwork: 'noNetwork',
  networkReconnect: 'reconnecting',
  networkRelaysNotReachable: 'relaysBlocked',
  microphoneNotFunctioning: 'micNotWorking',
  microphoneNotMuteButSilent: 'micSilent',
  microphoneMuteUnexpectedly: 'micMutedUnexpectedly',
  speakingWhileMicrophoneIsMuted: 'speakingWhileMuted',
  noMicrophoneDevicesEnumerated: 'noMicrophone',
  noSpeakerDevicesEnumerated: 'noSpeaker',
  microphonePermissionDenied: 'micPermissionDenied',
  cameraPermissionDenied: 'cameraPermissionDenied',
  cameraFreeze: 'cameraProblem',
  cameraStartFailed: 'cameraProblem',
  cameraStartTimedOut: 'cameraProblem',
  cameraStoppedUnexpectedly: 'cameraProblem',
  capturerStartFailed: 'screenShareProblem',
  capturerStoppedUnexpectedly: 'screenShareProblem',
  screenshareRecordingDisabled: 'screenShareProblem',
};

/** Whether a diagnostic value means "something is wrong" (DiagnosticQuality Good = 1). */
export function isProblem(value: number | boolean): boolean {
  return typeof value === 'boolean' ? value : value >= 2;
}
