import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../main/settings/settings-store.js';
import { defaultSettings } from '../../../contract/settings.js';
import { confStoreFactory } from '../../fixtures/conf-store-factory.js';
import { tempDir } from '../../fixtures/main-services.js';

const open = (directory: string, extra: Partial<ConstructorParameters<typeof SettingsStore>[0]> = {}) =>
  new SettingsStore({ directory, factory: confStoreFactory, projectVersion: '0.1.0', ...extra });

describe('SettingsStore', () => {
  it('starts from defaults and persists a change across a restart', () => {
    const dir = tempDir();
    const first = open(dir);
    expect(first.view()).toEqual({ values: defaultSettings, locked: [] });
    first.set({ language: 'es', theme: 'dark' });
    const second = open(dir);
    expect(second.view().values).toEqual({ ...defaultSettings, language: 'es', theme: 'dark' });
    expect(second.recoveryNotice).toBeNull();
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ language: 'es', theme: 'dark' });
  });

  it('tells listeners about every change', () => {
    const store = open(tempDir());
    const seen: string[] = [];
    const off = store.onChange((view) => seen.push(view.values.theme));
    store.set({ theme: 'light' });
    off();
    store.set({ theme: 'dark' });
    expect(seen).toEqual(['light']);
  });

  it('moves an unreadable file aside, restores defaults and says so', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), '{"language": "es", oops');
    const store = open(dir, { now: () => new Date('2026-01-02T03:04:05Z') });
    expect(store.view().values).toEqual(defaultSettings);
    expect(store.recoveryNotice).toMatchObject({ reason: 'unreadable', resetKeys: Object.keys(defaultSettings) });
    const backup = store.recoveryNotice!.backupPath;
    expect(backup).toContain('settings.unreadable-2026-01-02');
    expect(readFileSync(backup, 'utf8')).toBe('{"language": "es", oops');
  });

  it.each([
    ['an array', '[1,2,3]'],
    ['null', 'null'],
    ['an empty file', ''],
    ['binary junk', '\u0000\u0001\u00ff'],
  ])('treats %s as unreadable', (_name, content) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), content);
    const store = open(dir);
    expect(store.recoveryNotice?.reason).toBe('unreadable');
    expect(store.view().values.language).toBe('system');
    store.set({ language: 'en' });
    expect(open(dir).view().values.language).toBe('en');
  });

  it('resets only the invalid values and keeps the valid ones and a backup', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ language: 'fr', theme: 'dark', futureKey: 1 }));
    const store = open(dir);
    expect(store.view().values).toMatchObject({ language: 'system', theme: 'dark' });
    expect(store.recoveryNotice).toMatchObject({ reason: 'invalid-values', resetKeys: ['language'] });
    expect(JSON.parse(readFileSync(store.recoveryNotice!.backupPath, 'utf8')).language).toBe('fr');
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).futureKey).toBe(1);
  });

  it('runs migrations once when the app is upgraded past them', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ language: 'en', __internal__: { migrations: { version: '0.1.0' } } }));
    let runs = 0;
    const migrations = {
      '0.2.0': (store: { set(values: Record<string, unknown>): void }) => {
        runs++;
        store.set({ theme: 'dark' });
      },
    };
    expect(open(dir, { projectVersion: '0.2.0', migrations }).view().values).toMatchObject({ language: 'en', theme: 'dark' });
    open(dir, { projectVersion: '0.2.0', migrations });
    expect(runs).toBe(1);
  });

  it('starts from defaults when the store itself refuses the file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ language: 'en', __internal__: { migrations: { version: '0.1.0' } } }));
    const failing = { '0.2.0': () => { throw new Error('migration bug'); } };
    const store = open(dir, { projectVersion: '0.2.0', migrations: failing });
    expect(store.recoveryNotice?.reason).toBe('unreadable');
    expect(existsSync(store.recoveryNotice!.backupPath)).toBe(true);
    expect(readdirSync(dir).some((f) => f.startsWith('settings.unreadable-'))).toBe(true);
  });

  it('shows managed values as locked and refuses to change them', () => {
    const store = open(tempDir(), { managed: { values: () => ({ language: 'es' }) } });
    expect(store.view()).toEqual({ values: { ...defaultSettings, language: 'es' }, locked: ['language'] });
    expect(() => store.set({ language: 'en' })).toThrow(expect.objectContaining({ messageKey: 'errors:settings.locked' }));
    expect(store.set({ theme: 'dark' }).values).toMatchObject({ language: 'es', theme: 'dark' });
  });

  it('never writes an invalid value', () => {
    const dir = tempDir();
    const store = open(dir);
    expect(() => store.set({ language: 'xx' } as never)).toThrow();
    expect(open(dir).view().values.language).toBe('system');
  });
});

