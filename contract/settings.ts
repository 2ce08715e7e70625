/**
 * The user's settings: one schema for what is stored, what the renderer may change and
 * what IT may lock. Later features add their keys here.
 */
import { z } from 'zod';
import { supportedLocales, type Locale } from './locale.js';

export { supportedLocales, type Locale };

/** https, or http on this machine only (a token service run by a developer). */
const serviceUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    if (value === '') return true;
    try {
      const url = new URL(value);
      const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
      return url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
    } catch {
      return false;
    }
  }, 'must be an https URL');

const deviceId = z.string().max(512);

export const settingsSchema = z.object({
  /** 'system' follows the OS's preferred languages. */
  language: z.enum(['system', ...supportedLocales]),
  /** 'system' follows the OS's light/dark appearance. */
  theme: z.enum(['system', 'light', 'dark']),

  /** The organisation's token service ('' until set by the user or IT). */
  tokenServiceUrl: serviceUrl,
  /** OIDC issuer for sign-in; '' means sign in with an API key instead. */
  oidcIssuer: serviceUrl,
  oidcClientId: z.string().max(256),
  /** Scopes asked for besides openid/offline_access, e.g. the token service's API scope. */
  oidcScopes: z.string().max(1024),
  /** The ACS resource endpoint chat talks to ('' = the one the token service reports). */
  acsEndpoint: serviceUrl,

  /** The organisation's caller ID for phone calls (E.164), '' when none is set. */
  callerId: z.string().regex(/^(\+[1-9]\d{6,14})?$/, 'must be an E.164 number'),
  /** ISO 3166-1 alpha-2 country used to read phone numbers typed without a country code. */
  defaultCountry: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code'),

  allowVideo: z.boolean(),
  allowScreenShare: z.boolean(),
  allowChat: z.boolean(),
  allowPhoneCalls: z.boolean(),

  autoUpdate: z.boolean(),
  /** Where updates are published ('' = the URL built into the release). */
  updateUrl: serviceUrl,
  /** Start with the OS, hidden in the tray. */
  startAtLogin: z.boolean(),
  /** Minutes without input before presence turns Away (0 = never). */
  awayAfterMinutes: z.number().int().min(0).max(240),

  /** Chosen devices ('' = the system default). */
  microphoneId: deviceId,
  speakerId: deviceId,
  cameraId: deviceId,
});

export type Settings = z.output<typeof settingsSchema>;
export type SettingKey = keyof Settings;

export const defaultSettings: Settings = {
  language: 'system',
  theme: 'system',
  tokenServiceUrl: '',
  oidcIssuer: '',
  oidcClientId: '',
  oidcScopes: '',
  acsEndpoint: '',
  callerId: '',
  defaultCountry: 'US',
  allowVideo: true,
  allowScreenShare: true,
  allowChat: true,
  allowPhoneCalls: true,
  autoUpdate: true,
  updateUrl: '',
  startAtLogin: false,
  awayAfterMinutes: 10,
  microphoneId: '',
  speakerId: '',
  cameraId: '',
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

/** Told when the settings file could not be used as it was (at start-up, or when saving). */
export interface SettingsRecoveryNotice {
  /** 'changed-outside': edited while the app ran so it no longer read; the app's values were saved over it. */
  reason: 'unreadable' | 'invalid-values' | 'changed-outside';
  /** Keys put back to their defaults (all of them when unreadable, none when changed outside). */
  resetKeys: string[];
  /** Where the original file was kept, so nothing is lost. */
  backupPath: string;
}

/** The URL rule of the service settings, for channels that take a service URL (sign-in). */
export const serviceUrlSchema = serviceUrl;
