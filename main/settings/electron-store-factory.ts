import ElectronStore from 'electron-store';
import type { StoreFactory } from './settings-store.js';

/** Settings live in electron-store; it takes the project version from the app itself. */
export const electronStoreFactory: StoreFactory = (options) =>
  new ElectronStore<Record<string, unknown>>({
    cwd: options.cwd,
    name: options.name,
    defaults: options.defaults,
    schema: options.schema as never,
    migrations: options.migrations as never,
    clearInvalidConfig: false,
  });
