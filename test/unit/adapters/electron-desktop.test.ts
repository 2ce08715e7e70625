/**
 * The Electron desktop adapter against stand-ins for Tray, Menu, nativeImage, app, powerMonitor
 * and nativeTheme (no Electron binary here): each call is translated as intended per platform.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { statusIconPng, badgePng } from '../../../main/tray/status-icons.js';

const log: unknown[][] = [];
const record = (...entry: unknown[]) => void log.push(entry);

class FakeImage {
  representations: unknown[] = [];
  constructor(readonly buffer: Buffer) {}
  addRepresentation(options: unknown) {
    this.representations.push(options);
  }
}
class FakeTray extends EventEmitter {
  constructor(image: FakeImage) {
    super();
    record('new Tray', image.buffer.length);
  }
  setImage = (image: FakeImage) => record('setImage', image.representations.length);
  setToolTip = (text: string) => record('setToolTip', text);
  setContextMenu = (menu: { template: { label?: string; click?: () => void }[] }) => record('setContextMenu', menu.template.map((i) => i.label ?? '—'));
}
const menus: { template: { label?: string; type?: string; checked?: boolean; click?: () => void }[] }[] = [];
const powerMonitor = Object.assign(new EventEmitter(), { getSystemIdleTime: () => 321 });
const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: true, shouldUseDarkColorsForSystemIntegratedUI: false });
const app = {
  setBadgeCount: (n: number) => record('setBadgeCount', n),
  setLoginItemSettings: (s: unknown) => record('setLoginItemSettings', s),
  quit: () => record('quit'),
  dock: { bounce: (type: string) => record('bounce', type) },
};

vi.mock('electron', () => ({
  app,
  Tray: FakeTray,
  Menu: { buildFromTemplate: (template: never[]) => (menus.push({ template }), { template }) },
  nativeImage: { createFromBuffer: (buffer: Buffer) => new FakeImage(buffer) },
  nativeTheme,
  powerMonitor,
  Notification: class {
    static isSupported = () => true;
  },
}));
const { electronDesktop } = await import('../../../main/tray/electron-desktop.js');

function fakeWindow(visible: boolean) {
  return {
    isDestroyed: () => false,
    isVisible: () => visible,
    isFocused: () => false,
    isMinimized: () => false,
    restore: () => record('restore'),
    show: () => record('show'),
    showInactive: () => record('showInactive'),
    focus: () => record('focus'),
    hide: () => record('hide'),
    flashFrame: (flag: boolean) => record('flashFrame', flag),
    setOverlayIcon: (image: FakeImage | null, description: string) => record('setOverlayIcon', image ? image.representations.length : null, description),
  };
}

const realPlatform = process.platform;
const onPlatform = (platform: NodeJS.Platform) => Object.defineProperty(process, 'platform', { value: platform });

beforeEach(() => {
  log.length = 0;
  menus.length = 0;
});
afterEach(() => onPlatform(realPlatform));

describe('Electron desktop adapter', () => {
  it('creates the tray once, with a 1× image and a 2× representation, and builds the menu', () => {
    onPlatform('win32');
    const desktop = electronDesktop({ window: () => fakeWindow(true) as never, tooltip: 'ACS Softphone' });
    const png = statusIconPng('busy', 'light');
    desktop.tray.setIcon({ status: 'busy', theme: 'light', png });
    desktop.tray.setIcon({ status: 'busy', theme: 'light', png });
    const selected: string[] = [];
    desktop.tray.setMenu(
      [
        { kind: 'radio', id: 'status:busy', label: 'Busy', checked: true },
        { kind: 'separator' },
        { kind: 'item', id: 'app:quit', label: 'Quit', enabled: true },
      ],
      (id) => selected.push(id),
    );
    expect(log.slice(0, 4)).toEqual([['new Tray', png.x1.length], ['setToolTip', 'ACS Softphone'], ['setImage', 1], ['setImage', 1]]);
    expect(menus[0]!.template.map((i) => [i.type ?? 'normal', i.label ?? '', i.checked ?? null])).toEqual([
      ['radio', 'Busy', true],
      ['separator', '', null],
      ['normal', 'Quit', null],
    ]);
    menus[0]!.template[2]!.click!();
    expect(selected).toEqual(['app:quit']);
  });

  it('badges the taskbar button on Windows and the dock elsewhere', () => {
    onPlatform('win32');
    const win = electronDesktop({ window: () => fakeWindow(true) as never, tooltip: '' });
    win.badge.setBadge(3, 'Missed calls and unread chats: 3', badgePng(3));
    win.badge.setBadge(0, '', null);
    onPlatform('darwin');
    const mac = electronDesktop({ window: () => fakeWindow(true) as never, tooltip: '' });
    mac.badge.setBadge(3, 'x', badgePng(3));
    expect(log).toEqual([
      ['setOverlayIcon', 1, 'Missed calls and unread chats: 3'],
      ['setOverlayIcon', null, ''],
      ['setBadgeCount', 3],
    ]);
  });

  it('asks for attention: shows a hidden window without focus, flashes it, bounces the dock on macOS', () => {
    onPlatform('darwin');
    electronDesktop({ window: () => fakeWindow(false) as never, tooltip: '' }).window.requestAttention();
    expect(log).toEqual([['showInactive'], ['flashFrame', true], ['bounce', 'critical']]);
  });

  it('sets the login item on Windows and macOS only', () => {
    onPlatform('linux');
    electronDesktop({ window: () => null, tooltip: '' }).setLoginItem({ openAtLogin: true, args: ['--hidden'] });
    onPlatform('win32');
    electronDesktop({ window: () => null, tooltip: '' }).setLoginItem({ openAtLogin: true, args: ['--hidden'] });
    expect(log).toEqual([['setLoginItemSettings', { openAtLogin: true, args: ['--hidden'] }]]);
  });

  it('reads idle time, screen lock and the taskbar theme from Electron', () => {
    onPlatform('win32');
    const desktop = electronDesktop({ window: () => null, tooltip: '' });
    expect(desktop.idleClock.idleSeconds()).toBe(321);
    const locks: boolean[] = [];
    desktop.onScreenLockChange((locked) => locks.push(locked));
    powerMonitor.emit('lock-screen');
    powerMonitor.emit('unlock-screen');
    expect(locks).toEqual([true, false]);
    // Windows: the taskbar's own theme, not the apps' theme.
    expect(desktop.trayTheme()).toBe('light');
    onPlatform('darwin');
    expect(desktop.trayTheme()).toBe('dark');
    // Without a window nothing throws.
    expect(desktop.window.isVisible()).toBe(false);
    desktop.window.show();
    desktop.window.requestAttention();
  });
});
