/**
 * The user's settings, persisted with electron-store (JSON schema + migrations), fronted by
 * the contract's zod schema, and overlaid with whatever IT has locked by policy.
 */
import { join } from 'node:path';
import { z } from 'zod';
import {
  defaultSettings,
  settingsPatchSchema,
  settingsSchema,
  type SettingKey,
  type Settings,
  type SettingsPatch,
  type SettingsRecoveryNotice,
  type SettingsView,
} from '../../contract/settings.js';
import { UserFacingError } from '../ipc/user-facing-error.js';
import { repairSettingsFile, backupPathFor } from './settings-file.js';
import { settingsMigrations, type Migrations } from './settings-migrations.js';
import { renameSync, existsSync } from 'node:fs';

/** The part of electron-store (and of conf, its engine) this module uses. */
export interface KeyValueStore {
  readonly path: string;
  readonly store: Record<string, unknown>;
  set(values: Record<string, unknown>): void;
  get(key: string): unknown;
}

export interface StoreOptions {
  cwd: string;
  name: string;
  defaults: Record<string, unknown>;
  schema: Record<string, unknown>;
  migrations: Migrations;
  projectVersion: string;
}

/** electron-store in the app; conf (the same engine without Electron) in tests. */
export type StoreFactory = (options: StoreOptions) => KeyValueStore;

/** Values IT fixed by policy; they win over the user's and cannot be changed in the app. */
export interface ManagedSettings {
  values(): Partial<Settings>;
}

const noPolicy: ManagedSettings = { values: () => ({}) };

/** electron-store's `schema` option: one JSON schema per key, from the same zod schema. */
export const settingsJsonSchema = (z.toJSONSchema(settingsSchema, { target: 'draft-7' }) as { properties: Record<string, unknown> }).properties;

export interface SettingsStoreOptions {
  directory: string;
  factory: StoreFactory;
  projectVersion: string;
  migrations?: Migrations;
  managed?: ManagedSettings;
  now?: () => Date;
}

export class SettingsStore {
  private readonly store: KeyValueStore;
  private readonly managed: ManagedSettings;
  private readonly listeners = new Set<(view: SettingsView) => void>();
  /** Set when the file had to be repaired at start-up; the UI tells the user once. */
  readonly recoveryNotice: SettingsRecoveryNotice | null;

  constructor(options: SettingsStoreOptions) {
    const name = 'settings';
    const filePath = join(options.directory, `${name}.json`);
    const now = options.now ?? (() => new Date());
    let notice = repairSettingsFile(filePath, now());
    const storeOptions: StoreOptions = {
      cwd: options.directory,
      name,
      defaults: { ...defaultSettings },
      schema: settingsJsonSchema,
      migrations: options.migrations ?? settingsMigrations,
      projectVersion: options.projectVersion,
    };
    let store: KeyValueStore;
    try {
      store = options.factory(storeOptions);
    } catch {
      // The store refused the file for a reason the repair did not foresee (a failed
      // migration, say): keep the file aside and start from defaults rather than not at all.
      const backupPath = backupPathFor(filePath, 'unreadable', now());
      if (existsSync(filePath)) renameSync(filePath, backupPath);
      notice = { reason: 'unreadable', resetKeys: Object.keys(defaultSettings), backupPath };
      // Defaults are already current, so the fresh file needs no migration (and must not
      // meet the one that just failed).
      store = options.factory({ ...storeOptions, migrations: {} });
    }
    this.store = store;
    this.recoveryNotice = notice;
    this.managed = options.managed ?? noPolicy;
  }

  get path(): string {
    return this.store.path;
  }

  view(): SettingsView {
    const managed = this.managed.values();
    const own = settingsSchema.parse({ ...defaultSettings, ...pickKnown(this.store.store) });
    return { values: { ...own, ...managed }, locked: Object.keys(managed) as SettingKey[] };
  }

  get<K extends SettingKey>(key: K): Settings[K] {
    return this.view().values[key];
  }

  /** Applies a patch from the user; a locked key refuses the whole patch. */
  set(patch: SettingsPatch): SettingsView {
    const valid = settingsPatchSchema.parse(patch);
    const locked = this.view().locked.filter((key) => key in valid);
    if (locked.length > 0) throw new UserFacingError('errors:settings.locked', { keys: locked.join(', ') });
    this.store.set(valid as Record<string, unknown>);
    const view = this.view();
    for (const listener of this.listeners) listener(view);
    return view;
  }

  onChange(listener: (view: SettingsView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function pickKnown(values: Record<string, unknown>): Partial<Settings> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => key in settingsSchema.shape)) as Partial<Settings>;
}
