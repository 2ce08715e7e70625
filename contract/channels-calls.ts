/**
 * Channels of the softphone: call history kept in main, the renderer telling main when a call
 * starts and ends (presence, tray and the display-sleep blocker follow it), and the screen-share
 * picker. Ringing calls and missed calls go through notifications:* (channels-tray.ts).
 */
import { z } from 'zod';
import { boundedString, event, invoke, noRequest } from './define.js';
import { callHistoryLimits } from './limits.js';

export const callDirections = ['incoming', 'outgoing'] as const;
export const callOutcomes = ['completed', 'missed', 'declined', 'cancelled', 'failed', 'answeredElsewhere'] as const;
export type CallHistoryDirection = (typeof callDirections)[number];
export type CallOutcome = (typeof callOutcomes)[number];

/** A finished call as the renderer reports it. Strings are bounded; times are ISO 8601. */
export const newCallHistoryEntrySchema = z.strictObject({
  direction: z.enum(callDirections),
  /** What to dial to call back: an ACS/Teams raw ID or 4:+E.164. */
  peerRawId: boundedString(),
  /** Name or number as shown ('' when unknown). */
  peerDisplay: boundedString(),
  startedAt: z.iso.datetime({ offset: true }),
  /** Connected time in whole seconds (0 when never connected). */
  durationSeconds: z.number().int().min(0).max(callHistoryLimits.durationSeconds),
  outcome: z.enum(callOutcomes),
  /** The SDK's callEndReason (code, subCode), for support; 0/0 for a normal end. */
  endCode: z.number().int().min(0).max(callHistoryLimits.endCode),
  endSubCode: z.number().int().min(0).max(callHistoryLimits.endSubCode),
});
export type NewCallHistoryEntry = z.output<typeof newCallHistoryEntrySchema>;

export interface CallHistoryEntry extends NewCallHistoryEntry {
  id: string;
}

export interface CallHistoryView {
  /** Newest first. */
  entries: CallHistoryEntry[];
  /**
   * Missed calls the user has not seen: main's one count, the same the tray badge shows. The
   * renderer clears it with notifications:missedCallsSeen.
   */
  missedCount: number;
}

/** Told once after start-up when the history file could not be used as it was. */
export interface CallHistoryRecoveryNotice {
  backupPath: string;
}

/** A screen or window offered in the screen-share picker. */
export interface ScreenShareSource {
  id: string;
  name: string;
  kind: 'screen' | 'window';
  /** A small preview as a data: URL ('' when the OS gave none). */
  thumbnail: string;
}

export interface ScreenShareRequest {
  requestId: string;
  sources: ScreenShareSource[];
}

export const callsChannels = {
  calls: {
    historyList: invoke<CallHistoryView>()(noRequest),
    historyAdd: invoke<CallHistoryView>()(newCallHistoryEntrySchema),
    historyClear: invoke<CallHistoryView>()(noRequest),
    historyRecoveryNotice: invoke<CallHistoryRecoveryNotice | null>()(noRequest),
    /** The renderer is (or is no longer) in a call. */
    activityChanged: invoke<void>()(z.strictObject({ inCall: z.boolean() })),
    /** The user's answer to a screenShareRequest; sourceId '' cancels. */
    screenShareChoose: invoke<void>()(z.strictObject({ requestId: boundedString(64), sourceId: boundedString(512) })),
    historyChanged: event<CallHistoryView>(),
    /** Main asks the renderer to let the user pick what to share. */
    screenShareRequest: event<ScreenShareRequest>(),
    /** A request ended without the renderer's answer (its time ran out, or a newer one came): close the picker. */
    screenShareClosed: event<{ requestId: string }>(),
  },
} as const;
