import { describe, expect, it } from 'vitest';
import { userStatuses } from '../../../contract/channels-tray.js';
import { chatPresentation, incomingCallPresentation, showsMissedCallNotification } from '../../../main/presence/notification-policy.js';
import { presenceOf } from '../../../main/presence/presence-tracker.js';

describe('notification policy per status', () => {
  it.each(userStatuses)('%s: incoming call, chat and missed-call notice', (chosen) => {
    const dnd = chosen === 'doNotDisturb';
    const idle = presenceOf(chosen, false, false, false);
    const inCall = presenceOf(chosen, true, false, false);
    expect(incomingCallPresentation(idle, false)).toBe(dnd ? 'suppressed' : 'ring');
    expect(incomingCallPresentation(inCall, true)).toBe(dnd ? 'suppressed' : 'callWaiting');
    expect(chatPresentation(idle, false, false)).toBe(dnd ? 'suppress' : 'show');
    expect(chatPresentation(inCall, true, false)).toBe(dnd ? 'suppress' : 'showSilently');
    expect(chatPresentation(idle, false, true)).toBe('suppress');
    expect(showsMissedCallNotification(idle)).toBe(!dnd);
  });

  it('automatic Away (idle, locked) still rings: the user may be walking back to the desk', () => {
    expect(incomingCallPresentation(presenceOf('available', false, true, true), false)).toBe('ring');
  });
});
