/**
 * The user's settings: one schema for what is stored, what the renderer may change and
 * what IT may lock. Later features add their keys here.
 */
import { z } from 'zod';

export const supportedLocales = ['en', 'es'] as const;
export type Locale = (typeof supportedLocales)[number];

export const settingsSchema = z.object({
  /** 'system' follows the OS's preferred languages. */
  language: z.enum(['system', ...supportedLocales]),
  /** 'system' follows the OS's light/dark appearance. */
  theme: z.enum(['system', 'light', 'dark']),
});

export type Settings = z.output<typeof settingsSchema>;
export type SettingKey = keyof Settings;

export const defaultSettings: Settings = {
  language: 'system',
  theme: 'system',
};

/** What the renderer may send to change settings: a non-empty subset, nothing unknown. */
export const settingsPatchSchema = settingsSchema
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'empty patch' });
export type SettingsPatch = z.output<typeof settingsPatchSchema>;

export interface SettingsView {
  values: Settings;
  /** Keys fixed by the organisation's policy: shown locked, refused on set. */
  locked: SettingKey[];
}

/** Told once after start-up when the settings file could not be used as it was. */
export interface SettingsRecoveryNotice {
  reason: 'unreadable' | 'invalid-values';
  /** Keys put back to their defaults (all of them when unreadable). */
  resetKeys: string[];
  /** Where the original file was kept, so nothing is lost. */
  backupPath: string;
}
