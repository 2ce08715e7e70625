import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { looksLikeEmail, fold, searchTermsFor } from '../../directory/search-terms.js';

/** The pseudo-issuer of API-key users, as stored by 0001 (kept here so this migration never changes). */
const apiKeyIssuer = 'urn:acs-softphone:api-key';

/**
 * The directory: one row per person of an organisation, and their search terms. The people table
 * takes over identity_mappings: UNIQUE (issuer, subject) and UNIQUE communication_user_id keep
 * one ACS identity per sign-in, and each mapping becomes a person (API-key users in org
 * `default`, OIDC users in their issuer's org; an OIDC user's name arrives with their next
 * sign-in).
 *
 * PostgreSQL: declare `term` and `search_name` with COLLATE "C" so range and ORDER BY compare
 * bytes, as SQLite's default BINARY collation does.
 */
export const people: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('people')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('email_key', 'text')
      .addColumn('search_name', 'text', (c) => c.notNull())
      .addColumn('issuer', 'text')
      .addColumn('subject', 'text')
      .addColumn('communication_user_id', 'text', (c) => c.unique())
      .addColumn('disabled_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('people_sign_in_unique', ['issuer', 'subject'])
      .addUniqueConstraint('people_org_email_unique', ['org', 'email_key'])
      .execute();
    // Listing and paging an organisation in name order.
    await db.schema.createIndex('people_org_name').on('people').columns(['org', 'search_name', 'id']).execute();

    await db.schema
      .createTable('people_search_terms')
      .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('term', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('people_search_terms_pk', ['person_id', 'term'])
      .execute();
    // The prefix search: a range on term within one organisation, covering person_id.
    await db.schema.createIndex('people_search_terms_org_term').on('people_search_terms').columns(['org', 'term', 'person_id']).execute();

    const mappings = await db.selectFrom('identity_mappings').selectAll().execute();
    for (const row of mappings as Array<{ issuer: string; subject: string; communication_user_id: string; created_at: string }>) {
      const byKey = row.issuer === apiKeyIssuer;
      const displayName = byKey ? row.subject : '';
      const email = byKey && looksLikeEmail(row.subject) ? row.subject : null;
      const id = `p_${randomBytes(16).toString('base64url')}`;
      const org = byKey ? 'default' : row.issuer;
      await db
        .insertInto('people')
        .values({
          id,
          org,
          kind: 'person',
          display_name: displayName,
          email,
          email_key: email?.toLowerCase() ?? null,
          search_name: fold(displayName),
          issuer: row.issuer,
          subject: row.subject,
          communication_user_id: row.communication_user_id,
          disabled_at: null,
          created_at: row.created_at,
          updated_at: row.created_at,
        })
        .execute();
      const terms = searchTermsFor(displayName, email);
      if (terms.length > 0) await db.insertInto('people_search_terms').values(terms.map((term) => ({ person_id: id, org, term }))).execute();
    }
    await db.schema.dropTable('identity_mappings').execute();
  },
};
