/** A ringing call as the app shows it, and who hears about ringing calls (main, for the OS notifications). */
import type { CallEndReason as RingEndReason, IncomingCallPresentation } from '../../contract/channels-tray.js';

export type { RingEndReason };

/** How a ringing call is presented: main's answer, or 'pending' until it comes. */
export type RingPresentation = IncomingCallPresentation | 'pending';

export interface IncomingRing {
  id: string;
  callerName: string;
  callerId: string;
  rawId: string;
  receivedAt: number;
  /** 'ring' rings, 'callWaiting' beeps softly, 'suppressed' (Do not disturb) stays quiet. */
  presentation: RingPresentation;
}

/** Who hears about ringing calls (main's notifications, through call-notifications.ts). */
export interface RingReporter {
  /** A call started ringing; resolves with how it should be presented. */
  started(ring: IncomingRing): Promise<IncomingCallPresentation>;
  /** It stopped ringing, and why. */
  ended(ring: IncomingRing, reason: RingEndReason): void;
}
