import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultSettings } from '../../../contract/settings.js';
import { IpcRouter } from '../../../main/ipc/ipc-router.js';
import { UserFacingError } from '../../../main/ipc/user-facing-error.js';
import { recordingLogger } from '../../fixtures/recorders.js';
import { appFrame } from '../../fixtures/main-services.js';

const trustAll = () => true;

describe('IpcRouter', () => {
  it('turns a UserFacingError into a failed result with its i18n key', async () => {
    const { log } = recordingLogger();
    const router = new IpcRouter(trustAll, log);
    router.handle('settings:set', () => {
      throw new UserFacingError('errors:settings.locked', { keys: 'language' });
    });
    expect(await router.dispatch('settings:set', { language: 'en' }, appFrame)).toEqual({
      ok: false,
      error: { code: 'failed', messageKey: 'errors:settings.locked', params: { keys: 'language' } },
    });
  });

  it('hides unexpected errors behind a generic one and logs no payload', async () => {
    const { log, lines } = recordingLogger();
    const router = new IpcRouter(trustAll, log);
    router.handle('app:openExternal', () => {
      throw new Error('secret https://user:pass@example.com');
    });
    const result = await router.dispatch('app:openExternal', { url: 'https://example.com/private' }, appFrame);
    expect(result).toEqual({ ok: false, error: { code: 'internal', messageKey: 'errors:ipc.internal' } });
    expect(JSON.stringify(lines)).not.toContain('example.com');
    expect(lines.at(-1)).toMatchObject({ level: 'error', fields: { channel: 'app:openExternal', error: 'Error' } });
  });

  it('names the fields that failed validation', async () => {
    const router = new IpcRouter(trustAll, recordingLogger().log);
    router.handle('settings:set', (patch) => ({ values: { ...defaultSettings, ...patch }, locked: [] }));
    const result = await router.dispatch('settings:set', { language: 'fr', theme: 3 }, appFrame);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(!result.ok && result.error.fields?.sort()).toEqual(['language', 'theme']);
  });

  it('refuses to register a handler twice or for an event channel', () => {
    const router = new IpcRouter(trustAll, recordingLogger().log);
    router.handle('app:getInfo', () => ({ name: 'x', version: '1', platform: 'linux' as const, electron: '', chrome: '' }));
    expect(() => router.handle('app:getInfo', () => ({ name: 'x', version: '1', platform: 'linux' as const, electron: '', chrome: '' }))).toThrow(/already/);
    expect(() => router.handle('settings:changed' as never, () => undefined as never)).toThrow(/not an invoke channel/);
  });

  it('passes the validated request, not the raw payload, to the handler', async () => {
    const router = new IpcRouter(trustAll, recordingLogger().log);
    let seen: unknown;
    router.handle('app:openExternal', (request) => {
      seen = request;
    });
    await router.dispatch('app:openExternal', { url: 'https://example.com' }, appFrame);
    expect(seen).toEqual({ url: 'https://example.com' });
    expect(z.strictObject({ url: z.string() }).safeParse(seen).success).toBe(true);
  });
});
