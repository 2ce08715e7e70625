/** Policy through the composition root and the IPC router, as the renderer sees it. */
import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../../contract/settings.js';
import { ManagedPolicy } from '../../../main/policy/managed-policy.js';
import { JsonFilePolicySource } from '../../../main/policy/json-file-source.js';
import { appFrame, startTestMainServices } from '../../fixtures/main-services.js';
import { fakeUpdater } from '../../fixtures/fake-updater.js';

const policyFile = (json: object) => new JsonFilePolicySource('/policy.json', async () => JSON.stringify(json));

describe('policy in the main services', () => {
  it('locks managed keys in settings:get and refuses to change them', async () => {
    const policy = await ManagedPolicy.load([policyFile({ tokenServiceUrl: 'https://tokens.contoso.com', allowChat: 'off' })]);
    const { services } = startTestMainServices({ policy });
    const view = await services.router.dispatch('settings:get', undefined, appFrame);
    expect(view).toMatchObject({ ok: true, value: { values: { tokenServiceUrl: 'https://tokens.contoso.com', allowChat: false } } });
    expect(view.ok && [...(view.value as SettingsView).locked].sort()).toEqual(['allowChat', 'tokenServiceUrl']);
    const refused = await services.router.dispatch('settings:set', { tokenServiceUrl: 'https://evil.example.com' }, appFrame);
    expect(refused).toMatchObject({ ok: false, error: { messageKey: 'errors:settings.locked' } });
    expect(services.settings.get('tokenServiceUrl')).toBe('https://tokens.contoso.com');
  });

  it('answers policy:getReport with what applied and what was ignored', async () => {
    const policy = await ManagedPolicy.load([policyFile({ callerId: '12', language: 'es', colour: 'blue' })]);
    const { services } = startTestMainServices({ policy });
    expect(await services.router.dispatch('policy:getReport', undefined, appFrame)).toEqual({
      ok: true,
      value: {
        applied: [{ key: 'language', source: 'policy-file' }],
        problems: [
          { key: 'callerId', source: 'policy-file', problem: 'invalid-value' },
          { key: 'colour', source: 'policy-file', problem: 'unknown-key' },
        ],
      },
    });
    // The invalid value left the user's own setting in charge.
    expect(services.settings.view().locked).toEqual(['language']);
  });

  it('reports an empty policy without one, and updates as unsupported without an updater', async () => {
    const { services } = startTestMainServices();
    expect(await services.router.dispatch('policy:getReport', undefined, appFrame)).toEqual({ ok: true, value: { applied: [], problems: [] } });
    expect(await services.router.dispatch('updates:getState', undefined, appFrame)).toMatchObject({ ok: true, value: { status: 'disabled', disabledReason: 'unsupported' } });
  });

  it('sends updates:stateChanged and never restarts while isCallActive says a call is on', async () => {
    const fake = fakeUpdater();
    const { services, events } = startTestMainServices({ updates: { updater: fake.updater, installKind: 'self-updating' }, isCallActive: () => true });
    fake.play().downloaded('0.2.0');
    expect(events.sent.filter((e) => e.channel === 'updates:stateChanged').at(-1)?.payload).toMatchObject({ status: 'ready', version: '0.2.0' });
    expect(await services.router.dispatch('updates:restartToUpdate', undefined, appFrame)).toMatchObject({ ok: true, value: { restartAfterCall: true } });
    expect(fake.calls.installs).toBe(0);
  });
});
