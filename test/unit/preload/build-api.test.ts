import { describe, expect, it } from 'vitest';
import { buildSoftphoneApi } from '../../../preload/build-api.js';
import { listChannels } from '../../../contract/index.js';
import { fakeTransport } from './fake-transport.js';

describe('window.softphone builder', () => {
  it('exposes exactly the contract: a method per invoke channel, on<Name> per event', () => {
    const api = buildSoftphoneApi(fakeTransport().transport) as unknown as Record<string, Record<string, unknown>>;
    const expected = listChannels().map((c) => `${c.group}.${c.def.kind === 'invoke' ? c.name : `on${c.name[0]!.toUpperCase()}${c.name.slice(1)}`}`);
    const actual = Object.entries(api).flatMap(([group, methods]) => Object.keys(methods).map((m) => `${group}.${m}`));
    expect(actual.sort()).toEqual(expected.sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.settings)).toBe(true);
  });

  it('forwards invokes on their channel', async () => {
    const { transport, invoked } = fakeTransport();
    const api = buildSoftphoneApi(transport);
    expect(await api.settings.set({ theme: 'dark' })).toEqual({ ok: true, value: 'settings:set' });
    expect(invoked).toEqual([['settings:set', { theme: 'dark' }]]);
  });

  it('gives listeners the payload only, and unsubscribes', () => {
    const { transport, emit, listeners } = fakeTransport();
    const api = buildSoftphoneApi(transport);
    const seen: unknown[][] = [];
    const off = api.locale.onChanged((...args: unknown[]) => seen.push(args));
    emit('locale:changed', { locale: 'es', systemLocale: 'en' });
    off();
    off();
    emit('locale:changed', { locale: 'en', systemLocale: 'en' });
    expect(seen).toEqual([[{ locale: 'es', systemLocale: 'en' }]]);
    expect(listeners.get('locale:changed')!.size).toBe(0);
  });

  it('refuses a listener that is not a function', () => {
    const api = buildSoftphoneApi(fakeTransport().transport);
    expect(() => api.settings.onChanged('nope' as never)).toThrow(TypeError);
  });
});
