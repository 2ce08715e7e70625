/**
 * The electron-updater adapter, with electron-updater replaced by an event emitter (the real
 * module needs the Electron binary): the settings it applies and how its events map.
 */
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { recordingLogger } from '../../fixtures/recorders.js';

const fake = vi.hoisted(() => ({ autoUpdater: null as unknown as Record<string, unknown> & { emit(event: string, ...args: unknown[]): boolean } }));

vi.mock('electron-updater', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const autoUpdater = Object.assign(new Emitter(), {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    logger: console as unknown,
    feeds: [] as unknown[],
    installs: [] as unknown[][],
    checks: 0,
    setFeedURL(options: unknown) {
      this.feeds.push(options);
    },
    async checkForUpdates() {
      this.checks += 1;
      return null;
    },
    quitAndInstall(...args: unknown[]) {
      this.installs.push(args);
    },
  });
  fake.autoUpdater = autoUpdater as never;
  return { default: { autoUpdater } };
});

const { createElectronUpdater } = await import('../../../main/updates/electron-updater-adapter.js');

describe('createElectronUpdater', () => {
  beforeEach(() => {
    (fake.autoUpdater as unknown as EventEmitter).removeAllListeners();
  });

  it('downloads automatically, installs on quit and keeps electron-updater from logging on its own', () => {
    createElectronUpdater(recordingLogger().log);
    expect(fake.autoUpdater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true, logger: null });
  });

  it('sets a generic feed only when a URL is given, checks, and installs silently then relaunches', async () => {
    const updater = createElectronUpdater(recordingLogger().log);
    updater.setFeedUrl('');
    updater.setFeedUrl('https://updates.contoso.com/desktop');
    await updater.check();
    updater.quitAndInstall();
    expect(fake.autoUpdater.feeds).toEqual([{ provider: 'generic', url: 'https://updates.contoso.com/desktop' }]);
    expect(fake.autoUpdater.checks).toBe(1);
    expect(fake.autoUpdater.installs).toEqual([[true, true]]);
  });

  it('maps electron-updater events to the listener, logging only the error name', () => {
    const logger = recordingLogger();
    const updater = createElectronUpdater(logger.log);
    const seen: unknown[] = [];
    updater.listen({
      checking: () => seen.push('checking'),
      available: (v) => seen.push(['available', v]),
      notAvailable: () => seen.push('notAvailable'),
      progress: (p) => seen.push(['progress', p]),
      downloaded: (v) => seen.push(['downloaded', v]),
      error: () => seen.push('error'),
    });
    fake.autoUpdater.emit('checking-for-update');
    fake.autoUpdater.emit('update-available', { version: '0.2.0' });
    fake.autoUpdater.emit('download-progress', { percent: 12.5, bytesPerSecond: 1, total: 8, transferred: 1 });
    fake.autoUpdater.emit('update-downloaded', { version: '0.2.0' });
    fake.autoUpdater.emit('update-not-available', { version: '0.1.0' });
    fake.autoUpdater.emit('error', Object.assign(new Error('https://user:secret@updates.contoso.com failed'), { name: 'HttpError' }));
    expect(seen).toEqual(['checking', ['available', '0.2.0'], ['progress', 12.5], ['downloaded', '0.2.0'], 'notAvailable', 'error']);
    expect(logger.lines).toEqual([{ level: 'warn', message: 'updates: electron-updater error', fields: { name: 'HttpError' } }]);
  });
});
