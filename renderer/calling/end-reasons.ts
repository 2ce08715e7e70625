/**
 * Every way a call can end, as a sentence a person understands. The SDK reports a SIP-like
 * `code` and an ACS `subCode`; the table below maps them to i18n keys (namespace `calls`,
 * `endReasons.*`). Specific (code, subCode) pairs win over the code alone, which wins over the
 * code's class (4xx, 5xx, 6xx), so an unseen code still gets an honest sentence.
 */
import type { CallEndReason } from '@azure/communication-calling';

export type EndReasonKey =
  | 'normal'
  | 'badRequest'
  | 'signIn'
  | 'forbidden'
  | 'notFound'
  | 'timeout'
  | 'mediaFailed'
  | 'notReachable'
  | 'callGone'
  | 'busy'
  | 'cancelled'
  | 'answeredElsewhere'
  | 'declinedElsewhere'
  | 'notAcceptable'
  | 'localNetwork'
  | 'serviceError'
  | 'serviceUnavailable'
  | 'declined'
  | 'unknown';

/** Whether the end was a failure the user should be told about, or simply the call ending. */
export type EndSeverity = 'info' | 'error';

export interface EndReasonEntry {
  key: EndReasonKey;
  severity: EndSeverity;
}

const entry = (key: EndReasonKey, severity: EndSeverity = 'error'): EndReasonEntry => ({ key, severity });

/** (code, subCode) pairs with a meaning more specific than their code. */
const bySubCode = new Map<string, EndReasonEntry>([
  ['0:10003', entry('answeredElsewhere', 'info')],
  ['487:10003', entry('answeredElsewhere', 'info')],
  ['0:10004', entry('declinedElsewhere', 'info')],
  ['487:10004', entry('declinedElsewhere', 'info')],
  ['603:10004', entry('declinedElsewhere', 'info')],
]);

export const endReasonsByCode = new Map<number, EndReasonEntry>([
  [0, entry('normal', 'info')],
  [400, entry('badRequest')],
  [401, entry('signIn')],
  [403, entry('signIn')],
  [404, entry('notFound')],
  [408, entry('timeout')],
  [410, entry('mediaFailed')],
  [480, entry('notReachable')],
  [481, entry('callGone')],
  [486, entry('busy')],
  [487, entry('cancelled', 'info')],
  [488, entry('notAcceptable')],
  [490, entry('localNetwork')],
  [491, entry('localNetwork')],
  [492, entry('localNetwork')],
  [493, entry('localNetwork')],
  [494, entry('localNetwork')],
  [495, entry('localNetwork')],
  [496, entry('localNetwork')],
  [497, entry('localNetwork')],
  [498, entry('localNetwork')],
  [500, entry('serviceError')],
  [502, entry('serviceUnavailable')],
  [503, entry('serviceUnavailable')],
  [504, entry('timeout')],
  [600, entry('busy')],
  [603, entry('declined')],
]);

export function describeEndReason(reason: Pick<CallEndReason, 'code' | 'subCode'> | undefined): EndReasonEntry {
  if (!reason || !Number.isFinite(reason.code)) return entry('unknown');
  const specific = reason.subCode !== undefined ? bySubCode.get(`${reason.code}:${reason.subCode}`) : undefined;
  if (specific) return specific;
  const known = endReasonsByCode.get(reason.code);
  if (known) return known;
  if (reason.code >= 400 && reason.code < 500) return entry('badRequest');
  if (reason.code >= 500 && reason.code < 600) return entry('serviceError');
  if (reason.code >= 600 && reason.code < 700) return entry('declined');
  return entry('unknown');
}

/** The i18n key for an end reason. */
export const endReasonMessageKey = (reason: Pick<CallEndReason, 'code' | 'subCode'> | undefined): `calls:endReasons.${EndReasonKey}` =>
  `calls:endReasons.${describeEndReason(reason).key}`;
