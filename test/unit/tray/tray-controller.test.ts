/** The tray through the real main services, with the desktop recorded. */
import { describe, expect, it } from 'vitest';
import { appFrame, startTestMainServices, tempDir } from '../../fixtures/main-services.js';
import { recordingDesktop } from '../../fixtures/desktop-recorder.js';
import type { TrayMenuItem } from '../../../main/tray/tray-view.js';
import { hiddenFlag, loginItemSettings, startedHidden } from '../../../main/tray/login-item.js';

function start(options: { languages?: string[]; directory?: string; visible?: boolean } = {}) {
  const rec = recordingDesktop({ visible: options.visible ?? true, focused: false });
  const main = startTestMainServices({
    desktop: rec.desktop,
    preferredLanguages: () => options.languages ?? ['en-US'],
    ...(options.directory ? { settingsDirectory: options.directory } : {}),
  });
  const invoke = async (channel: string, payload?: unknown) => {
    const result = await main.services.router.dispatch(channel, payload, appFrame);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value;
  };
  return { rec, ...main, invoke };
}

const labels = (items: TrayMenuItem[]) => items.map((i) => (i.kind === 'separator' ? '—' : i.kind === 'radio' ? `${i.checked ? '(•)' : '( )'} ${i.label}` : i.label));

describe('tray', () => {
  it('starts with the Available icon, a tooltip and the full menu', () => {
    const { rec } = start();
    expect(rec.lastIcon()).toMatchObject({ status: 'available', theme: 'light' });
    expect(rec.toolTips.at(-1)).toBe('ACS Softphone — Available');
    expect(labels(rec.menu!.items)).toEqual([
      'ACS Softphone — Available',
      '—',
      '(•) Available',
      '( ) Busy',
      '( ) Do not disturb',
      '( ) Be right back',
      '( ) Away',
      '( ) Appear offline',
      '—',
      'Hide window',
      'Missed calls',
      '—',
      'Quit',
    ]);
  });

  it('changes presence from the menu, tells the renderer, and remembers it across a restart', () => {
    const directory = tempDir();
    const first = start({ directory });
    first.rec.menu!.select('status:doNotDisturb');
    expect(first.rec.lastIcon()!.status).toBe('doNotDisturb');
    expect(first.events.sent.filter((e) => e.channel === 'presence:changed').at(-1)!.payload).toEqual({ status: 'doNotDisturb', chosen: 'doNotDisturb', reason: null });
    const second = start({ directory });
    expect(second.services.desktop.presence.status).toBe('doNotDisturb');
    expect(second.rec.lastIcon()!.status).toBe('doNotDisturb');
  });

  it('ignores menu ids it does not know', () => {
    const { rec, services } = start();
    rec.menu!.select('status:inACall');
    rec.menu!.select('status:__proto__');
    rec.menu!.select('nonsense');
    expect(services.desktop.presence.view().chosen).toBe('available');
    expect(rec.state.quit).toBe(0);
  });

  it('follows idle time, screen lock and calls', async () => {
    const { rec, services, invoke } = start();
    await invoke('settings:set', { awayAfterMinutes: 5 });
    rec.idleFor(5 * 60);
    expect(rec.lastIcon()!.status).toBe('away');
    expect(rec.toolTips.at(-1)).toBe('ACS Softphone — Away\nAway because you have been inactive');
    rec.idleFor(1);
    expect(rec.lastIcon()!.status).toBe('available');
    rec.lockScreen(true);
    expect(rec.lastIcon()!.status).toBe('away');
    rec.lockScreen(false);
    services.desktop.setInCall(true);
    expect(rec.lastIcon()!.status).toBe('inACall');
    services.desktop.setInCall(false);
    expect(rec.lastIcon()!.status).toBe('available');
  });

  it('badge = missed calls + unread chats, with a translated description; 0 clears it', async () => {
    const { rec, invoke } = start();
    expect(rec.badges).toEqual([{ count: 0, description: '', hasOverlay: false }]);
    await invoke('notifications:incomingCall', { callId: 'a', callerName: 'Ada', callerId: '4:+34600000001', withVideo: false });
    await invoke('notifications:callEnded', { callId: 'a', reason: 'missed' });
    await invoke('notifications:callEnded', { callId: 'a', reason: 'missed' });
    await invoke('chat:unreadChanged', { total: 3 });
    expect(rec.lastBadge()).toEqual({ count: 4, description: 'Missed calls and unread chats: 4', hasOverlay: true });
    expect(rec.toolTips.at(-1)).toBe('ACS Softphone — Available\nMissed calls: 1\nUnread chats: 3');
    expect(labels(rec.menu!.items)).toContain('Missed calls (1)');
    await invoke('notifications:missedCallsSeen');
    await invoke('chat:unreadChanged', { total: 0 });
    expect(rec.lastBadge()).toEqual({ count: 0, description: '', hasOverlay: false });
  });

  it('Missed calls in the menu shows the window on the missed calls', async () => {
    const { rec, invoke, events } = start({ visible: false });
    await invoke('deeplinks:ready');
    rec.menu!.select('calls:missed');
    expect(rec.windowCalls).toEqual(['show']);
    expect(events.sent.filter((e) => e.channel === 'notifications:action').map((e) => e.payload)).toEqual([{ action: 'showMissedCalls' }]);
  });

  it('Show/Hide window toggles and relabels itself; Quit quits', () => {
    const { rec } = start();
    rec.menu!.select('window:toggle');
    expect(rec.windowCalls).toEqual(['hide']);
    expect(labels(rec.menu!.items)).toContain('Show window');
    rec.menu!.select('window:toggle');
    expect(labels(rec.menu!.items)).toContain('Hide window');
    rec.menu!.select('app:quit');
    expect(rec.state.quit).toBe(1);
  });

  it('redraws for a dark taskbar and in Spanish', async () => {
    const { rec, invoke } = start({ languages: ['es-ES'] });
    expect(rec.toolTips.at(-1)).toBe('ACS Softphone — Disponible');
    rec.setTheme('dark');
    expect(rec.lastIcon()).toMatchObject({ status: 'available', theme: 'dark' });
    await invoke('settings:set', { language: 'en' });
    expect(rec.toolTips.at(-1)).toBe('ACS Softphone — Available');
  });
});

