// Benchmarks that print figures (never asserted in tests). Builds the renderer if needed.
import { existsSync } from 'node:fs';
import { run } from './setup.mjs';

if (!existsSync('dist/renderer/index.html')) run('npm run build:renderer');
run('npx tsx scripts/bench-shell.ts');
run('npx tsx scripts/bench-chat.ts');
run('npx tsx scripts/bench-presence.ts');
run('npx tsx org-service/scripts/bench-live.ts');
run('npx tsx org-service/scripts/bench-directory.ts');
