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
  'main/auth/electron-safe-storage.ts',
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

describe('process boundaries', () => {
  it('imports electron only from the adapter files', () => {
    const offenders = [...sourceFiles('main'), ...sourceFiles('preload'), ...sourceFiles('contract')]
      .filter((f) => valueImports(f).some((s) => s === 'electron' || s.startsWith('electron/') || s === 'electron-store' || s === 'electron-updater'))
      .filter((f) => !electronAdapters.some((a) => f === a || (a.endsWith('/') && f.startsWith(a))));
    expect(offenders).toEqual([]);
  });

  it('keeps electron and Node built-ins out of the renderer and the contract', () => {
    const offenders = [...sourceFiles('renderer'), ...sourceFiles('contract'), ...sourceFiles('locales')]
      .filter((f) => !f.endsWith('vite.config.ts'))
      .flatMap((f) => valueImports(f).filter((s) => s === 'electron' || nodeBuiltins.has(s)).map((s) => `${f}: ${s}`));
    expect(offenders).toEqual([]);
  });

  it('keeps the adapter list honest (every listed adapter exists and imports electron)', () => {
    for (const adapter of electronAdapters) {
      expect(valueImports(adapter).some((s) => s === 'electron' || s === 'electron-store' || s === 'electron-updater'), adapter).toBe(true);
    }
  });
});
