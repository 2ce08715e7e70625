/** Builds the chat e2e page into dist/renderer/e2e-chat, so the harness serves it from the app's origin. */
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { cspMetaTag } from '../../../../vite.renderer.config.js';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  plugins: [svelte(), cspMetaTag()],
  build: {
    outDir: fileURLToPath(new URL('../../../../dist/renderer/e2e-chat', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    chunkSizeWarningLimit: 8000,
  },
});
