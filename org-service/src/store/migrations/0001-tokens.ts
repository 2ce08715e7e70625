import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The schema of the first release (API keys and the identity mapping), made with IF NOT EXISTS so
 * that a database created by that release (which counted migrations in PRAGMA user_version) is
 * adopted as it is, rows and all. Then API keys get the organisation they sign people in to.
 */
export const tokens: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('identity_mappings')
      .ifNotExists()
      .addColumn('issuer', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('communication_user_id', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('identity_mappings_pk', ['issuer', 'subject'])
      .execute();
    await db.schema
      .createTable('api_keys')
      .ifNotExists()
      .addColumn('key_id', 'text', (c) => c.primaryKey())
      .addColumn('user_name', 'text', (c) => c.notNull())
      .addColumn('secret_sha256', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('last_used_at', 'text')
      .execute();
    await db.schema.alterTable('api_keys').addColumn('org', 'text', (c) => c.notNull().defaultTo(sql`'default'`)).execute();
  },
};
