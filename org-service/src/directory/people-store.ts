import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import { apiKeyIssuer, type OrgUser } from '../auth/org-user.js';
import type { Store } from '../store/database.js';
import type { Database } from '../store/schema.js';
import { fold, prefixUpperBound, queryWords, searchTermsFor } from './search-terms.js';

export const personKinds = ['person', 'bot', 'sharedLine'] as const;
export type PersonKind = (typeof personKinds)[number];

export interface PeopleTable {
  /** `p_` + 22 url-safe random characters; made by the service, stable, shown to clients. */
  id: string;
  org: string;
  kind: PersonKind;
  display_name: string;
  email: string | null;
  /** email lower-cased: the key an import and a sign-in are matched by (UNIQUE with org). */
  email_key: string | null;
  /** display_name folded (search-terms.ts): the order of search results. */
  search_name: string;
  /** The sign-in that is this person (UNIQUE together); null until an imported person first signs in. */
  issuer: string | null;
  subject: string | null;
  /** Their one ACS identity (UNIQUE); null until /token or an import provisions it. */
  communication_user_id: string | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One row per word of a person's folded name and their folded e-mail; see search-terms.ts. */
export interface PeopleSearchTermsTable {
  person_id: string;
  /** Copied from people.org so that a search is one index range per organisation. */
  org: string;
  term: string;
}

/** A person as routes see them: `request.person` is one (never disabled there). */
export interface Person {
  id: string;
  org: string;
  kind: PersonKind;
  displayName: string;
  email: string | null;
  communicationUserId: string | null;
}

/** A person with what only admins and the guard need. */
export interface PersonRecord extends Person {
  disabledAt: string | null;
}

/** Where the previous page of a search ended: keyset paging on (search_name, id). */
export interface SearchPosition {
  searchName: string;
  id: string;
}

export interface SearchPage {
  people: PersonRecord[];
  next: SearchPosition | null;
}

type PeopleRow = PeopleTable;
type Db = Store['db'] | Transaction<Database>;

const newPersonId = () => `p_${randomBytes(16).toString('base64url')}`;

function toRecord(row: PeopleRow): PersonRecord {
  return {
    id: row.id,
    org: row.org,
    kind: row.kind,
    displayName: row.display_name,
    email: row.email,
    communicationUserId: row.communication_user_id,
    disabledAt: row.disabled_at,
  };
}

/** The words a search needs at most; a q of 100 characters cannot sensibly have more. */
const maxQueryWords = 8;

export class PeopleStore {
  private readonly changeListeners = new Set<(personId: string) => void>();

  constructor(private readonly store: Store) {}

