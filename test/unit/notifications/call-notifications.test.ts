/**
 * Call and chat notifications through the real main services and IPC router, with the desktop
 * recorded: what is shown for each presence, what the buttons do, what closes them.
 */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { IncomingCall } from '../../../contract/channels-tray.js';
import { appFrame, startTestMainServices } from '../../fixtures/main-services.js';
import { recordingDesktop } from '../../fixtures/desktop-recorder.js';
import type { NotificationStyle } from '../../../main/notifications/notification-platform.js';

const callId = 'c0ffee00-1111-4222-8333-944455556666';
const call: IncomingCall = { callId, callerName: 'Ada Lovelace', callerId: '4:+34600123456', withVideo: true };

function start(options: Parameters<typeof recordingDesktop>[0] = {}, preferredLanguages = ['en-US']) {
  const rec = recordingDesktop(options);
  const main = startTestMainServices({ desktop: rec.desktop, preferredLanguages: () => preferredLanguages });
  const invoke = async (channel: string, payload?: unknown) => {
    const result = await main.services.router.dispatch(channel, payload, appFrame);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value;
  };
  const actions = () => main.events.sent.filter((e) => e.channel === 'notifications:action').map((e) => e.payload);
  return { rec, ...main, invoke, actions };
}

const toastActions = (xml: string) =>
  (new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'action' }).parse(xml) as { toast: { actions: { action: { content: string; arguments: string }[] } } }).toast.actions.action;

