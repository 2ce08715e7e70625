/**
 * The application menu as plain data (the Electron adapter, electron-menu.ts, builds it).
 * Without one, Electron installs its default: untranslated File/Edit/View/Help with Reload,
 * Force Reload, Toggle DevTools and "Learn More" (electronjs.org) — and Ctrl+R would reload the
 * window in the middle of a call. So:
 * - macOS gets the menus a Mac app must have: the app menu (About, Hide, Quit), Edit (text
 *   fields rely on its roles for copy and paste on macOS) and Window;
 * - Windows and Linux get no menu bar (clipboard shortcuts work without one there);
 * - Reload and developer tools exist only in development builds.
 * Every label is translated; roles keep the native behaviour.
 */
import type { Translate } from '../i18n/translator.js';

export type MenuRole =
  | 'about'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'selectAll'
  | 'window'
  | 'minimize'
  | 'zoom'
  | 'close'
  | 'front'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools';

export interface MenuItemSpec {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  submenu?: MenuItemSpec[];
}

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  appName: string;
  t: Translate;
}

const separator: MenuItemSpec = { type: 'separator' };

/** The menu for this platform and build, or null for none (no menu bar, not Electron's default). */
export function appMenuTemplate({ platform, isPackaged, appName, t }: AppMenuOptions): MenuItemSpec[] | null {
  const item = (role: MenuRole, key: string): MenuItemSpec => ({ role, label: t(`shell:menu.${key}`, { app: appName }) });
  const development: MenuItemSpec[] = isPackaged
    ? []
    : [{ label: t('shell:menu.develop'), submenu: [item('reload', 'reload'), item('forceReload', 'forceReload'), item('toggleDevTools', 'devTools')] }];

  if (platform !== 'darwin') return development.length > 0 ? development : null;

  return [
    {
      label: appName,
      submenu: [item('about', 'about'), separator, item('hide', 'hide'), item('hideOthers', 'hideOthers'), item('unhide', 'showAll'), separator, item('quit', 'quit')],
    },
    {
      label: t('shell:menu.edit'),
      submenu: [
        item('undo', 'undo'),
        item('redo', 'redo'),
        separator,
        item('cut', 'cut'),
        item('copy', 'copy'),
        item('paste', 'paste'),
        item('pasteAndMatchStyle', 'pasteAndMatchStyle'),
        item('selectAll', 'selectAll'),
      ],
    },
    ...development,
    {
      // role 'window' makes it macOS's Window menu (the open-window list is added by the OS).
      label: t('shell:menu.window'),
      role: 'window',
      submenu: [item('minimize', 'minimize'), item('zoom', 'zoom'), item('close', 'close'), separator, item('front', 'front')],
    },
  ];
}
