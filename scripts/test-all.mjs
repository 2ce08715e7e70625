// The whole test suite, from a fresh clone: install, build, type-check, unit + component +
// integration + end-to-end tests. Prints a closing "N passed, N failed" line.
import { existsSync, readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { ensureDependencies, run } from './setup.mjs';

process.env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1';
ensureDependencies({ skipElectronDownload: true });

const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
if (!chromium) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let hasApt = false;
  try {
    execSync('command -v apt-get', { stdio: 'ignore' });
    hasApt = true;
  } catch {}
  if (isRoot && hasApt) {
    run('apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core', { DEBIAN_FRONTEND: 'noninteractive' });
  } else {
    console.error('The end-to-end tests need Chromium: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.');
    process.exit(1);
  }
}

run('npm run build');
run('npm run typecheck');

let failedRun = false;
try {
  run('npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json');
} catch {
  failedRun = true;
}

if (existsSync('test-results/vitest.json')) {
  const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  const skipped = report.numPendingTests + report.numTodoTests;
  console.log(`\ntests: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
  if (report.numTotalTests === 0) failedRun = true;
} else {
  failedRun = true;
}
process.exit(failedRun ? 1 : 0);
