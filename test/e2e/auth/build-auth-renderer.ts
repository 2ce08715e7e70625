/**
 * Builds the renderer for the auth e2e tests: the production config, with the calling test
 * hooks swapped for test/e2e/auth/app-hooks.ts, which reports from inside the app's own bundle.
 * The app's own build never sees it.
 */
import { build, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../../harness/harness.js';

const here = fileURLToPath(new URL('.', import.meta.url));

function swapTestHooks(): Plugin {
  const original = `${repoRoot}renderer/calling/test-hooks.ts`;
  return {
    name: 'acs-softphone-auth-e2e-hooks',
    enforce: 'pre',
    load(id) {
      return id.split('?')[0] === original ? `export * from ${JSON.stringify(`${here}app-hooks.ts`)};` : null;
    },
  };
}

/** Builds into dist/e2e-auth and returns the directory. */
export async function buildAuthRenderer(): Promise<string> {
  const outDir = `${repoRoot}dist/e2e-auth`;
  await build({
    configFile: `${repoRoot}vite.renderer.config.ts`,
    logLevel: 'warn',
    plugins: [swapTestHooks()],
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  return outDir;
}
