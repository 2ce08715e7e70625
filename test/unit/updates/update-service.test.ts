/**
 * The update service over the real settings store and policy: when it checks, what the
 * renderer is told, and that a restart never happens during a call.
 */
import { describe, expect, it } from 'vitest';
import type { UpdateState } from '../../../contract/channels-updates.js';
import { ManagedPolicy } from '../../../main/policy/managed-policy.js';
import type { InstallKind } from '../../../main/updates/install-kind.js';
import { UpdateService } from '../../../main/updates/update-service.js';
import { SettingsStore } from '../../../main/settings/settings-store.js';
import { confStoreFactory } from '../../fixtures/conf-store-factory.js';
import { fakeUpdater, manualTimers } from '../../fixtures/fake-updater.js';
import { tempDir } from '../../fixtures/main-services.js';
import { recordingLogger } from '../../fixtures/recorders.js';

async function setup(options: { installKind?: InstallKind; policy?: Record<string, unknown>; callActive?: boolean } = {}) {
  const policy = await ManagedPolicy.load(options.policy ? [{ id: 'policy-file', read: async () => ({ status: 'found', entries: Object.entries(options.policy!).map(([name, value]) => ({ name, value })) }) }] : []);
  const settings = new SettingsStore({ directory: tempDir(), factory: confStoreFactory, projectVersion: '0.1.0', managed: policy });
  const fake = fakeUpdater();
  const clock = manualTimers();
  const emitted: UpdateState[] = [];
  let callActive = options.callActive ?? false;
  // What happened, in order: the app marked as quitting must come before the updater quits.
  const quitSteps: string[] = [];
  const quitAndInstall = fake.updater.quitAndInstall;
  fake.updater.quitAndInstall = () => {
    quitSteps.push('quitAndInstall');
    quitAndInstall();
  };
  const service = new UpdateService({
    updater: fake.updater,
    installKind: options.installKind ?? 'self-updating',
    settings,
    isCallActive: () => callActive,
    prepareToQuit: () => quitSteps.push('prepareToQuit'),
    emit: (state) => emitted.push(state),
    log: recordingLogger().log,
    timers: clock.timers,
    checkEveryMs: 1000,
    callPollMs: 50,
  });
  const stop = service.start();
  return { service, settings, fake, clock, emitted, stop, quitSteps, setCall: (active: boolean) => (callActive = active) };
}

