/**
 * Windows toast XML for calls. Built with an XML library (never string concatenation) so that a
 * caller name like `</text><action …>` stays text. Buttons activate through the app's protocol
 * URL: Windows opens `acs-softphone://call/answer?id=…`, which reaches the running copy through
 * the single-instance hand-off even when the notification object is long gone (toasts outlive
 * processes in the Action Center).
 *
 * Schema: https://learn.microsoft.com/windows/apps/design/shell/tiles-and-notifications/toast-schema
 */
import { XMLBuilder } from 'fast-xml-parser';
import { appLink } from '../deeplinks/parse-link.js';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  // Otherwise "true" values become bare HTML-style attributes, which is not XML.
  suppressBooleanAttributes: false,
  // Escapes &, <, >, ' and " in text and attribute values.
  processEntities: true,
  format: false,
});

type Attributes = Record<`@_${string}`, string>;

function action(content: string, url: string, extra: Record<string, string> = {}): Attributes {
  return { '@_content': content, '@_arguments': url, '@_activationType': 'protocol', ...prefixed(extra) };
}

function prefixed(values: Record<string, string>): Attributes {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`@_${k}`, v])) as Attributes;
}

export interface IncomingCallToastInput {
  callId: string;
  /** Already cleaned (untrusted-text.ts); escaped here. */
  title: string;
  lines: string[];
  withVideo: boolean;
  /** A second call while one is up: no looping ringtone over the current call. */
  waiting: boolean;
  labels: { answer: string; answerVideo: string; decline: string };
}

export function incomingCallToastXml(input: IncomingCallToastInput): string {
  const id = { id: input.callId };
  const actions = [
    action(input.labels.answer, appLink('call/answer', id), { 'hint-buttonStyle': 'Success' }),
    ...(input.withVideo ? [action(input.labels.answerVideo, appLink('call/answerVideo', id), { 'hint-buttonStyle': 'Success' })] : []),
    action(input.labels.decline, appLink('call/decline', id), { 'hint-buttonStyle': 'Critical' }),
  ];
  return builder.build({
    toast: {
      '@_scenario': 'incomingCall',
      '@_launch': appLink('call/show', id),
      '@_activationType': 'protocol',
      '@_useButtonStyle': 'true',
      visual: { binding: { '@_template': 'ToastGeneric', text: [input.title, ...input.lines] } },
      audio: input.waiting ? { '@_src': 'ms-winsoundevent:Notification.Default' } : { '@_src': 'ms-winsoundevent:Notification.Looping.Call', '@_loop': 'true' },
      actions: { action: actions },
    },
  }) as string;
}

export interface MissedCallToastInput {
  callId: string;
  title: string;
  lines: string[];
  labels: { callBack: string };
}

export function missedCallToastXml(input: MissedCallToastInput): string {
  // Only the call's ID: main looks up whom to call back in its own record of the missed call.
  const back = appLink('call/back', { id: input.callId });
  return builder.build({
    toast: {
      '@_launch': back,
      '@_activationType': 'protocol',
      visual: { binding: { '@_template': 'ToastGeneric', text: [input.title, ...input.lines] } },
      actions: { action: [action(input.labels.callBack, back)] },
    },
  }) as string;
}
