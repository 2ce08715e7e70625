/**
 * The token service's command line:
 *   serve                      start the HTTP service (configuration from the environment)
 *   create-api-key <user>      make a development API key for <user>; it is printed once
 *   revoke-api-key <key id>    stop a key working (the key id, or the whole key)
 *   list-api-keys              key ids, users, dates; never the keys
 * Admin commands need only TOKEN_SERVICE_DB, not the ACS connection string.
 */
import { ConnectionStringError } from './acs/connection-string.js';
import { ConfigError, databasePathFrom, loadConfig } from './config.js';
import { stderrLogger } from './logger.js';
import { startService } from './server.js';
import { ApiKeyStore } from './store/api-key-store.js';
import { openDatabase } from './store/database.js';

const usage = `Usage: org-service <command>
  serve                     start the service (see org-service/README.md for its environment)
  create-api-key <user>     create a development API key for <user> (printed once)
  revoke-api-key <key id>   revoke a key (its id, as shown by list-api-keys, or the key itself)
  list-api-keys             list keys (ids, users, dates — never the keys)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function withKeyStore<T>(action: (store: ApiKeyStore, path: string) => T): T {
  const path = databasePathFrom(process.env);
  const db = openDatabase(path);
  try {
    return action(new ApiKeyStore(db), path);
  } finally {
    db.close();
  }
}

async function serve(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const log = stderrLogger(config.logLevel);
  let service;
  try {
    service = await startService(config, log);
  } catch (error) {
    if (error instanceof ConnectionStringError) fail(`Cannot start: ${error.message}`);
    // listen errors (EADDRINUSE…) carry no secrets, but keep to the code for consistency.
    log.error('could not start', { errorCode: String((error as { code?: unknown }).code ?? (error as Error).name) });
    process.exit(1);
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log.info('token service stopping');
    await service.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  switch (command) {
    case 'serve':
      return serve();
    case 'create-api-key': {
      const user = args[0];
      if (!user || args.length > 1) fail('Usage: create-api-key <user>');
      try {
        const { key, keyId } = withKeyStore((store) => store.create(user));
        process.stderr.write(`API key ${keyId} created for ${user}. It is shown only now; store it like a password:\n`);
        process.stdout.write(`${key}\n`);
      } catch (error) {
        fail((error as Error).message);
      }
      return;
    }
    case 'revoke-api-key': {
      const keyId = args[0];
      if (!keyId || args.length > 1) fail('Usage: revoke-api-key <key id>');
      const revoked = withKeyStore((store) => store.revoke(keyId));
      if (!revoked) fail('No active API key with that id.');
      process.stdout.write('API key revoked. Tokens already issued with it stay valid until they expire.\n');
      return;
    }
    case 'list-api-keys': {
      const keys = withKeyStore((store) => store.list());
      if (keys.length === 0) process.stdout.write('No API keys. Create one with: create-api-key <user>\n');
      for (const key of keys) {
        const state = key.revokedAt ? `revoked ${key.revokedAt}` : 'active';
        process.stdout.write(`${key.keyId}\t${key.user}\tcreated ${key.createdAt}\t${state}\tlast used ${key.lastUsedAt ?? 'never'}\n`);
      }
      return;
    }
    default:
      fail(usage);
  }
}

await main(process.argv.slice(2));
