/**
 * Self-update (electron-updater) for NSIS and DMG/ZIP installs. MSI installs are updated by
 * IT and never update themselves; policy can turn updates off.
 */
import { event, invoke, noRequest } from './define.js';

export type UpdateStatus =
  /** Not updating itself; disabledReason says why. */
  | 'disabled'
  | 'idle'
  | 'checking'
  | 'up-to-date'
  | 'downloading'
  /** Downloaded: installs on restart (or when the app quits). */
  | 'ready'
  | 'error';

export type UpdateDisabledReason =
  /** Installed per machine by IT (MSI / Program Files): IT ships new versions. */
  | 'managed-install'
  /** The organisation turned automatic updates off. */
  | 'policy'
  /** The user turned automatic updates off. */
  | 'user'
  /** A development run, or a platform without self-update. */
  | 'unsupported';

export interface UpdateState {
  status: UpdateStatus;
  disabledReason: UpdateDisabledReason | null;
  /** The version available, downloading or ready. */
  version: string | null;
  /** Download progress, 0–100, while downloading. */
  percent: number | null;
  /** The user asked to restart during a call: the app restarts when the call ends. */
  restartAfterCall: boolean;
}

export const updateChannels = {
  updates: {
    getState: invoke<UpdateState>()(noRequest),
    /** Checks now (the app also checks on its own every few hours). */
    check: invoke<UpdateState>()(noRequest),
    /** Restarts into the downloaded version, or after the current call ends. */
    restartToUpdate: invoke<UpdateState>()(noRequest),
    stateChanged: event<UpdateState>(),
  },
} as const;
