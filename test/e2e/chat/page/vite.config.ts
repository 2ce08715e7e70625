/**
 * Builds the chat e2e page into dist/renderer/e2e-chat, so the harness serves it from the app's
 * origin: the app's own renderer build (plugins, CSP, target) with this page as its root.
 */
import { mergeConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import rendererConfig from '../../../../vite.renderer.config.js';

export default mergeConfig(rendererConfig, {
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../../../dist/renderer/e2e-chat', import.meta.url)),
    sourcemap: false,
  },
});
