/** The Windows toast XML, parsed back with an XML parser: well-formed, escaped, complete. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { incomingCallToastXml, missedCallToastXml } from '../../../main/notifications/toast-xml.js';
import { cleanUntrustedText } from '../../../main/notifications/untrusted-text.js';
import { parseDeepLink } from '../../../main/deeplinks/parse-link.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'action' || name === 'text' });
const labels = { answer: 'Answer', answerVideo: 'Answer with video', decline: 'Decline' };
const callId = '4f9d2c1e-7b3a-4e8f-a2d6-0c5b9e1f3a7d';
const hostileName = `</text></binding></visual><actions><action content="Pwn" arguments="file:///C:/evil.exe"/></actions><text>&amp;"'`;

interface Toast {
  toast: {
    scenario?: string;
    launch: string;
    activationType: string;
    visual: { binding: { template: string; text: string[] } };
    audio: { src: string; loop?: string };
    actions: { action: { content: string; arguments: string; activationType: string }[] };
  };
}

function parse(xml: string): Toast {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Toast;
}

describe('incoming-call toast', () => {
  it('is well-formed, uses the incomingCall scenario, and activates through protocol URLs', () => {
    const { toast } = parse(incomingCallToastXml({ callId, title: 'Incoming call', lines: ['Ada is calling'], withVideo: true, waiting: false, labels }));
    expect(toast.scenario).toBe('incomingCall');
    expect(toast.activationType).toBe('protocol');
    expect(parseDeepLink(toast.launch)).toEqual({ ok: true, link: { kind: 'action', action: { action: 'showCall', callId } } });
    expect(toast.visual.binding.template).toBe('ToastGeneric');
    expect(toast.visual.binding.text).toEqual(['Incoming call', 'Ada is calling']);
    expect(toast.audio).toEqual({ src: 'ms-winsoundevent:Notification.Looping.Call', loop: 'true' });
    const actions = toast.actions.action;
    expect(actions.map((a) => a.content)).toEqual(['Answer', 'Answer with video', 'Decline']);
    expect(actions.every((a) => a.activationType === 'protocol')).toBe(true);
    expect(actions.map((a) => parseDeepLink(a.arguments))).toEqual([
      { ok: true, link: { kind: 'action', action: { action: 'answer', callId } } },
      { ok: true, link: { kind: 'action', action: { action: 'answerVideo', callId } } },
      { ok: true, link: { kind: 'action', action: { action: 'decline', callId } } },
    ]);
  });

  it('offers Answer and Decline only for an audio call, and does not loop a ringtone for call waiting', () => {
    const { toast } = parse(incomingCallToastXml({ callId, title: 'Call waiting', lines: ['x'], withVideo: false, waiting: true, labels }));
    expect(toast.actions.action.map((a) => a.content)).toEqual(['Answer', 'Decline']);
    expect(toast.audio.loop).toBeUndefined();
  });

  it('keeps a hostile caller name as text: no extra elements, no extra actions', () => {
    const name = cleanUntrustedText(hostileName, 300);
    const xml = incomingCallToastXml({ callId, title: 'Incoming call', lines: [name], withVideo: false, waiting: false, labels });
    expect(xml).not.toContain('<action content="Pwn"');
    const { toast } = parse(xml);
    expect(toast.visual.binding.text[1]).toBe(name);
    expect(toast.actions.action).toHaveLength(2);
    expect(toast.actions.action.every((a) => a.arguments.startsWith('acs-softphone://call/'))).toBe(true);
  });

  it('translated labels with quotes and ampersands stay intact', () => {
    const { toast } = parse(incomingCallToastXml({ callId, title: 'Llamada "entrante" & más', lines: [], withVideo: false, waiting: false, labels: { ...labels, answer: "Contestar <ya> & 'ahora'" } }));
    expect(toast.visual.binding.text).toEqual(['Llamada "entrante" & más']);
    expect(toast.actions.action[0]!.content).toBe("Contestar <ya> & 'ahora'");
  });
});

describe('missed-call toast', () => {
  it('calls back through the protocol URL from the body and the button, naming only the call', () => {
    const { toast } = parse(missedCallToastXml({ callId, title: 'Missed call', lines: ['You missed a call from Ada'], labels: { callBack: 'Call back' } }));
    expect(toast.scenario).toBeUndefined();
    // Main fills in whom to call from its own record of the missed call (desktop-integration).
    expect(toast.launch).toBe(`acs-softphone://call/back?id=${callId}`);
    const expected = { ok: true, link: { kind: 'action', action: { action: 'callBack', callId, callerId: '' } } };
    expect(parseDeepLink(toast.launch)).toEqual(expected);
    expect(toast.actions.action.map((a) => [a.content, parseDeepLink(a.arguments)])).toEqual([['Call back', expected]]);
  });
});

describe('untrusted text', () => {
  it.each([
    ['Ada\u0000Lovelace', 'Ada Lovelace'],
    ['line\nbreak\r\nand\ttab', 'line break and tab'],
    ['evil\u202eexe.txt', 'evil exe.txt'],
    ['lone \ud800 surrogate', 'lone surrogate'],
    ['  spaced  ', 'spaced'],
  ])('%j → %j', (input, expected) => {
    expect(cleanUntrustedText(input, 64)).toBe(expected);
  });

  it('shortens on a code point boundary', () => {
    const text = `${'a'.repeat(9)}😀😀`;
    expect(cleanUntrustedText(text, 10)).toBe(`${'a'.repeat(9)}…`);
    expect(cleanUntrustedText('😀'.repeat(20), 5)).toBe('😀😀😀😀…');
  });
});
