/**
 * Settings migrations, keyed by the app version that introduced them (electron-store runs
 * each one once, in order, when the app is upgraded past it). Add an entry whenever a key is
 * renamed or its meaning changes; never edit a shipped one.
 */
import type { KeyValueStore } from './settings-store.js';

export type Migrations = Record<string, (store: KeyValueStore) => void>;

export const settingsMigrations: Migrations = {
  // 0.1.0 is the first release: every key starts out at its schema default.
};
