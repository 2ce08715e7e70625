// `npm start`: installs what is missing (including the Electron binary, on first run), builds,
// and opens the app.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { ensureDependencies, run } from './setup.mjs';

ensureDependencies({ skipElectronDownload: false });
run('npm run build');

const electron = createRequire(import.meta.url)('electron'); // the binary's path; downloads it if missing
const child = spawn(electron, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
