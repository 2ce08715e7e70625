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
  },
});
