/**
 * Builds the renderer for e2e tests: the production config, plus module swaps that exist only in
 * these builds — for the real-SDK run, the test hooks (start calling with a test token); for the
 * simulated-ACS run, the SDK double in place of the real SDK; for the auth run, hooks that report
 * from inside the app's own bundle. The app's own build never sees them.
 */
import { build, type Plugin } from 'vite';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../../harness/harness.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const appTestHooks = `${repoRoot}renderer/calling/test-hooks.ts`;

function swapModules(swaps: Record<string, string>): Plugin {
  return {
    name: 'acs-softphone-e2e-swaps',
    enforce: 'pre',
    load(id) {
      const clean = id.split('?')[0]!;
      for (const [original, replacement] of Object.entries(swaps)) {
        if (clean === original) return `export * from ${JSON.stringify(replacement)};`;
      }
      return null;
    },
  };
}

export type E2eBuild = 'real' | 'sim' | 'auth';

/**
 * What each build swaps. The simulated build keeps the app's own (empty) test hooks: its tests
 * sign in, and calling starts as in the app. The real-SDK tests start it with a token they made.
 * The auth build keeps the real SDK and swaps the hooks for ones that report the app's own
 * credential, calling runtime and chat session.
 */
const swapsByBuild: Record<E2eBuild, Record<string, string>> = {
  real: { [appTestHooks]: `${here}test-hooks.ts` },
  sim: { [`${repoRoot}renderer/calling/sdk-provider.ts`]: `${here}sim-sdk-provider.ts` },
  auth: { [appTestHooks]: `${repoRoot}test/e2e/auth/app-hooks.ts` },
};

const outDirByBuild: Record<E2eBuild, string> = {
  real: `${repoRoot}dist/e2e-calling-real`,
  sim: `${repoRoot}dist/e2e-calling-sim`,
  auth: `${repoRoot}dist/e2e-auth`,
};

function isBuilt(outDir: string): boolean {
  return existsSync(`${outDir}/index.html`) && statSync(`${outDir}/index.html`).isFile();
}

/** Builds the given kind into its own dist/ directory (reused if ACS_E2E_REUSE_BUILD is set); returns the directory. */
export async function buildE2eRenderer(kind: E2eBuild): Promise<string> {
  const outDir = outDirByBuild[kind];
  if (process.env.ACS_E2E_REUSE_BUILD && isBuilt(outDir)) return outDir;
  await build({
    configFile: `${repoRoot}vite.renderer.config.ts`,
    logLevel: 'warn',
    plugins: [swapModules(swapsByBuild[kind])],
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  return outDir;
}
