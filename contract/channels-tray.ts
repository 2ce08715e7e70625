/**
 * Channels of "living in the tray": presence, OS notifications (incoming, waiting and missed
 * calls, chat messages), deep links (tel:, callto:, acs-softphone://) and the tray badge.
 *
 * Who calls what:
 * - the calling feature tells main about a ringing call (`notifications:incomingCall`, which
 *   answers how to present it) and about its end (`notifications:callEnded`); main's presence
 *   follows `calls:activityChanged` (the calling feature's channel);
 * - the chat feature tells main about a new message (`notifications:chatMessage`); the unread
 *   count for the badge travels on chat's own `chat:unreadChanged`;
 * - main tells the renderer what the user did outside the window: `notifications:action`
 *   (toast buttons, tray menu, protocol links) and `deeplinks:dial` (a clicked tel: link).
 */
import { z } from 'zod';
import { boundedString, event, invoke, noRequest } from './define.js';
import { limits } from './limits.js';
import { userStatuses, type UserStatus } from './presence.js';

export { userStatuses, type UserStatus };

/** What others see: the chosen status, or one the app set automatically. */
export type PresenceStatus = UserStatus | 'inACall';

/** Why the shown status differs from the chosen one (null when it does not). */
export type PresenceReason = 'inCall' | 'idle' | 'locked' | null;

export interface PresenceView {
  status: PresenceStatus;
  chosen: UserStatus;
  reason: PresenceReason;
}

/**
 * A call ID as the Calling SDK gives it (a GUID today). Kept to a safe alphabet because it
 * travels inside protocol URLs and toast XML.
 */
export const callIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'not a call ID');

/** How main presented an incoming call; the renderer rings only for 'ring' and 'callWaiting'. */
export type IncomingCallPresentation = 'ring' | 'callWaiting' | 'suppressed';

export const callEndReasons = ['answered', 'declined', 'remoteEnded', 'missed', 'answeredElsewhere', 'failed'] as const;
export type CallEndReason = (typeof callEndReasons)[number];

export const incomingCallSchema = z.strictObject({
  callId: callIdSchema,
  /** Display name from the network: untrusted text. */
  callerName: boundedString(),
  /** The caller's raw ID (8:acs:…, 4:+E.164, Teams IDs); shown when there is no name. */
  callerId: boundedString(),
  withVideo: z.boolean(),
});
export type IncomingCall = z.output<typeof incomingCallSchema>;

export const chatMessageNotificationSchema = z.strictObject({
  threadId: boundedString(limits.url).min(1),
  messageId: boundedString().min(1),
  senderName: boundedString(),
  /** The sender's raw ACS id, for main to name them from the directory; never shown or logged. */
  senderId: boundedString().optional(),
  /** The start of the message; main shortens it further. Never logged. */
  preview: boundedString(limits.preview),
  threadTitle: boundedString().optional(),
});
export type ChatMessageNotification = z.output<typeof chatMessageNotificationSchema>;

/** Something the user did outside the window (toast, tray menu, protocol link). */
export type NotificationAction =
  | { action: 'answer' | 'answerVideo' | 'decline'; callId: string }
  | { action: 'callBack'; callId: string; callerId: string }
  | { action: 'showCall'; callId: string }
  | { action: 'reply'; threadId: string; text: string }
  | { action: 'openChat'; threadId: string }
  | { action: 'showMissedCalls' };

/** A number from a tel:/callto: link, ready for the dial pad (never dialled without a click). */
export interface DialRequest {
  /** Digits with an optional leading + (and * #); visual separators removed. */
  number: string;
  /** From ";ext=": dialled as tones once the call connects. */
  extension: string | null;
  source: 'tel' | 'callto' | 'app';
}

/**
 * The main window as the user sees it. The page cannot tell by itself: with background
 * throttling off, a window hidden in the tray still reports itself visible.
 */
export interface WindowState {
  visible: boolean;
  focused: boolean;
}

/** A link main refused; messageKey is translated by the renderer. */
export interface RefusedLink {
  messageKey: string;
}

export const trayChannels = {
  presence: {
    get: invoke<PresenceView>()(noRequest),
    set: invoke<PresenceView>()(z.strictObject({ status: z.enum(userStatuses) })),
    changed: event<PresenceView>(),
  },
  notifications: {
    /** A call is ringing; main notifies per presence and answers how it presented it. */
    incomingCall: invoke<{ presentation: IncomingCallPresentation }>()(incomingCallSchema),
    /**
     * The ringing is over: closes its notification. 'missed' = it stopped ringing unanswered
     * (the caller gave up or it timed out) and raises a missed-call notification.
     */
    callEnded: invoke<void>()(z.strictObject({ callId: callIdSchema, reason: z.enum(callEndReasons) })),
    /** A chat message arrived; shown only when the window is not focused and presence allows. */
    chatMessage: invoke<{ shown: boolean }>()(chatMessageNotificationSchema),
    /** The user opened this conversation in the app: its notification is stale and closes. */
    chatRead: invoke<void>()(z.strictObject({ threadId: boundedString(limits.url).min(1) })),
    /** The user has seen the missed calls (Calls shown in the window in front): the badge goes down. */
    missedCallsSeen: invoke<void>()(noRequest),
    action: event<NotificationAction>(),
  },
  deeplinks: {
    /** The renderer listens now: main delivers the links it queued before. */
    ready: invoke<void>()(noRequest),
    dial: event<DialRequest>(),
    refused: event<RefusedLink>(),
  },
  tray: {
    /** Whether the main window is on screen and focused now; then follow windowStateChanged. */
    windowState: invoke<WindowState>()(noRequest),
    windowStateChanged: event<WindowState>(),
  },
} as const;
