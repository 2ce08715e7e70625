// Set-up shared by `npm start` and `npm test`: dependencies installed and current.
// Uses only Node built-ins, so it runs on a fresh clone before anything is installed.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

export function run(command, env = {}) {
  console.log(`\n> ${command}`);
  execSync(command, { stdio: 'inherit', env: { ...process.env, ...env } });
}

/** Installs dependencies when node_modules is missing or older than the lockfile. */
export function ensureDependencies({ skipElectronDownload }) {
  const marker = 'node_modules/.package-lock.json';
  const stale = !existsSync(marker) || statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs;
  if (!stale) return;
  const env = skipElectronDownload ? { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } : {};
  run(existsSync('node_modules') ? 'npm install --no-audit --no-fund' : 'npm ci --no-audit --no-fund', env);
}
