/**
 * The user's settings, persisted with electron-store (JSON schema + migrations), fronted by
 * the contract's zod schema, and overlaid with whatever IT has locked by policy.
 *
 * The file is read once, at start-up; after that the values live in memory and every change
 * is written through. electron-store re-reads and re-validates the file on every access, so
 * reading through it would let an outside edit (a bad value, half-written JSON) break every
 * settings call while the app runs. Now such an edit is noticed only when the next change is
 * written: the edited file is kept aside, the app's values are saved, and the user is told.
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
import { repairSettingsFile, isSettingKey } from './settings-file.js';
import { moveAside } from './store-file.js';
import { settingsMigrations, type Migrations } from './settings-migrations.js';

/** The part of electron-store (and of conf, its engine) this module uses. */
export interface KeyValueStore {
  readonly path: string;
  /** Reading parses and validates the file; writing replaces it (atomically). */
  store: Record<string, unknown>;
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
  private readonly now: () => Date;
  private readonly listeners = new Set<(view: SettingsView) => void>();
  private readonly recoveryListeners = new Set<(notice: SettingsRecoveryNotice) => void>();
  /** The user's own values: the truth while the app runs. */
  private values: Settings;
  /** Keys the schema does not know (a newer version's, the store's migration bookkeeping): kept as found. */
  private others: Record<string, unknown>;
  /** Set when the file had to be repaired at start-up; the UI tells the user once. */
  readonly recoveryNotice: SettingsRecoveryNotice | null;

  constructor(options: SettingsStoreOptions) {
    const name = 'settings';
    const filePath = join(options.directory, `${name}.json`);
    this.now = options.now ?? (() => new Date());
    let notice = repairSettingsFile(filePath, this.now());
    const storeOptions: StoreOptions = {
      cwd: options.directory,
      name,
      defaults: { ...defaultSettings },
      schema: settingsJsonSchema,
      migrations: options.migrations ?? settingsMigrations,
      projectVersion: options.projectVersion,
    };
    let store: KeyValueStore;
    let contents: Record<string, unknown>;
    try {
      store = options.factory(storeOptions);
      contents = store.store;
    } catch {
      // The store refused the file for a reason the repair did not foresee (a failed
      // migration, say): keep the file aside and start from defaults rather than not at all.
      notice = { reason: 'unreadable', resetKeys: Object.keys(defaultSettings), backupPath: moveAside(filePath, 'unreadable', this.now()) };
      // Defaults are already current, so the fresh file needs no migration (and must not
      // meet the one that just failed).
      store = options.factory({ ...storeOptions, migrations: {} });
      contents = store.store;
    }
    this.store = store;
    this.values = ownValues(contents);
    this.others = otherKeys(contents);
    this.recoveryNotice = notice;
    this.managed = options.managed ?? noPolicy;
  }

  get path(): string {
    return this.store.path;
  }

  view(): SettingsView {
    const managed = this.managed.values();
    return { values: { ...this.values, ...managed }, locked: Object.keys(managed) as SettingKey[] };
  }

  get<K extends SettingKey>(key: K): Settings[K] {
    return this.view().values[key];
  }

  /** Applies a patch from the user; a locked key refuses the whole patch. */
  set(patch: SettingsPatch): SettingsView {
    const valid = settingsPatchSchema.parse(patch);
    const locked = this.view().locked.filter((key) => Object.hasOwn(valid, key));
    if (locked.length > 0) throw new UserFacingError('errors:settings.locked', { keys: locked.join(', ') });
    this.values = { ...this.values, ...valid };
    this.writeThrough();
    const view = this.view();
    for (const listener of this.listeners) listener(view);
    return view;
  }

  onChange(listener: (view: SettingsView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Told when the file was found changed outside the app and had to be set aside. */
  onRecovered(listener: (notice: SettingsRecoveryNotice) => void): () => void {
    this.recoveryListeners.add(listener);
    return () => this.recoveryListeners.delete(listener);
  }

  /**
   * Saves the in-memory values. The file is read first only to keep keys this version does
   * not know; if it no longer reads or validates (edited while the app ran), it is kept aside
   * and the app's values are written in its place.
   */
  private writeThrough(): void {
    try {
      this.others = otherKeys(this.store.store);
    } catch {
      const notice: SettingsRecoveryNotice = { reason: 'changed-outside', resetKeys: [], backupPath: moveAside(this.store.path, 'changed', this.now()) };
      for (const listener of this.recoveryListeners) listener(notice);
    }
    this.store.store = { ...this.others, ...this.values };
  }
}

/** The schema's keys, each from the file when valid there, else its default. */
function ownValues(contents: Record<string, unknown>): Settings {
  const values: Record<string, unknown> = { ...defaultSettings };
  for (const key of Object.keys(contents)) {
    if (isSettingKey(key) && settingsSchema.shape[key].safeParse(contents[key]).success) values[key] = contents[key];
  }
  return values as Settings;
}

function otherKeys(contents: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(contents).filter(([key]) => !isSettingKey(key)));
}
