import { generateApiKey, parseApiKey, secretMatches } from './api-keys.js';
import type { Store } from '../store/database.js';

export interface ApiKeysTable {
  key_id: string;
  user_name: string;
  /** The organisation the key's user belongs to (`create-api-key <user> --org <org>`). */
  org: string;
  secret_sha256: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface ApiKeyRecord {
  keyId: string;
  user: string;
  org: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export const defaultOrg = 'default';

const userNamePattern = /^[\p{L}\p{N}._@+-]{1,128}$/u;
/** An organisation is a short name or an issuer URL. */
const orgPattern = /^[\p{L}\p{N}._:/@+-]{1,256}$/u;

export class ApiKeyError extends Error {
  override name = 'ApiKeyError';
}

export class ApiKeyStore {
  constructor(private readonly store: Store) {}

  /** Returns the full key; it is never stored, so this is the only time anyone sees it. */
  async create(user: string, org: string = defaultOrg): Promise<{ key: string; keyId: string }> {
    if (!userNamePattern.test(user)) {
      throw new ApiKeyError('A user name is 1–128 letters, digits or . _ @ + - (e.g. an email address).');
    }
    if (!orgPattern.test(org)) throw new ApiKeyError('An organisation is 1–256 letters, digits or . _ : / @ + - (e.g. "contoso").');
    const { key, keyId, secretSha256 } = generateApiKey();
    await this.store.db
      .insertInto('api_keys')
      .values({ key_id: keyId, user_name: user, org, secret_sha256: secretSha256, created_at: new Date().toISOString(), revoked_at: null, last_used_at: null })
      .execute();
    return { key, keyId };
  }

  /** The user a key belongs to and their organisation, or undefined for a malformed, unknown or revoked key. */
  async verify(key: string): Promise<{ user: string; org: string } | undefined> {
    const parsed = parseApiKey(key);
    if (!parsed) return undefined;
    const row = await this.store.db.selectFrom('api_keys').selectAll().where('key_id', '=', parsed.keyId).executeTakeFirst();
    if (!row || row.revoked_at !== null || !secretMatches(parsed.secret, row.secret_sha256)) return undefined;
    await this.store.db.updateTable('api_keys').set({ last_used_at: new Date().toISOString() }).where('key_id', '=', parsed.keyId).execute();
    return { user: row.user_name, org: row.org };
  }

  /** Accepts the key id or the whole key. Returns false if there was no such active key. */
  async revoke(keyIdOrKey: string): Promise<boolean> {
    const keyId = parseApiKey(keyIdOrKey)?.keyId ?? keyIdOrKey;
    const result = await this.store.db
      .updateTable('api_keys')
      .set({ revoked_at: new Date().toISOString() })
      .where('key_id', '=', keyId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async list(): Promise<ApiKeyRecord[]> {
    const rows = await this.store.db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('key_id').execute();
    return rows.map((row) => ({ keyId: row.key_id, user: row.user_name, org: row.org, createdAt: row.created_at, revokedAt: row.revoked_at, lastUsedAt: row.last_used_at }));
  }
}
