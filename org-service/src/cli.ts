/**
 * The token service's command line: `serve` starts the HTTP service (configuration from the
 * environment, org-service/README.md); the admin commands live beside their capability
 * (auth/api-key-commands.ts, directory/people-commands.ts) and work on TOKEN_SERVICE_DB.
 */
import { ConnectionStringError } from './acs/connection-string.js';
import { apiKeyCommands } from './auth/api-key-commands.js';
import { CommandError, type Command } from './cli-support.js';
import { ConfigError, loadConfig } from './config.js';
import { peopleCommands } from './directory/people-commands.js';
import { stderrLogger } from './logger.js';
import { startService } from './server.js';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
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

const commands: Record<string, Command> = {
  serve: { usage: 'serve                     start the service (see org-service/README.md for its environment)', run: serve },
  ...apiKeyCommands,
  ...peopleCommands,
};

const usage = `Usage: org-service <command>\n${Object.values(commands)
  .map((command) => `  ${command.usage}`)
  .join('\n')}`;

const [name, ...args] = process.argv.slice(2);
const command = name !== undefined && Object.hasOwn(commands, name) ? commands[name] : undefined;
if (!command) fail(usage);
try {
  await command.run(args);
} catch (error) {
  if (error instanceof CommandError || error instanceof ConnectionStringError || error instanceof ConfigError) fail(error.message);
  throw error;
}
