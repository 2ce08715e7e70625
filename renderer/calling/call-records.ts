/**
 * How a finished call is written down: its outcome for the history (and, for a ringing call,
 * for main's notifications), and the history entry itself within the contract's bounds.
 */
import type { CallEndReason } from '@azure/communication-calling';
import type { CallOutcome, NewCallHistoryEntry } from '../../contract/channels-calls.js';
import { callHistoryLimits, limits } from '../../contract/limits.js';
import type { CallSession, Peer } from './call-session.svelte.js';
import { describeEndReason } from './end-reasons.js';
import type { RingEndReason } from './ringing.js';

/** A call that was answered here: how it ended. */
export function sessionOutcome(session: Pick<CallSession, 'connectedAt' | 'hungUpLocally' | 'endReason'>): CallOutcome {
  const described = describeEndReason(session.endReason ?? undefined);
  if (session.connectedAt !== null) return 'completed';
  if (session.hungUpLocally || described.key === 'cancelled') return 'cancelled';
  if (described.key === 'declined' || described.key === 'busy') return 'declined';
  return 'failed';
}

/**
 * A call that stopped ringing before anyone here took it: for the history, and for main (whose
 * 'missed' raises the missed-call notice and counts on the badge).
 */
export function ringOutcome(reason: CallEndReason): { outcome: CallOutcome; ringEnd: RingEndReason } {
  const { key } = describeEndReason(reason);
  if (key === 'answeredElsewhere') return { outcome: 'answeredElsewhere', ringEnd: 'answeredElsewhere' };
  if (key === 'declinedElsewhere') return { outcome: 'declined', ringEnd: 'declined' };
  return { outcome: 'missed', ringEnd: 'missed' };
}

export interface FinishedCall {
  direction: 'incoming' | 'outgoing';
  peer: Peer;
  startedAt: number;
  durationSeconds: number;
  outcome: CallOutcome;
  reason: Pick<CallEndReason, 'code' | 'subCode'> | undefined;
}

const clamp = (n: number | undefined, max: number) => (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max ? n : 0);

/** The history entry, cut to what main's schema accepts (a hostile caller name cannot break it). */
export function historyEntry(call: FinishedCall): NewCallHistoryEntry {
  return {
    direction: call.direction,
    peerRawId: call.peer.rawId.slice(0, limits.shortText),
    peerDisplay: call.peer.display.slice(0, limits.shortText),
    startedAt: new Date(call.startedAt).toISOString(),
    durationSeconds: Math.min(call.durationSeconds, callHistoryLimits.durationSeconds),
    outcome: call.outcome,
    endCode: clamp(call.reason?.code, callHistoryLimits.endCode),
    endSubCode: clamp(call.reason?.subCode, callHistoryLimits.endSubCode),
  };
}