  /**
   * Hears of a name or e-mail this process changed (a sign-in carrying a new one), so the live
   * channel can tell whoever has the person on screen. Changes the admin CLI makes in its own
   * process are not heard; desktops' name caches expire on their own.
   */
  onPersonChanged(listener: (personId: string) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private get db() {
    return this.store.db;
  }

  async findById(id: string): Promise<PersonRecord | undefined> {
    const row = await this.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  /** Everyone with this e-mail (case-insensitive), in one org or in all of them. */
  async findByEmail(email: string, org?: string): Promise<PersonRecord[]> {
    let query = this.db.selectFrom('people').selectAll().where('email_key', '=', email.toLowerCase());
    if (org !== undefined) query = query.where('org', '=', org);
    return (await query.orderBy('org').execute()).map(toRecord);
  }

  async findBySignIn(user: Pick<OrgUser, 'issuer' | 'subject'>): Promise<PersonRecord | undefined> {
    const row = await this.db.selectFrom('people').selectAll().where('issuer', '=', user.issuer).where('subject', '=', user.subject).executeTakeFirst();
    return row && toRecord(row);
  }

  /**
   * The person a sign-in is, found by (issuer, subject); else a person imported with their
   * e-mail in their org and not yet signed in, now linked; else a new person. Later sign-ins
   * update the e-mail, and the name when the sign-in carries a real one (an API key's user name
   * does not replace an imported name). Safe with two processes: the UNIQUE constraints decide
   * and every loser re-reads the winner's row.
   */
  async resolveSignIn(user: OrgUser): Promise<PersonRecord> {
    const found = await this.findBySignIn(user);
    if (found) return this.refreshFromSignIn(found, user);
    if (user.email) {
      const linked = await this.db
        .updateTable('people')
        .set({ issuer: user.issuer, subject: user.subject, updated_at: new Date().toISOString() })
        .where('org', '=', user.org)
        .where('email_key', '=', user.email.toLowerCase())
        .where('issuer', 'is', null)
        .executeTakeFirst();
      if (linked.numUpdatedRows === 1n) {
        const person = await this.findBySignIn(user);
        if (person) return this.refreshFromSignIn(person, user);
      }
    }
    const displayName = user.displayName ?? '';
    // Another person of the org may hold the e-mail already; then this one is created without it.
    for (const email of user.email ? [user.email, null] : [null]) {
      await this.insertPerson({ org: user.org, kind: 'person', displayName, email, issuer: user.issuer, subject: user.subject });
      const person = await this.findBySignIn(user);
      if (person) return person;
    }
    throw new Error('a signed-in person could be neither found nor created');
  }

  private async refreshFromSignIn(person: PersonRecord, user: OrgUser): Promise<PersonRecord> {
    const nameFromSignIn = user.issuer !== apiKeyIssuer && user.displayName ? user.displayName : undefined;
    const displayName = nameFromSignIn ?? person.displayName;
    const email = user.email ?? person.email;
    if (displayName === person.displayName && email === person.email) return person;
    await this.updateNameAndEmail(person.id, displayName, email);
    for (const listener of this.changeListeners) listener(person.id);
    return (await this.findById(person.id)) ?? person;
  }

  /** Inserts a person and their search terms unless a UNIQUE constraint says they exist. Returns the id, or undefined. */
  private async insertPerson(
    fields: { org: string; kind: PersonKind; displayName: string; email: string | null; issuer: string | null; subject: string | null },
    db: Db = this.db,
  ): Promise<string | undefined> {
    const write = async (trx: Transaction<Database>) => {
      const id = newPersonId();
      const now = new Date().toISOString();
      const result = await trx
        .insertInto('people')
        .values({
          id,
          org: fields.org,
          kind: fields.kind,
          display_name: fields.displayName,
          email: fields.email,
          email_key: fields.email?.toLowerCase() ?? null,
          search_name: fold(fields.displayName),
          issuer: fields.issuer,
          subject: fields.subject,
          communication_user_id: null,
          disabled_at: null,
          created_at: now,
          updated_at: now,
        })
        // No conflict target: whichever UNIQUE constraint a concurrent writer got to first.
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirst();
      if (result.numInsertedOrUpdatedRows !== 1n) return undefined;
      await this.writeTerms(trx, id, fields.org, fields.displayName, fields.email);
      return id;
    };
    return db.isTransaction ? write(db as Transaction<Database>) : this.db.transaction().execute(write);
  }

  private async writeTerms(trx: Transaction<Database>, personId: string, org: string, displayName: string, email: string | null): Promise<void> {
    await trx.deleteFrom('people_search_terms').where('person_id', '=', personId).execute();
    const terms = searchTermsFor(displayName, email);
    if (terms.length > 0) await trx.insertInto('people_search_terms').values(terms.map((term) => ({ person_id: personId, org, term }))).execute();
  }

  /** Keeps the old e-mail when another person of the org already has the new one. */
  private async updateNameAndEmail(id: string, displayName: string, email: string | null, db: Db = this.db): Promise<void> {
    const write = async (trx: Transaction<Database>) => {
      const row = await trx.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return;
      let nextEmail = email;
      if (email && email.toLowerCase() !== row.email_key) {
        const holder = await trx.selectFrom('people').select('id').where('org', '=', row.org).where('email_key', '=', email.toLowerCase()).executeTakeFirst();
        if (holder) nextEmail = row.email;
      }
      await trx
        .updateTable('people')
        .set({ display_name: displayName, search_name: fold(displayName), email: nextEmail, email_key: nextEmail?.toLowerCase() ?? null, updated_at: new Date().toISOString() })
        .where('id', '=', id)
        .execute();
      await this.writeTerms(trx, id, row.org, displayName, nextEmail);
    };
    await (db.isTransaction ? write(db as Transaction<Database>) : this.db.transaction().execute(write));
  }

  async communicationUserIdOf(personId: string): Promise<string | null> {
    const row = await this.db.selectFrom('people').select('communication_user_id').where('id', '=', personId).executeTakeFirst();
    return row?.communication_user_id ?? null;
  }

  /**
   * Stores `candidate` as the person's ACS identity unless they have one, and returns the one
   * stored. One UPDATE … WHERE communication_user_id IS NULL is atomic in SQLite and PostgreSQL,
   * so of two processes racing, exactly one wins; a caller that gets back something other than
   * its candidate lost.
   */
  async claimIdentity(personId: string, candidate: string): Promise<string> {
    await this.db
      .updateTable('people')
      .set({ communication_user_id: candidate, updated_at: new Date().toISOString() })
      .where('id', '=', personId)
      .where('communication_user_id', 'is', null)
      .execute();
    const stored = await this.communicationUserIdOf(personId);
    if (!stored) throw new Error('the person to give an ACS identity does not exist');
    return stored;
  }

  /**
   * One page of an org's enabled people whose terms start with every word of `q`, in
   * (search_name, id) order, after `after`. Each word is an index range on
   * people_search_terms (org, term); paging is keyset, so a page costs the same anywhere.
   */
  async search(org: string, options: { q: string; limit: number; after?: SearchPosition | undefined }): Promise<SearchPage> {
    let query = this.db.selectFrom('people').selectAll().where('org', '=', org).where('disabled_at', 'is', null);
    for (const word of queryWords(options.q).slice(0, maxQueryWords)) {
      query = query.where('id', 'in', (eb) =>
        eb.selectFrom('people_search_terms').select('person_id').where('org', '=', org).where('term', '>=', word).where('term', '<', prefixUpperBound(word)),
      );
    }
    if (options.after) {
      const { searchName, id } = options.after;
      query = query.where((eb) => eb.or([eb('search_name', '>', searchName), eb.and([eb('search_name', '=', searchName), eb('id', '>', id)])]));
    }
    const rows = await query.orderBy('search_name').orderBy('id').limit(options.limit + 1).execute();
    const page = rows.slice(0, options.limit);
    const last = page.at(-1);
    return { people: page.map(toRecord), next: rows.length > options.limit && last ? { searchName: last.search_name, id: last.id } : null };
  }

  /** The org's enabled people with these ACS identities (unknown ones are left out). */
  async lookup(org: string, communicationUserIds: readonly string[]): Promise<PersonRecord[]> {
    if (communicationUserIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('people')
      .selectAll()
      .where('org', '=', org)
      .where('disabled_at', 'is', null)
      .where('communication_user_id', 'in', [...communicationUserIds])
      .execute();
    return rows.map(toRecord);
  }

  /** Returns false when there is no such person. */
  async setDisabled(id: string, disabled: boolean): Promise<boolean> {
    const now = new Date().toISOString();
    const result = await this.db
      .updateTable('people')
      .set({ disabled_at: disabled ? now : null, updated_at: now })
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async list(org?: string): Promise<PersonRecord[]> {
    let query = this.db.selectFrom('people').selectAll();
    if (org !== undefined) query = query.where('org', '=', org);
    return (await query.orderBy('org').orderBy('search_name').orderBy('id').execute()).map(toRecord);
  }

  /**
   * Adds the given people to an org or, for an e-mail already there, updates the name (and
   * nothing else), all in one transaction. Returns how many were created and updated.
   */
  async importPeople(org: string, entries: ReadonlyArray<{ displayName: string; email: string; kind: PersonKind }>): Promise<{ created: number; updated: number }> {
    return this.db.transaction().execute(async (trx) => {
      let created = 0;
      let updated = 0;
      for (const entry of entries) {
        const existing = await trx.selectFrom('people').selectAll().where('org', '=', org).where('email_key', '=', entry.email.toLowerCase()).executeTakeFirst();
        if (!existing) {
          if (!(await this.insertPerson({ org, kind: entry.kind, displayName: entry.displayName, email: entry.email, issuer: null, subject: null }, trx))) {
            throw new Error('an imported person conflicts with an existing one');
          }
          created += 1;
        } else if (existing.display_name !== entry.displayName) {
          await this.updateNameAndEmail(existing.id, entry.displayName, existing.email, trx);
          updated += 1;
        }
      }
      return { created, updated };
    });
  }

  /** The org's people with no ACS identity yet (e.g. just imported). */
  async withoutIdentity(org: string): Promise<PersonRecord[]> {
    const rows = await this.db.selectFrom('people').selectAll().where('org', '=', org).where('communication_user_id', 'is', null).where('disabled_at', 'is', null).orderBy('id').execute();
    return rows.map(toRecord);
  }
}
