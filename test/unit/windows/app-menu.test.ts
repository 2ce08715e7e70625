import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate, type MenuItemSpec } from '../../../main/windows/app-menu.js';
import { Translator } from '../../../main/i18n/translator.js';

const built: unknown[] = [];
const installed: unknown[] = [];
vi.mock('electron', () => ({
  Menu: {
    buildFromTemplate: (template: unknown) => (built.push(template), { template }),
    setApplicationMenu: (menu: unknown) => installed.push(menu),
  },
}));
const { setApplicationMenu } = await import('../../../main/windows/electron-menu.js');

const en = new Translator('en').t;
const es = new Translator('es').t;
const menu = (platform: NodeJS.Platform, isPackaged: boolean, t = en) => appMenuTemplate({ platform, isPackaged, appName: 'ACS Softphone', t });

function roles(items: MenuItemSpec[] | null): string[] {
  return (items ?? []).flatMap((item) => [...(item.role ? [item.role] : []), ...roles(item.submenu ?? null)]);
}

function labels(items: MenuItemSpec[] | null): string[] {
  return (items ?? []).flatMap((item) => [...(item.label ? [item.label] : []), ...labels(item.submenu ?? null)]);
}

describe('application menu', () => {
  it('gives a packaged Mac app the app, Edit and Window menus, translated, without reload or devtools', () => {
    const template = menu('darwin', true);
    expect(template!.map((m) => m.label)).toEqual(['ACS Softphone', 'Edit', 'Window']);
    expect(template![0]!.submenu!.map((i) => i.label ?? '—')).toEqual(['About ACS Softphone', '—', 'Hide ACS Softphone', 'Hide Others', 'Show All', '—', 'Quit ACS Softphone']);
    expect(roles(template)).toEqual(expect.arrayContaining(['about', 'hide', 'quit', 'copy', 'paste', 'cut', 'selectAll', 'undo', 'window', 'minimize']));
    expect(roles(template)).not.toEqual(expect.arrayContaining(['reload']));
    for (const forbidden of ['reload', 'forceReload', 'toggleDevTools']) expect(roles(template)).not.toContain(forbidden);
    expect(JSON.stringify(template)).not.toMatch(/electronjs|Learn More/i);
  });

  it('labels every item in Spanish', () => {
    const template = menu('darwin', true, es);
    expect(template!.map((m) => m.label)).toEqual(['ACS Softphone', 'Edición', 'Ventana']);
    expect(labels(template)).toEqual(expect.arrayContaining(['Acerca de ACS Softphone', 'Salir de ACS Softphone', 'Copiar', 'Pegar', 'Minimizar']));
    // Every item with a role has its own translated label (never Electron's English default).
    const unlabeled = (items: MenuItemSpec[]): MenuItemSpec[] => items.flatMap((i) => [...(i.role && !i.label ? [i] : []), ...unlabeled(i.submenu ?? [])]);
    expect(unlabeled(template!)).toEqual([]);
    expect(labels(template).some((l) => l.includes('shell:') || l.includes('menu.'))).toBe(false);
  });

  it('has no menu bar on a packaged Windows or Linux app', () => {
    expect(menu('win32', true)).toBeNull();
    expect(menu('linux', true)).toBeNull();
  });

  it('adds reload and developer tools only in development', () => {
    expect(roles(menu('win32', false))).toEqual(['reload', 'forceReload', 'toggleDevTools']);
    expect(roles(menu('darwin', false))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools', 'copy']));
  });

  it('installs the template through Electron, and null as no menu (not the default)', () => {
    setApplicationMenu(menu('darwin', true));
    setApplicationMenu(null);
    expect(built).toHaveLength(1);
    expect(installed).toEqual([{ template: menu('darwin', true) }, null]);
  });
});
