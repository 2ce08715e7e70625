/**
 * The electron-updater adapter over electron-updater's real NsisUpdater, given a stand-in for
 * Electron's app (the one thing that needs the Electron binary) and for its HTTP client: which
 * feed it reads, what it allows at quit, and how a failed download and its events surface.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NsisUpdater } from 'electron-updater';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElectronUpdater } from '../../../main/updates/electron-updater-adapter.js';
import { recordingLogger } from '../../fixtures/recorders.js';

const builtInFeed = 'https://updates.built-in.example/desktop';
const latestYml = [
  'version: 0.2.0',
  'files:',
  '  - url: ACS-Softphone-Setup-0.2.0.exe',
  '    sha512: bm90LWEtcmVhbC1oYXNo',
  '    size: 10',
  'path: ACS-Softphone-Setup-0.2.0.exe',
  'sha512: bm90LWEtcmVhbC1oYXNo',
  "releaseDate: '2026-01-01T00:00:00.000Z'",
  '',
].join('\n');

/** A real NsisUpdater whose app-update.yml names builtInFeed; every download fails. */
function realUpdater() {
  const dir = mkdtempSync(join(tmpdir(), 'acs-softphone-updater-'));
  writeFileSync(join(dir, 'app-update.yml'), `provider: generic\nurl: ${builtInFeed}\nupdaterCacheDirName: acs-softphone-updater\n`);
  const app = {
    version: '0.1.0',
    name: 'ACS Softphone',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: dir,
    baseCachePath: dir,
    whenReady: async () => {},
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  };
  const autoUpdater = new NsisUpdater(undefined, app);
  const requested: string[] = [];
  // electron-updater's HTTP client is Electron's net module: answer the feed, fail downloads.
  Object.assign(autoUpdater, {
    httpExecutor: {
      request: async (options: { protocol: string; hostname: string; path: string }) => {
        requested.push(`${options.protocol}//${options.hostname}${options.path.replace(/\?.*$/, '')}`);
        return latestYml;
      },
      download: async () => {
        throw Object.assign(new Error('net::ERR_CONNECTION_RESET'), { name: 'NetError' });
      },
    },
  });
  return { autoUpdater, requested };
}

const feedsOf = (requested: string[]) => requested.map((url) => url.slice(0, url.lastIndexOf('/')));

describe('createElectronUpdater', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
    unhandled.length = 0;
  });

  it('downloads automatically and installs at quit only once allowed', () => {
    const { autoUpdater } = realUpdater();
    const updater = createElectronUpdater(recordingLogger().log, { autoUpdater, platform: 'win32' });
    expect(autoUpdater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: false });
    updater.setInstallOnQuit(true);
    expect(autoUpdater.autoInstallOnAppQuit).toBe(true);
    updater.setInstallOnQuit(false);
    expect(autoUpdater.autoInstallOnAppQuit).toBe(false);
  });

  it('never lets Squirrel.Mac take the update early on macOS: it installs only on Restart', () => {
    const { autoUpdater } = realUpdater();
    const updater = createElectronUpdater(recordingLogger().log, { autoUpdater, platform: 'darwin' });
    updater.setInstallOnQuit(true);
    expect(autoUpdater.autoInstallOnAppQuit).toBe(false);
  });

  it('reads a feed set from settings, and the built-in feed again once it is cleared', async () => {
    const { autoUpdater, requested } = realUpdater();
    const updater = createElectronUpdater(recordingLogger().log, { autoUpdater, platform: 'win32' });
    updater.listen({ checking() {}, available() {}, notAvailable() {}, progress() {}, downloaded() {}, error() {} });
    await updater.check();
    updater.setFeedUrl('https://updates.contoso.com/acs-softphone');
    await updater.check();
    updater.setFeedUrl('');
    await updater.check();
    expect(feedsOf(requested)).toEqual([builtInFeed, 'https://updates.contoso.com/acs-softphone', builtInFeed]);
  });

  it('a failed background download is reported through error, never as an unhandled rejection', async () => {
    process.on('unhandledRejection', onUnhandled);
    const { autoUpdater } = realUpdater();
    const logger = recordingLogger();
    const updater = createElectronUpdater(logger.log, { autoUpdater, platform: 'win32' });
    const seen: unknown[] = [];
    updater.listen({
      checking: () => seen.push('checking'),
      available: (v) => seen.push(['available', v]),
      notAvailable: () => seen.push('notAvailable'),
      progress: () => {},
      downloaded: (v) => seen.push(['downloaded', v]),
      error: () => seen.push('error'),
    });
    await updater.check();
    await vi.waitFor(() => expect(seen).toContain('error'));
    // Rejections are reported after the microtask queue drains; give them a turn.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
    expect(seen).toEqual(['checking', ['available', '0.2.0'], 'error']);
    expect(logger.lines).toEqual([{ level: 'warn', message: 'updates: electron-updater error', fields: { name: 'NetError' } }]);
  });

  it('maps the remaining events and installs silently, then relaunches', () => {
    const { autoUpdater } = realUpdater();
    const install = vi.spyOn(autoUpdater, 'quitAndInstall').mockImplementation(() => {});
    const updater = createElectronUpdater(recordingLogger().log, { autoUpdater, platform: 'win32' });
    const seen: unknown[] = [];
    updater.listen({
      checking: () => {},
      available: () => {},
      notAvailable: () => seen.push('notAvailable'),
      progress: (p) => seen.push(['progress', p]),
      downloaded: (v) => seen.push(['downloaded', v]),
      error: () => {},
    });
    autoUpdater.emit('download-progress', { percent: 12.5, bytesPerSecond: 1, total: 8, transferred: 1, delta: 1 });
    autoUpdater.emit('update-downloaded', { version: '0.2.0', files: [], path: '', sha512: '', releaseDate: '', downloadedFile: '' });
    autoUpdater.emit('update-not-available', { version: '0.1.0', files: [], path: '', sha512: '', releaseDate: '' });
    updater.quitAndInstall();
    expect(seen).toEqual([['progress', 12.5], ['downloaded', '0.2.0'], 'notAvailable']);
    expect(install).toHaveBeenCalledWith(true, true);
  });
});
