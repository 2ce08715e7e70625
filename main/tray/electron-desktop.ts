/**
 * Electron adapter: DesktopAdapters from Tray, Menu, nativeImage, powerMonitor, nativeTheme and
 * the main window. Each piece is a thin translation; what to show and when is decided in the
 * plain modules (tray-controller.ts, presence/, notifications/).
 */
import { app, Menu, nativeImage, nativeTheme, powerMonitor, Tray, type BrowserWindow, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { electronNotificationPlatform } from '../notifications/electron-notifications.js';
import type { DesktopAdapters } from './desktop-adapters.js';
import type { IconPair } from './status-icons.js';

function toImage(pair: IconPair): NativeImage {
  const image = nativeImage.createFromBuffer(pair.x1, { scaleFactor: 1 });
  image.addRepresentation({ scaleFactor: 2, dataURL: `data:image/png;base64,${pair.x2.toString('base64')}` });
  return image;
}

export function electronDesktop(options: { window: () => BrowserWindow | null; tooltip: string }): DesktopAdapters {
  let tray: Tray | null = null;
  const ensureTray = (image: NativeImage) => {
    if (!tray) {
      tray = new Tray(image);
      tray.setToolTip(options.tooltip);
      // Windows and Linux: a click on the icon brings the window (macOS opens the menu).
      tray.on('click', () => {
        if (process.platform !== 'darwin') show();
      });
    }
    return tray;
  };
  const liveWindow = () => {
    const window = options.window();
    return window && !window.isDestroyed() ? window : null;
  };
  const show = () => {
    const window = liveWindow();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  return {
    notifications: electronNotificationPlatform(process.platform),
    window: {
      isVisible: () => liveWindow()?.isVisible() ?? false,
      isFocused: () => {
        const window = liveWindow();
        return !!window && window.isVisible() && window.isFocused();
      },
      show,
      hide: () => liveWindow()?.hide(),
      requestAttention: () => {
        const window = liveWindow();
        if (window && !window.isVisible()) window.showInactive();
        window?.flashFrame(true);
        if (process.platform === 'darwin') app.dock?.bounce('critical');
      },
    },
    tray: {
      setIcon: (icon) => {
        const image = toImage(icon.png);
        ensureTray(image).setImage(image);
      },
      setToolTip: (text) => tray?.setToolTip(text),
      setMenu: (items, onSelect) => {
        const template: MenuItemConstructorOptions[] = items.map((item) =>
          item.kind === 'separator'
            ? { type: 'separator' }
            : item.kind === 'radio'
              ? { type: 'radio', id: item.id, label: item.label, checked: item.checked, click: () => onSelect(item.id) }
              : { id: item.id, label: item.label, enabled: item.enabled, click: () => onSelect(item.id) },
        );
        tray?.setContextMenu(Menu.buildFromTemplate(template));
      },
    },
    badge: {
      setBadge: (count, description, overlay) => {
        if (process.platform === 'win32') liveWindow()?.setOverlayIcon(overlay ? toImage(overlay) : null, description);
        else app.setBadgeCount(count);
      },
    },
    idleClock: {
      idleSeconds: () => powerMonitor.getSystemIdleTime(),
      every: (ms, tick) => {
        const timer = setInterval(tick, ms);
        timer.unref();
        return () => clearInterval(timer);
      },
    },
    trayTheme: () => ((process.platform === 'win32' ? nativeTheme.shouldUseDarkColorsForSystemIntegratedUI : nativeTheme.shouldUseDarkColors) ? 'dark' : 'light'),
    onTrayThemeChange: (listener) => void nativeTheme.on('updated', listener),
    onScreenLockChange: (listener) => {
      powerMonitor.on('lock-screen', () => listener(true));
      powerMonitor.on('unlock-screen', () => listener(false));
    },
    setLoginItem: (settings) => {
      // Linux has no login-item API in Electron; packaging would add an autostart entry.
      if (process.platform === 'win32' || process.platform === 'darwin') app.setLoginItemSettings(settings);
    },
    quit: () => app.quit(),
  };
}
