/**
 * Which web permissions the app grants: microphone/camera (calls) and display capture (screen
 * share), to the app's own top frame only. Everything else — notifications from the page,
 * geolocation, clipboard reads, MIDI… — is refused. Used by both the permission request and
 * the permission check handlers.
 */
import type { AppOrigin } from './app-origin.js';

// Not 'speaker-selection': that permission belongs to navigator.mediaDevices.selectAudioOutput(),
// which the Calling SDK never calls; it picks speakers with setSinkId, which the microphone
// permission ('media') already covers (docs/decisions.md).
export const grantedPermissions = new Set(['media', 'display-capture']);

/**
 * What the organisation allows in calls (allowVideo, allowScreenShare). Enforced here as well
 * as by the renderer's buttons, so a renderer that ignores the setting still gets no camera
 * or screen.
 */
export interface MediaAllowance {
  video: boolean;
  screenShare: boolean;
}
export const everyMedia: MediaAllowance = { video: true, screenShare: true };

export interface PermissionAsk {
  permission: string;
  /** URL of the frame asking. */
  requestingUrl: string | undefined;
  isMainFrame: boolean;
  /**
   * For 'media': which kinds were asked for (a request's mediaTypes, a check's mediaType).
   * When Electron does not say, the camera cannot be told apart and only the renderer's
   * switch keeps it off.
   */
  mediaTypes?: readonly string[];
}

export function isPermissionGranted(origin: AppOrigin, ask: PermissionAsk, allowed: MediaAllowance = everyMedia): boolean {
  if (!grantedPermissions.has(ask.permission)) return false;
  if (!ask.isMainFrame || !origin.owns(ask.requestingUrl)) return false;
  if (ask.permission === 'display-capture') return allowed.screenShare;
  if (ask.permission === 'media' && ask.mediaTypes) {
    return ask.mediaTypes.every((t) => t === 'audio' || (t === 'video' && allowed.video));
  }
  return true;
}
