import { parseArgs } from 'node:util';
import { databasePathFrom } from './config.js';
import { openStore, type Store } from './store/database.js';

/** One admin command: `usage` is printed by `org-service` without arguments. */
export interface Command {
  usage: string;
  run(args: string[]): Promise<void>;
}

/** A problem the admin can fix: printed as is, exit code 1. */
export class CommandError extends Error {
  override name = 'CommandError';
}

/** Positionals and `--name value` options (node:util parseArgs); anything else is a usage error. */
export function parseCommandLine<const Names extends string>(args: string[], usage: string, optionNames: readonly Names[], positionals: number) {
  try {
    const parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(optionNames.map((name) => [name, { type: 'string' as const }])),
    });
    if (parsed.positionals.length !== positionals) throw new CommandError(`Usage: ${usage}`);
    return { positionals: parsed.positionals, options: parsed.values as Partial<Record<Names, string>> };
  } catch (error) {
    throw error instanceof CommandError ? error : new CommandError(`Usage: ${usage}`);
  }
}

/** Opens the database named by TOKEN_SERVICE_DB (the service's own), runs `action`, closes it. */
export async function withStore<T>(action: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(databasePathFrom(process.env));
  try {
    return await action(store);
  } finally {
    await store.close();
  }
}

export const print = (line: string) => process.stdout.write(`${line}\n`);
export const note = (line: string) => process.stderr.write(`${line}\n`);
