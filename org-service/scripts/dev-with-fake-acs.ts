/**
 * Development without an Azure subscription: starts the test suite's fake ACS identity endpoint
 * and the real token service in front of it, and prints an API key to sign the desktop app in.
 * Tokens are well-formed ACS-style JWTs, so sign-in and the token state work end to end; real
 * calls and chat need a real ACS resource (`npm run org-service` with ACS_CONNECTION_STRING).
 *
 *   npm run org-service:fake-acs          (PORT defaults to 8787, user to "developer")
 */
import { startFakeAcsIdentity } from '../test/fixtures/fake-acs-identity/index.js';
import { startTokenServiceProcess } from '../test/fixtures/token-service-process.js';

const user = process.argv[2] ?? 'developer';
const acs = await startFakeAcsIdentity();
const service = await startTokenServiceProcess({ acs, env: { PORT: process.env.PORT ?? '8787' } });
const key = service.createApiKey(user);

process.stdout.write(
  [
    '',
    'Token service (in front of a FAKE ACS, for development only)',
    `  URL:      ${service.url}`,
    `  API key:  ${key}   (user "${user}")`,
    '  Sign the desktop app in with these; press Ctrl+C to stop.',
    '',
  ].join('\n'),
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await service.stop();
  await acs.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
