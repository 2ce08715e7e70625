/**
 * Which web permissions the app grants: microphone/camera (calls) and display capture (screen
 * share), to the app's own top frame only. Everything else — notifications from the page,
 * geolocation, clipboard reads, MIDI… — is refused. Used by both the permission request and
 * the permission check handlers.
 */
import type { AppOrigin } from './app-origin.js';

export const grantedPermissions = new Set(['media', 'display-capture', 'speaker-selection']);

export interface PermissionAsk {
  permission: string;
  /** URL of the frame asking. */
  requestingUrl: string | undefined;
  isMainFrame: boolean;
  /** For 'media': which kinds were asked for. */
  mediaTypes?: readonly string[];
}

export function isPermissionGranted(origin: AppOrigin, ask: PermissionAsk): boolean {
  if (!grantedPermissions.has(ask.permission)) return false;
  if (!ask.isMainFrame || !origin.owns(ask.requestingUrl)) return false;
  if (ask.permission === 'media' && ask.mediaTypes) {
    return ask.mediaTypes.every((t) => t === 'audio' || t === 'video');
  }
  return true;
}