describe('close to tray', () => {
  it('hides instead of closing, tells the user the first time only (also after a restart)', () => {
    const directory = tempDir();
    const first = start({ directory });
    const closeToTray = first.services.desktop.closeToTray;
    expect(closeToTray.windowClosing()).toBe(true);
    expect(closeToTray.windowClosing()).toBe(true);
    expect(first.rec.windowCalls).toEqual(['hide', 'hide']);
    expect(first.rec.notifications.map((n) => n.spec.title)).toEqual(['Still running in the tray']);
    first.rec.notifications[0]!.handlers.click();
    expect(first.rec.windowCalls.at(-1)).toBe('show');
    const second = start({ directory });
    second.services.desktop.closeToTray.windowClosing();
    expect(second.rec.notifications).toEqual([]);
  });

  it('closes for real once Quit was chosen', () => {
    const { rec, services } = start();
    rec.menu!.select('app:quit');
    expect(services.desktop.closeToTray.windowClosing()).toBe(false);
    expect(rec.windowCalls).toEqual([]);
  });
});

describe('start at login', () => {
  it('follows the setting, hidden', async () => {
    const { rec, invoke } = start();
    expect(rec.loginItems).toEqual([{ openAtLogin: false, args: [] }]);
    await invoke('settings:set', { startAtLogin: true });
    await invoke('settings:set', { theme: 'dark' });
    await invoke('settings:set', { startAtLogin: false });
    expect(rec.loginItems).toEqual([
      { openAtLogin: false, args: [] },
      { openAtLogin: true, args: [hiddenFlag] },
      { openAtLogin: false, args: [] },
    ]);
  });

  it('knows when it was started hidden', () => {
    expect(loginItemSettings(true).args).toEqual(['--hidden']);
    expect(startedHidden(['app', '--hidden'], false)).toBe(true);
    expect(startedHidden(['app'], true)).toBe(true);
    expect(startedHidden(['app', 'tel:+1555'], false)).toBe(false);
  });
});
