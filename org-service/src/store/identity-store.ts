import type { Db } from './database.js';

/** An organisation user: a subject is unique only within its issuer. */
export interface OrgUser {
  issuer: string;
  subject: string;
  /** How to show the user (not part of their identity; may change between sign-ins). */
  displayName?: string;
}

/** The SQLite table that maps each organisation user to exactly one ACS identity. */
export class IdentityMappingStore {
  private readonly select;
  private readonly insert;
  private readonly claimTransaction;

  constructor(db: Db) {
    this.select = db.prepare<[string, string], { communication_user_id: string }>(
      'SELECT communication_user_id FROM identity_mappings WHERE issuer = ? AND subject = ?',
    );
    this.insert = db.prepare<[string, string, string, string]>(
      `INSERT INTO identity_mappings (issuer, subject, communication_user_id, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (issuer, subject) DO NOTHING`,
    );
    this.claimTransaction = db.transaction((user: OrgUser, candidate: string): string => {
      this.insert.run(user.issuer, user.subject, candidate, new Date().toISOString());
      return this.select.get(user.issuer, user.subject)!.communication_user_id;
    });
  }

  find(user: OrgUser): string | undefined {
    return this.select.get(user.issuer, user.subject)?.communication_user_id;
  }

  /**
   * Stores `candidate` as the user's identity unless one is already stored, and returns the one
   * that is stored. A caller that gets back something other than its candidate lost a race.
   */
  claim(user: OrgUser, candidate: string): string {
    return this.claimTransaction.immediate(user, candidate);
  }
}