describe('SettingsStore with a hostile or changing file', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])('starts when the file has a key named %s', (key) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), `{"${key}": {"x": 1}, "theme": "dark", "language": "fr"}`);
    const store = open(dir);
    expect(store.view().values).toEqual({ ...defaultSettings, theme: 'dark' });
    expect(store.recoveryNotice).toMatchObject({ reason: 'invalid-values', resetKeys: ['language'] });
    expect(store.set({ language: 'es' }).values.language).toBe('es');
    expect(open(dir).view().values).toMatchObject({ theme: 'dark', language: 'es' });
  });

  it('treats a file whose only odd key is inherited-looking as fine', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ constructor: 'x', theme: 'light' }));
    const store = open(dir);
    expect(store.recoveryNotice).toBeNull();
    expect(store.get('theme')).toBe('light');
  });

  it('reads the file once: an outside edit does not break reads while the app runs', () => {
    const dir = tempDir();
    const store = open(dir);
    store.set({ theme: 'dark' });
    writeFileSync(join(dir, 'settings.json'), '{ "theme": "purple", oops');
    expect(store.get('theme')).toBe('dark');
    expect(store.view().values).toEqual({ ...defaultSettings, theme: 'dark' });
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ theme: 'purple' }));
    expect(store.get('theme')).toBe('dark');
  });

  it.each([
    ['bad JSON', '{ "theme": "light", oops'],
    ['an invalid value', JSON.stringify({ theme: 'purple', language: 'es' })],
  ])('repairs a file edited outside the app (%s) on the next change, with a backup and a notice', (_name, edited) => {
    const dir = tempDir();
    const store = open(dir, { now: () => new Date('2026-03-04T05:06:07Z') });
    store.set({ language: 'es' });
    const notices: unknown[] = [];
    store.onRecovered((notice) => notices.push(notice));
    writeFileSync(join(dir, 'settings.json'), edited);

    expect(store.set({ theme: 'dark' }).values).toMatchObject({ language: 'es', theme: 'dark' });
    expect(notices).toEqual([{ reason: 'changed-outside', resetKeys: [], backupPath: expect.stringContaining('settings.changed-2026-03-04') }]);
    const backup = (notices[0] as { backupPath: string }).backupPath;
    expect(readFileSync(backup, 'utf8')).toBe(edited);
    expect(open(dir).view().values).toMatchObject({ language: 'es', theme: 'dark' });
    expect(open(dir).recoveryNotice).toBeNull();
  });

  it('keeps keys it does not know, and the migration bookkeeping, when it writes', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ futureKey: 7, __internal__: { migrations: { version: '0.1.0' } } }));
    const store = open(dir);
    store.set({ theme: 'light' });
    const file = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'));
    expect(file).toMatchObject({ futureKey: 7, theme: 'light', __internal__: { migrations: { version: '0.1.0' } } });
  });

  it('still writes the migration bookkeeping after repairing an outside edit', () => {
    const dir = tempDir();
    const store = open(dir);
    const before = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).__internal__;
    expect(before).toBeDefined();
    writeFileSync(join(dir, 'settings.json'), 'not json');
    store.set({ theme: 'light' });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).__internal__).toEqual(before);
  });
});

describe('setting values', () => {
  it.each([
    [{ tokenServiceUrl: 'https://tokens.contoso.com' }, true],
    [{ tokenServiceUrl: 'http://localhost:7071' }, true],
    [{ tokenServiceUrl: 'http://tokens.contoso.com' }, false],
    [{ tokenServiceUrl: 'javascript:alert(1)' }, false],
    [{ callerId: '+14255550123' }, true],
    [{ callerId: '4255550123' }, false],
    [{ defaultCountry: 'ES' }, true],
    [{ defaultCountry: 'es' }, false],
    [{ awayAfterMinutes: 5 }, true],
    [{ awayAfterMinutes: -1 }, false],
    [{ awayAfterMinutes: 2.5 }, false],
  ])('%j valid: %s', (patch, valid) => {
    const store = open(tempDir());
    if (valid) expect(store.set(patch as never).values).toMatchObject(patch);
    else expect(() => store.set(patch as never)).toThrow();
  });
});