describe('incoming call notifications', () => {
  it('Windows: a toast with Answer / Answer with video / Decline; its Answer comes back through second-instance argv', async () => {
    const { rec, invoke, services, actions } = start();
    await invoke('deeplinks:ready');
    expect(await invoke('notifications:incomingCall', call)).toEqual({ presentation: 'ring' });
    const [toast] = rec.live();
    expect(toast!.spec.tag).toBe(`call:${callId}`);
    const buttons = toastActions(toast!.spec.toastXml!);
    expect(buttons.map((b) => b.content)).toEqual(['Answer', 'Answer with video', 'Decline']);
    // Windows starts a second copy with the button's URL; the first copy gets its argv.
    services.desktop.secondInstance(['ACS Softphone.exe', buttons[0]!.arguments]);
    expect(actions()).toEqual([{ action: 'answer', callId }]);
    expect(rec.live()).toEqual([]);
    expect(rec.windowCalls).toContain('show');
  });

  it('Decline from the toast does not bring the window up', async () => {
    const { rec, invoke, services, actions } = start();
    await invoke('deeplinks:ready');
    await invoke('notifications:incomingCall', call);
    const decline = toastActions(rec.live()[0]!.spec.toastXml!)[2]!;
    services.desktop.secondInstance(['app', decline.arguments]);
    expect(actions()).toEqual([{ action: 'decline', callId }]);
    expect(rec.windowCalls).not.toContain('show');
  });

  it('macOS: Notification actions report their index', async () => {
    const { rec, invoke, actions } = start({ style: 'mac-actions' });
    await invoke('deeplinks:ready');
    await invoke('notifications:incomingCall', call);
    const [shown] = rec.live();
    expect(shown!.spec.actions).toEqual(['Answer', 'Answer with video', 'Decline']);
    expect(shown!.spec.toastXml).toBeUndefined();
    shown!.handlers.action(1);
    expect(actions()).toEqual([{ action: 'answerVideo', callId }]);
    expect(shown!.closed).toBe(true);
  });

  it('without actions (Linux), a click shows the ringing window', async () => {
    const { rec, invoke, actions } = start({ style: 'basic' });
    await invoke('deeplinks:ready');
    await invoke('notifications:incomingCall', { ...call, withVideo: false });
    rec.live()[0]!.handlers.click();
    expect(actions()).toEqual([{ action: 'showCall', callId }]);
    expect(rec.windowCalls).toContain('show');
  });

  it('closes when the call is answered in the app, declined, or the caller hangs up', async () => {
    for (const reason of ['answered', 'declined', 'remoteEnded', 'answeredElsewhere'] as const) {
      const { rec, invoke } = start();
      await invoke('notifications:incomingCall', call);
      expect(rec.live()).toHaveLength(1);
      await invoke('notifications:callEnded', { callId, reason });
      expect(rec.live(), reason).toEqual([]);
    }
  });

  it('a missed call raises a missed-call notice whose click calls back', async () => {
    const { rec, invoke, services, actions } = start();
    await invoke('deeplinks:ready');
    await invoke('notifications:incomingCall', call);
    await invoke('notifications:callEnded', { callId, reason: 'missed' });
    const live = rec.live();
    expect(live.map((n) => n.spec.tag)).toEqual([`missed:${callId}`]);
    expect(live[0]!.spec.body).toBe('You missed a call from Ada Lovelace');
    const [callBack] = toastActions(live[0]!.spec.toastXml!);
    services.desktop.secondInstance(['app', callBack!.arguments]);
    expect(actions()).toEqual([{ action: 'callBack', callId, callerId: '4:+34600123456' }]);
    expect(services.desktop.missedCalls.count).toBe(1);
    await invoke('notifications:missedCallsSeen');
    expect(services.desktop.missedCalls.count).toBe(0);
    expect(rec.live()).toEqual([]);
  });

  it('call back only for a missed call main knows, with the number from its own record', async () => {
    const { rec, invoke, services, events, actions, logger } = start();
    await invoke('deeplinks:ready');
    // A call ID main does not remember (a toast kept in the Action Center across a restart, or any
    // web page's link) lands on the missed calls, never on a number from the link.
    services.desktop.openUrl('acs-softphone://call/back?id=made-up-call&peer=4%3A%2B19005550100');
    expect(actions()).toEqual([{ action: 'showMissedCalls' }]);
    expect(rec.windowCalls).toContain('show');
    expect(events.sent.filter((e) => e.channel === 'deeplinks:refused')).toEqual([]);
    expect(logger.lines).toContainEqual({ level: 'info', message: 'deeplinks: call back for a call not remembered; showing missed calls' });
    expect(JSON.stringify(logger.lines)).not.toContain('19005550100');
    expect(JSON.stringify(events.sent)).not.toContain('19005550100');
    // A call that is still ringing (or was answered) is not a missed call either: no call back.
    await invoke('notifications:incomingCall', call);
    services.desktop.openUrl(`acs-softphone://call/back?id=${callId}`);
    expect(actions().filter((a) => (a as { action: string }).action === 'callBack')).toEqual([]);
    expect(actions().at(-1)).toEqual({ action: 'showMissedCalls' });
    // Once missed, a link naming it calls back its caller, whatever number the link carries.
    await invoke('notifications:callEnded', { callId, reason: 'missed' });
    services.desktop.openUrl(`acs-softphone://call/back?id=${callId}&peer=4%3A%2B19005550100`);
    expect(actions().at(-1)).toEqual({ action: 'callBack', callId, callerId: '4:+34600123456' });
    expect(actions().filter((a) => (a as { action: string }).action === 'callBack')).toEqual([{ action: 'callBack', callId, callerId: '4:+34600123456' }]);
    // A caller without an ID cannot be called back: the link shows the missed calls instead.
    await invoke('notifications:incomingCall', { ...call, callId: 'anonymous', callerId: '' });
    await invoke('notifications:callEnded', { callId: 'anonymous', reason: 'missed' });
    services.desktop.openUrl('acs-softphone://call/back?id=anonymous');
    expect(actions().at(-1)).toEqual({ action: 'showMissedCalls' });
  });

  it('a remembered missed call whose caller ID cannot be dialled is never called back, by link or by its notice', async () => {
    const { rec, invoke, services, actions } = start({ style: 'mac-actions' });
    await invoke('deeplinks:ready');
    const odd = { ...call, callId: 'odd-caller', callerId: '4:+34 600 <123>' };
    await invoke('notifications:incomingCall', odd);
    await invoke('notifications:callEnded', { callId: odd.callId, reason: 'missed' });
    const [notice] = rec.live();
    expect(notice!.spec.actions).toBeUndefined();
    services.desktop.openUrl(`acs-softphone://call/back?id=${odd.callId}`);
    expect(actions().at(-1)).toEqual({ action: 'showMissedCalls' });
    notice!.handlers.click();
    expect(actions()).toEqual([{ action: 'showMissedCalls' }, { action: 'showMissedCalls' }]);
  });

  it('missed-call notices close whenever the missed calls are marked seen: clearing the history too', async () => {
    const { rec, invoke, services } = start();
    await invoke('notifications:incomingCall', call);
    await invoke('notifications:callEnded', { callId, reason: 'missed' });
    expect(rec.live().map((n) => n.spec.tag)).toEqual([`missed:${callId}`]);
    await invoke('calls:historyClear');
    expect(services.desktop.missedCalls.count).toBe(0);
    expect(rec.live()).toEqual([]);
  });

  it('missed-call notices close when someone else signs in (their history and count go)', async () => {
    const { rec, invoke, services } = start();
    await invoke('notifications:incomingCall', call);
    await invoke('notifications:callEnded', { callId, reason: 'missed' });
    expect(rec.live()).toHaveLength(1);
    await invoke('auth:signOut');
    expect(services.desktop.missedCalls.count).toBe(0);
    expect(rec.live()).toEqual([]);
  });

  it('a renderer reload or crash closes the ringing notifications and holds links until it is back', async () => {
    const { rec, invoke, services, events } = start();
    await invoke('deeplinks:ready');
    await invoke('notifications:incomingCall', call);
    expect(rec.live()).toHaveLength(1);
    services.rendererGone();
    expect(rec.live()).toEqual([]);
    services.desktop.secondInstance(['app', 'tel:+34600123456']);
    expect(events.sent.filter((e) => e.channel === 'deeplinks:dial')).toEqual([]);
    await invoke('deeplinks:ready');
    expect(events.sent.filter((e) => e.channel === 'deeplinks:dial')).toHaveLength(1);
  });

  it('tells the renderer whether the window is on screen and focused', async () => {
    const { rec, invoke, services, events } = start({ visible: false, focused: false });
    expect(await invoke('tray:windowState')).toEqual({ visible: false, focused: false });
    rec.state.visible = true;
    rec.state.focused = true;
    services.desktop.windowChanged();
    services.desktop.windowChanged();
    rec.desktop.window.hide();
    services.desktop.windowChanged();
    expect(events.sent.filter((e) => e.channel === 'tray:windowStateChanged').map((e) => e.payload)).toEqual([
      { visible: true, focused: true },
      { visible: false, focused: false },
    ]);
    // A link that shows the window says so at once.
    await invoke('deeplinks:ready');
    services.desktop.secondInstance(['app', 'tel:+34600123456']);
    expect(events.sent.filter((e) => e.channel === 'tray:windowStateChanged').at(-1)?.payload).toEqual({ visible: true, focused: false });
  });

  it('redraws the tray only when the window\'s visibility changes, not on every focus move', async () => {
    const { rec, services, events } = start({ visible: false, focused: false });
    const redraws = () => rec.icons.length;
    const showHide = () => rec.menu!.items.find((i) => i.kind === 'item' && i.id === 'window:toggle');
    const before = redraws();
    rec.state.visible = true;
    rec.state.focused = true;
    services.desktop.windowChanged();
    expect(redraws()).toBe(before + 1);
    expect(showHide()).toMatchObject({ label: 'Hide window' });
    // Blur, focus, and repeats of the same state: the renderer hears of focus, the tray is left alone.
    rec.state.focused = false;
    services.desktop.windowChanged();
    rec.state.focused = true;
    services.desktop.windowChanged();
    services.desktop.windowChanged();
    expect(redraws()).toBe(before + 1);
    expect(events.sent.filter((e) => e.channel === 'tray:windowStateChanged').map((e) => e.payload)).toEqual([
      { visible: true, focused: true },
      { visible: true, focused: false },
      { visible: true, focused: true },
    ]);
    rec.state.visible = false;
    rec.state.focused = false;
    services.desktop.windowChanged();
    expect(redraws()).toBe(before + 2);
    expect(showHide()).toMatchObject({ label: 'Show window' });
  });

  it('Do not disturb: no notification, the call goes to missed calls and is logged', async () => {
    const { rec, invoke, services, logger } = start();
    await invoke('presence:set', { status: 'doNotDisturb' });
    expect(await invoke('notifications:incomingCall', call)).toEqual({ presentation: 'suppressed' });
    await invoke('notifications:callEnded', { callId, reason: 'missed' });
    expect(rec.notifications).toEqual([]);
    expect(services.desktop.missedCalls.count).toBe(1);
    expect(logger.lines).toContainEqual({ level: 'info', message: 'notifications: call sent to missed calls (do not disturb)', fields: { callId } });
  });

  it('Do not disturb: a quiet call the user answers after all is not a missed call', async () => {
    const { invoke, services } = start();
    await invoke('presence:set', { status: 'doNotDisturb' });
    await invoke('notifications:incomingCall', call);
    expect(services.desktop.missedCalls.count).toBe(1);
    await invoke('notifications:callEnded', { callId, reason: 'answered' });
    expect(services.desktop.missedCalls.count).toBe(0);
  });

  it('a call reported twice while ringing has one notification', async () => {
    const { rec, invoke } = start();
    await invoke('notifications:incomingCall', call);
    await invoke('notifications:incomingCall', call);
    expect(rec.notifications).toHaveLength(2);
    expect(rec.live()).toHaveLength(1);
  });

  it('in a call: a second call is a silent call-waiting notification', async () => {
    const { rec, invoke, services } = start();
    services.desktop.setInCall(true);
    expect(await invoke('notifications:incomingCall', call)).toEqual({ presentation: 'callWaiting' });
    const [waiting] = rec.live();
    expect(waiting!.spec.title).toBe('Call waiting');
    expect(waiting!.spec.silent).toBe(true);
    expect(waiting!.spec.toastXml).toContain('Notification.Default');
  });

  it('no OS notification while the window is in front (the app shows the call itself)', async () => {
    const { rec, invoke } = start({ focused: true, visible: true });
    expect(await invoke('notifications:incomingCall', call)).toEqual({ presentation: 'ring' });
    expect(rec.notifications).toEqual([]);
  });

  it('when the OS has notifications off, or a toast fails, the window asks for attention instead', async () => {
    const off = start({ supported: false });
    await off.invoke('notifications:incomingCall', call);
    expect(off.rec.notifications).toEqual([]);
    expect(off.rec.windowCalls).toEqual(['requestAttention']);

    const failing = start();
    await failing.invoke('notifications:incomingCall', call);
    failing.rec.live()[0]!.handlers.failed();
    expect(failing.rec.windowCalls).toEqual(['requestAttention']);
  });

  it('speaks the user\'s language and cleans the caller\'s name', async () => {
    const { rec, invoke } = start({}, ['es-ES']);
    await invoke('notifications:incomingCall', { ...call, callerName: 'Eve\u202e\u0007 <b>' });
    const [toast] = rec.live();
    expect(toast!.spec.title).toBe('Videollamada entrante');
    expect(toast!.spec.body).toBe('Eve <b> le está llamando');
    expect(toastActions(toast!.spec.toastXml!).map((b) => b.content)).toEqual(['Contestar', 'Contestar con vídeo', 'Rechazar']);
  });

  it('an unnamed caller shows their number; an unknown one says so', async () => {
    const { rec, invoke } = start();
    await invoke('notifications:incomingCall', { ...call, callerName: '' });
    await invoke('notifications:incomingCall', { ...call, callId: 'other-call', callerName: '', callerId: '' });
    expect(rec.live().map((n) => n.spec.body)).toEqual(['+34600123456 is calling', 'Unknown caller is calling']);
  });

  it('links that arrive before the renderer listens are delivered once it does', async () => {
    const { invoke, services, events } = start();
    services.desktop.secondInstance(['app', 'tel:+1 (201) 555-0123;ext=42']);
    services.desktop.openUrl('javascript:alert(1)');
    expect(events.sent.filter((e) => e.channel.startsWith('deeplinks:'))).toEqual([]);
    await invoke('deeplinks:ready');
    expect(events.sent.filter((e) => e.channel.startsWith('deeplinks:'))).toEqual([
      { channel: 'deeplinks:dial', payload: { number: '+12015550123', extension: '42', source: 'tel' } },
      { channel: 'deeplinks:refused', payload: { messageKey: 'tray:links.refused.unknownScheme' } },
    ]);
  });
});

