/**
 * Settings through main's router while the file is edited behind the app's back: every
 * settings:* call keeps working, main's own reads never throw, and the user is told.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appFrame, startTestMainServices } from '../../fixtures/main-services.js';

describe('settings while the app runs', () => {
  it('keeps answering after the file turns into bad JSON, and repairs it on the next change', async () => {
    const { services, events, logger } = startTestMainServices({}, { signedIn: false });
    await services.router.dispatch('settings:set', { theme: 'dark' }, appFrame);
    writeFileSync(services.settings.path, '{ "theme": ');

    expect(await services.router.dispatch('settings:get', undefined, appFrame)).toMatchObject({ ok: true, value: { values: { theme: 'dark' } } });
    expect(await services.router.dispatch('locale:get', undefined, appFrame)).toMatchObject({ ok: true });
    expect(services.settings.get('theme')).toBe('dark');

    expect(await services.router.dispatch('settings:set', { language: 'es' }, appFrame)).toMatchObject({ ok: true, value: { values: { theme: 'dark', language: 'es' } } });
    const recovered = events.sent.filter((e) => e.channel === 'settings:recovered');
    expect(recovered).toEqual([{ channel: 'settings:recovered', payload: expect.objectContaining({ reason: 'changed-outside', resetKeys: [] }) }]);
    expect(events.sent.some((e) => e.channel === 'locale:changed')).toBe(true);
    expect(logger.lines).toContainEqual({ level: 'warn', message: 'settings: repaired a file changed outside the app', fields: { reason: 'changed-outside' } });
  });

  it('keeps answering after a value in the file is made invalid', async () => {
    const { services } = startTestMainServices({}, { signedIn: false });
    writeFileSync(services.settings.path, JSON.stringify({ theme: 'purple' }));
    expect(await services.router.dispatch('settings:get', undefined, appFrame)).toMatchObject({ ok: true });
    expect(await services.router.dispatch('settings:set', { theme: 'light' }, appFrame)).toMatchObject({ ok: true, value: { values: { theme: 'light' } } });
  });
});
