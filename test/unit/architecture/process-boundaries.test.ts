/**
 * The house rules a reader should not have to police by hand: only the small adapter files in
 * main/ import Electron; the renderer imports neither Electron nor Node built-ins; the preload
 * imports Electron only in its entry point.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(`${root}${dir}`, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|svelte|mts)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => relative(root, `${e.parentPath}/${e.name}`));
}

/** Value imports (not `import type`) of each file. */
function valueImports(file: string): string[] {
  const text = readFileSync(`${root}${file}`, 'utf8');
  const specifiers = [
    ...text.matchAll(/^\s*import\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...text.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return specifiers.map((m) => m[1]!);
}

/** Files allowed to import Electron: adapters, named for what they adapt. */
const electronAdapters = [
  'main/index.ts',
  'main/app/electron-dialogs.ts',
  'main/windows/electron-menu.ts',
  'main/auth/electron-safe-storage.ts',
  'main/auth/electron-net-fetch.ts',
  'main/auth/electron-wake-events.ts',
  'main/calls/electron-display-media.ts',
  'main/calls/electron-power-save.ts',
  'main/ipc/electron-ipc.ts',
  'main/settings/electron-store-factory.ts',
  'main/updates/electron-updater-adapter.ts',
  'main/windows/create-main-window.ts',
  'main/notifications/electron-notifications.ts',
  'main/tray/electron-desktop.ts',
  'main/deeplinks/electron-protocols.ts',
  'preload/index.ts',
];

const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/**
 * What the renderer may not import: Electron and any of its subpaths, anything under node:
 * (including node:-only modules such as node:test that builtinModules does not list), and
 * bare built-ins and their subpaths (fs, fs/promises).
 */
function isForbiddenInRenderer(specifier: string): boolean {
  if (specifier === 'electron' || specifier.startsWith('electron/')) return true;
  if (specifier.startsWith('node:')) return true;
  return nodeBuiltins.has(specifier) || nodeBuiltins.has(specifier.split('/')[0]!);
}

describe('process boundaries', () => {
  it('imports electron only from the adapter files', () => {
    const offenders = [...sourceFiles('main'), ...sourceFiles('preload'), ...sourceFiles('contract')]
      .filter((f) => valueImports(f).some((s) => s === 'electron' || s.startsWith('electron/') || s === 'electron-store' || s === 'electron-updater'))
      .filter((f) => !electronAdapters.some((a) => f === a || (a.endsWith('/') && f.startsWith(a))));
    expect(offenders).toEqual([]);
  });

  it('keeps electron and Node built-ins out of the renderer and the contract', () => {
    const offenders = [...sourceFiles('renderer'), ...sourceFiles('contract'), ...sourceFiles('locales')]
      .flatMap((f) => valueImports(f).filter(isForbiddenInRenderer).map((s) => `${f}: ${s}`));
    expect(offenders).toEqual([]);
  });

  it.each([
    ['electron', true],
    ['electron/renderer', true],
    ['electron/main', true],
    ['node:fs', true],
    ['node:test', true],
    ['node:sqlite', true],
    ['fs', true],
    ['fs/promises', true],
    ['path', true],
    ['child_process', true],
    ['svelte', false],
    ['i18next', false],
    ['@azure/communication-calling', false],
    ['./lib/bridge.js', false],
    ['electron-store', false],
  ])('counts %s as forbidden in the renderer: %s', (specifier, forbidden) => {
    expect(isForbiddenInRenderer(specifier)).toBe(forbidden);
  });

  it('keeps the adapter list honest (every listed adapter exists and imports electron)', () => {
    for (const adapter of electronAdapters) {
      expect(valueImports(adapter).some((s) => s === 'electron' || s === 'electron-store' || s === 'electron-updater'), adapter).toBe(true);
    }
  });
});
