/**
 * The Electron notification adapter against a stand-in for Electron's Notification class (no
 * Electron binary here): options passed through, events mapped, live notifications referenced.
 */
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const created: FakeNotification[] = [];
let supported = true;

class FakeNotification extends EventEmitter {
  shown = 0;
  closed = 0;
  constructor(readonly options: Record<string, unknown>) {
    super();
    created.push(this);
  }
  static isSupported() {
    return supported;
  }
  show() {
    this.shown++;
  }
  close() {
    this.closed++;
  }
}

vi.mock('electron', () => ({ Notification: FakeNotification }));
const { electronNotificationPlatform } = await import('../../../main/notifications/electron-notifications.js');

function handlers() {
  const calls: string[] = [];
  return {
    calls,
    handlers: {
      click: () => calls.push('click'),
      action: (i: number) => calls.push(`action:${i}`),
      reply: (text: string) => calls.push(`reply:${text}`),
      failed: () => calls.push('failed'),
    },
  };
}

beforeEach(() => {
  created.length = 0;
  supported = true;
});

describe('Electron notification adapter', () => {
  it('picks the style per platform and reports support', () => {
    expect(electronNotificationPlatform('win32').style).toBe('windows-toast');
    expect(electronNotificationPlatform('darwin').style).toBe('mac-actions');
    expect(electronNotificationPlatform('linux').style).toBe('basic');
    supported = false;
    expect(electronNotificationPlatform('win32').isSupported()).toBe(false);
  });

  it('passes toast XML, actions, reply and persistence to Electron, and shows it', () => {
    const platform = electronNotificationPlatform('darwin');
    platform.show({ tag: 'call:1', title: 'Incoming call', body: 'Ada', actions: ['Answer', 'Decline'], persistent: true, silent: false }, handlers().handlers);
    platform.show({ tag: 'chat:1', title: 'Grace', body: 'Hi', hasReply: true, replyPlaceholder: 'Reply' }, handlers().handlers);
    platform.show({ tag: 'call:2', title: 't', body: 'b', toastXml: '<toast/>' }, handlers().handlers);
    expect(created.map((n) => n.options)).toEqual([
      { title: 'Incoming call', body: 'Ada', silent: false, actions: [{ type: 'button', text: 'Answer' }, { type: 'button', text: 'Decline' }], timeoutType: 'never', urgency: 'critical' },
      { title: 'Grace', body: 'Hi', silent: false, hasReply: true, replyPlaceholder: 'Reply' },
      { title: 't', body: 'b', silent: false, toastXml: '<toast/>' },
    ]);
    expect(created.map((n) => n.shown)).toEqual([1, 1, 1]);
  });

  it('maps Electron events (details objects) to the handlers', () => {
    const platform = electronNotificationPlatform('darwin');
    const { calls, handlers: h } = handlers();
    platform.show({ tag: 'call:1', title: 't', body: 'b' }, h);
    const [n] = created;
    n!.emit('action', { actionIndex: 2, selectionIndex: -1 }, 2, -1);
    n!.emit('reply', { reply: 'On my way' }, 'On my way');
    n!.emit('click');
    n!.emit('failed', {}, 'error');
    expect(calls).toEqual(['action:2', 'reply:On my way', 'click', 'failed']);
  });

  it('closes through Electron', () => {
    const platform = electronNotificationPlatform('win32');
    const live = platform.show({ tag: 'call:1', title: 't', body: 'b' }, handlers().handlers);
    live.close();
    expect(created[0]!.closed).toBe(1);
  });
});
