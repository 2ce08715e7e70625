/**
 * IT's settings while the app runs: read again every so often, a change is reported once (by
 * setting name, never value) and asks for a restart; main refuses that restart during a call.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../../contract/settings.js';
import { ManagedPolicy } from '../../../main/policy/managed-policy.js';
import { changedKeys, PolicyRefresh, policyRefreshMs } from '../../../main/policy/policy-refresh.js';
import type { PolicySource } from '../../../main/policy/policy-source.js';
import { recordingLogger } from '../../fixtures/recorders.js';
import { appFrame, startTestMainServices } from '../../fixtures/main-services.js';

/** A policy.json-like source whose entries the test changes. */
function changingSource(entries: Record<string, unknown>) {
  const source: PolicySource & { entries: Record<string, unknown> } = {
    id: 'policy-file',
    entries,
    read: async () => ({ status: 'found', entries: Object.entries(source.entries).map(([name, value]) => ({ name, value })) }),
  };
  return source;
}

function refreshOver(source: PolicySource, initial: Partial<Settings>) {
  const logger = recordingLogger();
  const onChange = vi.fn();
  const refresh = new PolicyRefresh({ initial, reload: () => ManagedPolicy.load([source]), onChange, log: logger.log });
  return { refresh, onChange, logger };
}

afterEach(() => vi.useRealTimers());

describe('changedKeys', () => {
  it('lists settings set, unset or set differently, in order', () => {
    expect(changedKeys({ allowVideo: true, callerId: '+14255550100' }, { allowVideo: false, defaultCountry: 'ES' })).toEqual(['allowVideo', 'callerId', 'defaultCountry']);
    expect(changedKeys({ allowVideo: true, language: 'es' }, { language: 'es', allowVideo: true })).toEqual([]);
  });
});

describe('PolicyRefresh', () => {
  it('sees nothing while the policy stays as it was at start-up', async () => {
    const source = changingSource({ allowVideo: false });
    const { refresh, onChange } = refreshOver(source, { allowVideo: false });
    expect(await refresh.check()).toBe(false);
    expect(refresh.restartNeeded).toBe(false);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('reports a change once, and logs the settings by name, never their values', async () => {
    const source = changingSource({ allowVideo: false, callerId: '+14255550100' });
    const { refresh, onChange, logger } = refreshOver(source, { allowVideo: false, callerId: '+14255550100' });
    source.entries = { allowVideo: true, callerId: '+34912345678' };
    expect(await refresh.check()).toBe(true);
    expect(await refresh.check()).toBe(true);
    expect(refresh.restartNeeded).toBe(true);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(logger.lines).toEqual([{ level: 'info', message: 'policy: managed settings changed, a restart applies them', fields: { settings: ['allowVideo', 'callerId'] } }]);
    expect(JSON.stringify(logger.lines)).not.toContain('+34912345678');
  });

  it('counts a value IT removed, and ignores a new value the app would not accept anyway', async () => {
    const source = changingSource({ allowChat: false });
    const { refresh } = refreshOver(source, { allowChat: false });
    source.entries = { allowChat: false, callerId: 'not a number' };
    expect(await refresh.check()).toBe(false);
    source.entries = {};
    expect(await refresh.check()).toBe(true);
  });

  it('carries on with the start-up policy when reading it again throws', async () => {
    const logger = recordingLogger();
    let fail = true;
    const refresh = new PolicyRefresh({
      initial: {},
      reload: async () => (fail ? Promise.reject(new TypeError('broken reader')) : { values: () => ({ allowChat: false }) }),
      onChange: () => {},
      log: logger.log,
    });
    expect(await refresh.check()).toBe(false);
    expect(logger.lines).toEqual([{ level: 'warn', message: 'policy: could not read the policy again', fields: { error: 'TypeError' } }]);
    fail = false;
    expect(await refresh.check()).toBe(true);
  });

  it('reads once for checks asked at the same time', async () => {
    const source = changingSource({});
    const read = vi.spyOn(source, 'read');
    const { refresh } = refreshOver(source, {});
    await Promise.all([refresh.check(), refresh.check(), refresh.check()]);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('checks on its own every half hour until stopped', async () => {
    vi.useFakeTimers();
    const source = changingSource({});
    const read = vi.spyOn(source, 'read');
    const { refresh } = refreshOver(source, {});
    const stop = refresh.start();
    await vi.advanceTimersByTimeAsync(policyRefreshMs * 2);
    expect(read).toHaveBeenCalledTimes(2);
    stop();
    await vi.advanceTimersByTimeAsync(policyRefreshMs * 2);
    expect(read).toHaveBeenCalledTimes(2);
  });
});

describe('policy channels', () => {
  async function servicesWithPolicy(inCall = false) {
    const source = changingSource({ allowVideo: false });
    const relaunch = vi.fn();
    const started = startTestMainServices({
      policy: await ManagedPolicy.load([source]),
      reloadPolicy: () => ManagedPolicy.load([source]),
      relaunch,
      isCallActive: () => inCall,
    });
    return { ...started, source, relaunch };
  }

  it('tells the renderer of a change and restarts on request', async () => {
    const { services, events, source, relaunch } = await servicesWithPolicy();
    expect(await services.router.dispatch('policy:getChangeState', undefined, appFrame)).toEqual({ ok: true, value: { restartNeeded: false } });
    // Nothing changed: nothing to restart for.
    await services.router.dispatch('policy:restartToApply', undefined, appFrame);
    expect(relaunch).not.toHaveBeenCalled();

    source.entries = { allowVideo: true };
    await services.policyRefresh!.check();
    expect(events.sent).toContainEqual({ channel: 'policy:changed', payload: { restartNeeded: true } });
    expect(await services.router.dispatch('policy:getChangeState', undefined, appFrame)).toEqual({ ok: true, value: { restartNeeded: true } });
    expect(await services.router.dispatch('policy:restartToApply', undefined, appFrame)).toEqual({ ok: true, value: undefined });
    expect(relaunch).toHaveBeenCalledTimes(1);
  });

  it('refuses to restart during a call, with a message the user can read', async () => {
    const { services, source, relaunch } = await servicesWithPolicy(true);
    source.entries = {};
    await services.policyRefresh!.check();
    const result = await services.router.dispatch('policy:restartToApply', undefined, appFrame);
    expect(result).toMatchObject({ ok: false, error: { messageKey: 'policy:changed.inCall' } });
    expect(relaunch).not.toHaveBeenCalled();
  });

  it('looks again on its own every half hour once the services start', async () => {
    vi.useFakeTimers();
    const source = changingSource({ allowVideo: false });
    const reloadPolicy = vi.fn(() => ManagedPolicy.load([source]));
    const { services, events } = startTestMainServices({ policy: await ManagedPolicy.load([source]), reloadPolicy });
    source.entries = { allowVideo: true };
    await vi.advanceTimersByTimeAsync(policyRefreshMs);
    expect(reloadPolicy).toHaveBeenCalledTimes(1);
    expect(services.policyRefresh!.restartNeeded).toBe(true);
    expect(events.sent).toContainEqual({ channel: 'policy:changed', payload: { restartNeeded: true } });
  });

  it('has no refresh without a way to read the policy again', () => {
    const { services } = startTestMainServices();
    expect(services.policyRefresh).toBeNull();
  });
});
