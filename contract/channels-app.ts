import { z } from 'zod';
import { event, invoke, noRequest } from './define.js';
import type { Locale, SettingsRecoveryNotice, SettingsView } from './settings.js';
import { settingsPatchSchema, supportedLocales } from './settings.js';

export interface AppInfo {
  name: string;
  version: string;
  platform: 'win32' | 'darwin' | 'linux';
  electron: string;
  chrome: string;
}

export interface LocaleInfo {
  /** The language the UI uses now. */
  locale: Locale;
  /** What the OS prefers, resolved to a supported language. */
  systemLocale: Locale;
}

/** Channels of the foundation: app info, settings, locale. */
export const appChannels = {
  app: {
    getInfo: invoke<AppInfo>()(noRequest),
    /** Things main must tell the user once the window is up (e.g. settings recovered). */
    getStartupNotices: invoke<{ settingsRecovery: SettingsRecoveryNotice | null }>()(noRequest),
    /**
     * The shell is on screen with its data, this long after the page's navigation began: a line
     * for the support log, so that a slow start on a user's machine shows in figures.
     */
    reportStartup: invoke<void>()(z.strictObject({ sinceNavigationMs: z.number().min(0).max(600_000) })),
    /** Opens an https/mailto link in the user's browser; other schemes are refused. */
    openExternal: invoke<void>()(z.strictObject({ url: z.string().max(2048) })),
  },
  settings: {
    get: invoke<SettingsView>()(noRequest),
    set: invoke<SettingsView>()(settingsPatchSchema),
    changed: event<SettingsView>(),
    /** The settings file was found damaged while saving and was repaired; tell the user. */
    recovered: event<SettingsRecoveryNotice>(),
  },
  locale: {
    get: invoke<LocaleInfo>()(noRequest),
    changed: event<LocaleInfo>(),
  },
} as const;

export { supportedLocales };
