/**
 * Vite build of the renderer (renderer/ → dist/renderer). It lives here, not in renderer/, because
 * it runs in Node at build time and renderer/ holds only code that runs in the window.
 */
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { contentSecurityPolicy } from './main/security/content-security-policy.js';

const root = fileURLToPath(new URL('renderer/', import.meta.url));

/** Writes the one CSP (main/security/content-security-policy.ts) into index.html (also the chat e2e page's). */
export function cspMetaTag(): Plugin {
  return {
    name: 'acs-softphone-csp',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => html.replace('%CSP%', contentSecurityPolicy()),
    },
  };
}

export default defineConfig({
  root,
  // Relative asset URLs: the packaged app loads index.html from file://.
  base: './',
  plugins: [svelte(), cspMetaTag()],
  build: {
    outDir: fileURLToPath(new URL('dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    chunkSizeWarningLimit: 8000,
    rolldownOptions: {
      output: {
        // The first bundle in three files instead of one: Chromium parses each module script on
        // a background thread of its own while the page loads, so Svelte, i18next and the app's
        // code parse side by side and run sooner (docs/decisions.md, "Start-up").
        codeSplitting: {
          groups: [
            { name: 'svelte', test: /node_modules[\\/]svelte[\\/]/ },
            { name: 'i18next', test: /node_modules[\\/]i18next[\\/]/ },
          ],
        },
      },
    },
  },
});
