import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * Schema migrations, applied in order; PRAGMA user_version records how many ran. Append only.
 * The primary key on (issuer, subject) is what finally guarantees one ACS identity per user, even
 * when two service processes share this file.
 */
const migrations: string[] = [
  `CREATE TABLE identity_mappings (
     issuer TEXT NOT NULL,
     subject TEXT NOT NULL,
     communication_user_id TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL,
     PRIMARY KEY (issuer, subject)
   ) STRICT;
   CREATE TABLE api_keys (
     key_id TEXT PRIMARY KEY,
     user_name TEXT NOT NULL,
     secret_sha256 TEXT NOT NULL,
     created_at TEXT NOT NULL,
     revoked_at TEXT,
     last_used_at TEXT
   ) STRICT;`,
];

export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // WAL lets the admin CLI write API keys while the service reads; busy_timeout waits out the other's lock.
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const apply = db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    for (let index = version; index < migrations.length; index += 1) {
      db.exec(migrations[index]!);
    }
    db.pragma(`user_version = ${migrations.length}`);
  });
  // IMMEDIATE: two processes starting together must not both run a migration.
  apply.immediate();
}
