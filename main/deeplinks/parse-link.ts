/**
 * Reads the links the OS hands the app: `tel:` (RFC 3966), `callto:` (the older Skype/NetMeeting
 * form, with or without `//`) and the app's own `acs-softphone://` URLs (toast buttons, missed
 * call "call back", links IT puts on an intranet). Links come from anywhere — a web page, an
 * email, another program — so everything is checked and nothing is dialled: a tel: link only
 * fills the dial pad.
 */
import type { DialRequest, NotificationAction } from '../../contract/channels-tray.js';
import { appIdentity } from '../app/identity.js';

export type DeepLink = { kind: 'dial'; dial: DialRequest } | { kind: 'action'; action: NotificationAction };

export const linkRefusals = ['tooLong', 'controlCharacters', 'unknownScheme', 'unknownAction', 'badCallId', 'badNumber', 'malformed'] as const;
export type LinkRefusal = (typeof linkRefusals)[number];

export type ParsedLink = { ok: true; link: DeepLink } | { ok: false; reason: LinkRefusal };

export const maxLinkLength = 2048;
const appScheme = `${appIdentity.protocol}:`;
export const handledSchemes = ['tel:', 'callto:', appScheme] as const;

// C0 and C1 controls, DEL, and the bidi overrides that make text read differently than it is.
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** Visual separators RFC 3966 allows in numbers, plus the spaces people paste. */
const visualSeparators = /[\s\-.()\u00a0]/g;
const dialable = /^\+?[0-9*#]{1,24}$/;
const callIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;
/** ACS and Teams raw IDs (8:acs:…, 8:orgid:…, 4:+E.164) and chat thread IDs (19:…@thread.v2). */
const rawIdPattern = /^[A-Za-z0-9:+._@-]{1,256}$/;

const refuse = (reason: LinkRefusal): ParsedLink => ({ ok: false, reason });

export function parseDeepLink(raw: unknown): ParsedLink {
  if (typeof raw !== 'string') return refuse('malformed');
  if (raw.length > maxLinkLength) return refuse('tooLong');
  const text = raw.trim();
  if (controlCharacters.test(text)) return refuse('controlCharacters');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (!scheme) return refuse('unknownScheme');
  const rest = text.slice(scheme.length + 1);
  switch (`${scheme}:`) {
    case 'tel:':
      return parseTelephoneBody(rest.replace(/^\/\//, ''), 'tel');
    case 'callto:':
      // callto://+1555… and callto:+1555… both occur; Skype appended "?call".
      return parseTelephoneBody(rest.replace(/^\/\//, '').replace(/\?.*$/, ''), 'callto');
    case appScheme:
      return parseAppLink(text);
    default:
      return refuse('unknownScheme');
  }
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** `number[;param=value]*` with `phone-context` and `ext`; other parameters are ignored. */
function parseTelephoneBody(body: string, source: DialRequest['source']): ParsedLink {
  const decoded = decode(body);
  if (decoded === null) return refuse('malformed');
  if (controlCharacters.test(decoded)) return refuse('controlCharacters');
  const [numberPart = '', ...params] = decoded.split(';');
  let number = numberPart.replace(visualSeparators, '');
  let extension: string | null = null;
  for (const param of params) {
    const [name = '', value = ''] = param.split('=', 2).map((s) => s.trim());
    if (name.toLowerCase() === 'ext') {
      extension = value.replace(visualSeparators, '');
      if (!/^[0-9*#]{1,16}$/.test(extension)) return refuse('badNumber');
    } else if (name.toLowerCase() === 'phone-context') {
      // A local number with a global prefix as its context (RFC 3966 §5.1.5) becomes global;
      // a domain name as context says nothing we can dial, so the local number stays as is.
      const prefix = value.replace(visualSeparators, '');
      if (!number.startsWith('+') && /^\+[0-9]{1,15}$/.test(prefix)) number = `${prefix}${number}`;
    }
  }
  if (!dialable.test(number) || !/[0-9]/.test(number)) return refuse('badNumber');
  return { ok: true, link: { kind: 'dial', dial: { number, extension, source } } };
}

function parseAppLink(text: string): ParsedLink {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse('malformed');
  }
  const route = `${url.hostname}${url.pathname}`.replace(/\/+$/, '').toLowerCase();
  const param = (name: string) => queryValue(url.search, name);
  const callId = () => {
    const id = param('id');
    return callIdPattern.test(id) ? id : null;
  };
  switch (route) {
    case 'call/answer':
    case 'call/answervideo':
    case 'call/decline':
    case 'call/show': {
      const id = callId();
      if (!id) return refuse('badCallId');
      const action = ({ 'call/answer': 'answer', 'call/answervideo': 'answerVideo', 'call/decline': 'decline', 'call/show': 'showCall' } as const)[route];
      return { ok: true, link: { kind: 'action', action: { action, callId: id } } };
    }
    case 'call/back': {
      // Whom to call back is never taken from a link (any web page can open one): main fills
      // it in from its own record of that missed call, or refuses (see desktop-integration.ts).
      // A "peer" parameter, as older toasts carried, is ignored.
      const id = callId();
      if (!id) return refuse('badCallId');
      return { ok: true, link: { kind: 'action', action: { action: 'callBack', callId: id, callerId: '' } } };
    }
    case 'calls/missed':
      return { ok: true, link: { kind: 'action', action: { action: 'showMissedCalls' } } };
    case 'chat/open': {
      const thread = param('thread');
      if (!rawIdPattern.test(thread)) return refuse('malformed');
      return { ok: true, link: { kind: 'action', action: { action: 'openChat', threadId: thread } } };
    }
    case 'dial': {
      return parseTelephoneBody(encodeURIComponent(param('number')), 'app');
    }
    default:
      return refuse('unknownAction');
  }
}

/**
 * One query value, percent-decoded but with '+' kept: URLSearchParams would turn the '+' of
 * "+34…" into a space. Unreadable encoding gives ''.
 */
function queryValue(search: string, name: string): string {
  for (const pair of search.replace(/^\?/, '').split('&')) {
    const [key = '', value = ''] = pair.split('=', 2);
    if (key !== name) continue;
    return decode(value) ?? '';
  }
  return '';
}

/** The app's own URL for an action, as toast buttons and missed-call notifications carry it. */
export function appLink(route: 'call/answer' | 'call/answerVideo' | 'call/decline' | 'call/show' | 'call/back' | 'calls/missed' | 'chat/open', params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return `${appIdentity.protocol}://${route}${query ? `?${query}` : ''}`;
}

/**
 * The link in a command line the OS started us with (Windows and Linux pass a clicked link as
 * an argument, to the first copy through `second-instance`). Other arguments are Chromium's or
 * ours and are not links; only arguments in our schemes count, the last one wins.
 */
export function findLinkInArgv(argv: readonly string[]): string | null {
  for (let i = argv.length - 1; i >= 0; i--) {
    const arg = argv[i];
    if (typeof arg === 'string' && handledSchemes.some((s) => arg.trim().toLowerCase().startsWith(s))) return arg;
  }
  return null;
}