describe('UpdateService', () => {
  it('checks at start and on its interval for a self-updating install', async () => {
    const { fake, clock, service } = await setup();
    expect(fake.calls.checks).toBe(1);
    expect(service.state().status).toBe('idle');
    clock.fire(1000);
    expect(fake.calls.checks).toBe(2);
  });

  it('never checks an MSI install', async () => {
    const { fake, clock, service } = await setup({ installKind: 'managed' });
    clock.fire(1000);
    await service.check();
    expect(fake.calls.checks).toBe(0);
    expect(service.state()).toMatchObject({ status: 'disabled', disabledReason: 'managed-install' });
  });

  it('never checks when policy turns updates off, and the user cannot turn them back on', async () => {
    const { fake, service, settings } = await setup({ policy: { autoUpdate: 0 } });
    expect(fake.calls.checks).toBe(0);
    expect(service.state()).toMatchObject({ status: 'disabled', disabledReason: 'policy' });
    expect(() => settings.set({ autoUpdate: true })).toThrow();
  });

  it('follows the user turning updates off and on', async () => {
    const { fake, service, settings, clock } = await setup();
    settings.set({ autoUpdate: false });
    expect(service.state()).toMatchObject({ status: 'disabled', disabledReason: 'user' });
    expect(clock.active.size).toBe(0);
    settings.set({ autoUpdate: true });
    expect(service.state().status).toBe('idle');
    expect(fake.calls.checks).toBe(2);
  });

  it('uses the update URL from settings or policy as the feed', async () => {
    const { fake, settings } = await setup({ policy: { updateUrl: 'https://updates.contoso.com/desktop' } });
    expect(fake.calls.feedUrls).toEqual(['https://updates.contoso.com/desktop']);
    settings.set({ language: 'es' }); // an unrelated change does not reset the feed
    expect(fake.calls.feedUrls).toHaveLength(1);
  });

  it('tells the renderer about progress and the downloaded version', async () => {
    const { fake, emitted, service } = await setup();
    fake.play().checking();
    fake.play().available('0.2.0');
    fake.play().progress(41.6);
    fake.play().progress(140);
    fake.play().downloaded('0.2.0');
    expect(emitted.map((s) => [s.status, s.version, s.percent])).toEqual([
      ['idle', null, null],
      ['checking', null, null],
      ['downloading', '0.2.0', 0],
      ['downloading', '0.2.0', 42],
      ['downloading', '0.2.0', 100],
      ['ready', '0.2.0', 100],
    ]);
    expect(service.state().status).toBe('ready');
  });

  it('restarts at once when no call is active, marking the app as quitting first', async () => {
    const { fake, service, quitSteps } = await setup();
    fake.play().downloaded('0.2.0');
    service.restartToUpdate();
    expect(fake.calls.installs).toBe(1);
    // Otherwise close-to-tray turns the updater's window close into a hide (macOS).
    expect(quitSteps).toEqual(['prepareToQuit', 'quitAndInstall']);
  });

  it('marks the app as quitting before a restart that waited for the call', async () => {
    const { fake, service, setCall, quitSteps } = await setup({ callActive: true });
    fake.play().downloaded('0.2.0');
    service.restartToUpdate();
    expect(quitSteps).toEqual([]);
    setCall(false);
    service.callActivityChanged(false);
    expect(quitSteps).toEqual(['prepareToQuit', 'quitAndInstall']);
  });

  it('goes back to the feed built into the release when the update URL is cleared', async () => {
    const { fake, settings } = await setup();
    settings.set({ updateUrl: 'https://updates.contoso.com/desktop' });
    settings.set({ updateUrl: '' });
    expect(fake.calls.feedUrls).toEqual(['', 'https://updates.contoso.com/desktop', '']);
  });

  it('allows installing at quit only while updates are on', async () => {
    const { fake, settings } = await setup();
    expect(fake.calls.installOnQuit).toEqual([true]);
    settings.set({ autoUpdate: false });
    expect(fake.calls.installOnQuit.at(-1)).toBe(false);
    settings.set({ autoUpdate: true });
    expect(fake.calls.installOnQuit.at(-1)).toBe(true);
  });

  it('never allows installing at quit for an MSI install or when policy turns updates off', async () => {
    expect((await setup({ installKind: 'managed' })).fake.calls.installOnQuit).toEqual([false]);
    expect((await setup({ policy: { autoUpdate: false } })).fake.calls.installOnQuit).toEqual([false]);
  });

  it('turned off after a download: installs neither at quit nor on Restart, and stays disabled', async () => {
    const { fake, service, settings } = await setup();
    fake.play().downloaded('0.2.0');
    settings.set({ autoUpdate: false });
    expect(fake.calls.installOnQuit.at(-1)).toBe(false);
    expect(service.restartToUpdate()).toMatchObject({ status: 'disabled', disabledReason: 'user' });
    expect(fake.calls.installs).toBe(0);
  });

  it('ignores the updater while disabled: a download still running does not replace disabled', async () => {
    const { fake, service, settings, emitted } = await setup();
    fake.play().available('0.2.0');
    settings.set({ autoUpdate: false });
    const before = emitted.length;
    fake.play().progress(60);
    fake.play().downloaded('0.2.0');
    fake.play().error();
    expect(service.state()).toMatchObject({ status: 'disabled', disabledReason: 'user', version: null, percent: null });
    expect(emitted).toHaveLength(before);
  });

  it('does nothing on restart when nothing is downloaded', async () => {
    const { fake, service } = await setup();
    expect(service.restartToUpdate().status).toBe('idle');
    expect(fake.calls.installs).toBe(0);
  });

  it('waits for the call to end before restarting', async () => {
    const { fake, service, clock, setCall } = await setup({ callActive: true });
    fake.play().downloaded('0.2.0');
    expect(service.restartToUpdate()).toMatchObject({ status: 'ready', restartAfterCall: true });
    expect(fake.calls.installs).toBe(0);
    clock.fire(50); // still in the call
    service.callActivityChanged(false); // a stale "ended" while isCallActive() still says yes
    expect(fake.calls.installs).toBe(0);
    setCall(false);
    clock.fire(50);
    expect(fake.calls.installs).toBe(1);
    clock.fire(50);
    expect(fake.calls.installs).toBe(1); // the poll stopped
  });

  it('restarts as soon as it is told the call ended', async () => {
    const { fake, service, setCall } = await setup({ callActive: true });
    fake.play().downloaded('0.2.0');
    service.restartToUpdate();
    service.restartToUpdate(); // a second click does not start a second wait
    setCall(false);
    service.callActivityChanged(false);
    expect(fake.calls.installs).toBe(1);
  });

  it('reports a failed check as an error state, not an exception', async () => {
    const { fake, service } = await setup();
    fake.updater.check = async () => {
      throw new Error('getaddrinfo ENOTFOUND updates.acssoftphone.example');
    };
    fake.play().notAvailable();
    expect((await service.check()).status).toBe('error');
    fake.play().error();
    expect(service.state().status).toBe('error');
  });

  it('stops its timers when stopped', async () => {
    const { clock, stop } = await setup();
    expect(clock.active.size).toBe(1);
    stop();
    expect(clock.active.size).toBe(0);
  });
});
