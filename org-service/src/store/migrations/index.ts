import type { Migration } from 'kysely/migration';
import { tokens } from './0001-tokens.js';
import { people } from './0002-people.js';
import { liveMigration } from '../../live/live-store.js';
import { presenceMigration } from '../../presence/presence-store.js';

/**
 * Every schema change, in order; Kysely's Migrator applies the ones a database has not had yet
 * (it records them in kysely_migration) and runs each in its own transaction. Append only: never
 * edit or reorder a migration that has shipped. To add one: write `000N-<what>.ts` here (or beside
 * its capability) exporting a `Migration`, add it below with the next number, and add its tables
 * to src/store/schema.ts. Keep the SQL portable (Kysely's schema builder) so PostgreSQL can
 * follow; SQLite-only statements belong in migrations only, and only with a comment.
 */
export const migrations: Record<string, Migration> = {
  '0001_tokens': tokens,
  '0002_people': people,
  '0003_live': liveMigration,
  '0004_presence': presenceMigration,
};
