/**
 * Builds the renderer for calling e2e tests: the production config, plus module swaps that
 * exist only in these builds — for the real-SDK run, the test hooks (start calling with a test
 * token); for the simulated-ACS run, the SDK double in place of the real SDK. The app's own
 * build never sees them.
 */
import { build, type Plugin } from 'vite';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../../harness/harness.js';

const here = fileURLToPath(new URL('.', import.meta.url));

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

export type E2eBuild = 'real' | 'sim';

/** Builds once per process into dist/e2e-calling-<kind>; returns the directory. */
export async function buildE2eRenderer(kind: E2eBuild): Promise<string> {
  const outDir = `${repoRoot}dist/e2e-calling-${kind}`;
  if (process.env.ACS_E2E_REUSE_BUILD && existsSync(`${outDir}/index.html`) && statSync(`${outDir}/index.html`).isFile()) return outDir;
  // The simulated build keeps the app's own (empty) test hooks: its tests sign in, and calling
  // starts as in the app. The real-SDK tests start it with a token they made.
  const swaps: Record<string, string> =
    kind === 'sim'
      ? { [`${repoRoot}renderer/calling/sdk-provider.ts`]: `${here}sim-sdk-provider.ts` }
      : { [`${repoRoot}renderer/calling/test-hooks.ts`]: `${here}test-hooks.ts` };
  await build({
    configFile: `${repoRoot}vite.renderer.config.ts`,
    logLevel: 'warn',
    plugins: [swapModules(swaps)],
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  return outDir;
}
