/**
 * Loads the native-reg addon for the Windows policy reader. Packaged builds carry it outside
 * the asar, in resources/native/node_modules (electron-builder.yml, win.extraResources): an
 * addon cannot be loaded from inside an archive, and main is an esbuild bundle with no
 * node_modules of its own. A development run loads it from the project's node_modules.
 * null when it cannot be loaded: policy is then read with reg.exe.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { NativeRegistry } from './native-registry-source.js';

/** Under resourcesPath; the addon and its loader sit in node_modules below it. */
export const nativeFolder = 'native';

/** resourcesPath: Electron's process.resourcesPath when packaged; null in development. */
export function loadNativeRegistry(resourcesPath: string | null): NativeRegistry | null {
  // createRequire wants a file; modules are then looked up in the node_modules beside it.
  const base = resourcesPath ? join(resourcesPath, nativeFolder, 'loader.cjs') : import.meta.url;
  try {
    const registry = createRequire(base)('native-reg') as NativeRegistry;
    return typeof registry.openKey === 'function' ? registry : null;
  } catch {
    return null;
  }
}
