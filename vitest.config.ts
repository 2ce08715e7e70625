import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  test: {
    globalSetup: ['test/temp-root.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'org-service/test/**/*.test.ts'],
          exclude: ['test/unit/renderer/**'],
          testTimeout: 20_000,
        },
      },
      {
        plugins: [svelte()],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['test/unit/renderer/**/*.test.ts'],
          setupFiles: ['test/unit/renderer/setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          // One browser at a time: CI has two cores.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // A page driven through the harness on a busy two-core machine can take longer than
          // poll's default second to get there; a poll ends as soon as it holds, so the longer
          // limit costs time only when a test fails anyway.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
