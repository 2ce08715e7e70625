/** Electron adapter: installs the application menu built by app-menu.ts (null: no menu bar). */
import { Menu } from 'electron';
import type { MenuItemSpec } from './app-menu.js';

export function setApplicationMenu(template: MenuItemSpec[] | null): void {
  Menu.setApplicationMenu(template ? Menu.buildFromTemplate(template) : null);
}
