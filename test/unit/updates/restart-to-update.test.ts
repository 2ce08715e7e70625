/**
 * "Restart to update" through the composition root: the window's close (which the updater
 * triggers before 'before-quit') must close the app, not hide it to the tray.
 */
import { describe, expect, it } from 'vitest';
import { appFrame, startTestMainServices } from '../../fixtures/main-services.js';
import { fakeUpdater } from '../../fixtures/fake-updater.js';

describe('restart to update', () => {
  it('marks the app as quitting before the updater closes the window', async () => {
    const fake = fakeUpdater();
    let closeHiddenToTray: boolean | null = null;
    const { services } = startTestMainServices({ updates: { updater: fake.updater, installKind: 'self-updating' }, isCallActive: () => false });
    // What electron-updater does first: close every window (the window's 'close' handler asks).
    fake.updater.quitAndInstall = () => {
      closeHiddenToTray = services.desktop.closeToTray.windowClosing();
    };
    expect(services.desktop.closeToTray.isQuitting).toBe(false);
    fake.play().downloaded('0.2.0');
    await services.router.dispatch('updates:restartToUpdate', undefined, appFrame);
    expect(closeHiddenToTray).toBe(false);
  });
});
