import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, type Driver } from 'kysely';
import { Migrator, type MigrationResultSet } from 'kysely/migration';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

/**
 * The service's database: Kysely over better-sqlite3. Everything above this file speaks Kysely's
 * portable query builder, so a PostgreSQL dialect can be added here (a `PostgresDialect` and the
 * same migrations) without a second copy of any query. SQLite-specific settings live only here and
 * in the migrations.
 */
export interface Store {
  readonly db: Kysely<Database>;
  /** False once closed (for /healthz). */
  isOpen(): boolean;
  close(): Promise<void>;
}

/**
 * Kysely's SQLite driver starts transactions with a plain (deferred) BEGIN. Two processes share
 * this file (the service and the admin CLI); a deferred transaction that reads, then writes, can
 * fail with SQLITE_BUSY_SNAPSHOT when the other process wrote in between, and busy_timeout does
 * not help then. BEGIN IMMEDIATE takes the write lock up front (waiting out the other writer), so
 * every transaction here runs one writer at a time. Single statements outside a transaction take
 * the write lock when they start and are safe already.
 */
class OneWriterSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Opens (creating if needed) the database at `path` (or ':memory:') and brings its schema up to date. */
export async function openStore(path: string): Promise<Store> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  // WAL lets the admin CLI write while the service reads; busy_timeout waits out the other's lock.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new OneWriterSqliteDialect({ database: sqlite }) });
  try {
    reportMigrationFailure(await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest());
  } catch (error) {
    await db.destroy();
    throw error;
  }
  let open = true;
  return {
    db,
    isOpen: () => open && sqlite.open,
    close: async () => {
      if (!open) return;
      open = false;
      await db.destroy();
    },
  };
}

function reportMigrationFailure({ error, results }: MigrationResultSet): void {
  if (!error) return;
  const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
  throw new MigrationError(`Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