describe('chat notifications', () => {
  const message = { threadId: '19:abc@thread.v2', messageId: '1', senderName: 'Grace', preview: 'Lunch at 1?' };

  it.each<[NotificationStyle, boolean]>([
    ['windows-toast', true],
    ['mac-actions', true],
    ['basic', false],
  ])('%s: shown when the window is not focused (inline reply: %s)', async (style, reply) => {
    const { rec, invoke, actions } = start({ style });
    await invoke('deeplinks:ready');
    expect(await invoke('notifications:chatMessage', message)).toEqual({ shown: true });
    const [shown] = rec.live();
    expect([shown!.spec.title, shown!.spec.body, !!shown!.spec.hasReply]).toEqual(['Grace', 'Lunch at 1?', reply]);
    shown!.handlers.reply('On my way');
    shown!.handlers.click();
    expect(actions()).toEqual([
      { action: 'reply', threadId: message.threadId, text: 'On my way' },
      { action: 'openChat', threadId: message.threadId },
    ]);
  });

  it('one notification per conversation: a newer message replaces the older', async () => {
    const { rec, invoke } = start();
    await invoke('notifications:chatMessage', message);
    await invoke('notifications:chatMessage', { ...message, messageId: '2', preview: 'Or 2?', threadTitle: 'Team' });
    expect(rec.live().map((n) => [n.spec.title, n.spec.body])).toEqual([['Grace in Team', 'Or 2?']]);
  });

  it('closes when the conversation is read in the app', async () => {
    const { rec, invoke } = start();
    await invoke('notifications:chatMessage', message);
    await invoke('notifications:chatRead', { threadId: message.threadId });
    expect(rec.live()).toEqual([]);
  });

  it('is not shown when the window is focused or under Do not disturb', async () => {
    const focused = start({ focused: true, visible: true });
    expect(await focused.invoke('notifications:chatMessage', message)).toEqual({ shown: false });
    const dnd = start();
    await dnd.invoke('presence:set', { status: 'doNotDisturb' });
    expect(await dnd.invoke('notifications:chatMessage', message)).toEqual({ shown: false });
    expect([...focused.rec.notifications, ...dnd.rec.notifications]).toEqual([]);
  });
});
