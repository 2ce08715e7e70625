import { generateApiKey, parseApiKey, secretMatches } from '../auth/api-keys.js';
import type { Db } from './database.js';

export interface ApiKeyRecord {
  keyId: string;
  user: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

type Row = { key_id: string; user_name: string; secret_sha256: string; created_at: string; revoked_at: string | null; last_used_at: string | null };

const userNamePattern = /^[\p{L}\p{N}._@+-]{1,128}$/u;

export class ApiKeyStore {
  constructor(private readonly db: Db) {}

  /** Returns the full key; it is never stored, so this is the only time anyone sees it. */
  create(user: string): { key: string; keyId: string } {
    if (!userNamePattern.test(user)) {
      throw new Error('A user name is 1–128 letters, digits or . _ @ + - (e.g. an email address).');
    }
    const { key, keyId, secretSha256 } = generateApiKey();
    this.db
      .prepare('INSERT INTO api_keys (key_id, user_name, secret_sha256, created_at) VALUES (?, ?, ?, ?)')
      .run(keyId, user, secretSha256, new Date().toISOString());
    return { key, keyId };
  }

  /** The user a key belongs to, or undefined for a malformed, unknown or revoked key. */
  verify(key: string): string | undefined {
    const parsed = parseApiKey(key);
    if (!parsed) return undefined;
    const row = this.db.prepare<[string], Row>('SELECT * FROM api_keys WHERE key_id = ?').get(parsed.keyId);
    if (!row || row.revoked_at !== null || !secretMatches(parsed.secret, row.secret_sha256)) return undefined;
    this.db.prepare('UPDATE api_keys SET last_used_at = ? WHERE key_id = ?').run(new Date().toISOString(), parsed.keyId);
    return row.user_name;
  }

  /** Accepts the key id or the whole key. Returns false if there was no such active key. */
  revoke(keyIdOrKey: string): boolean {
    const keyId = parseApiKey(keyIdOrKey)?.keyId ?? keyIdOrKey;
    const result = this.db
      .prepare('UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL')
      .run(new Date().toISOString(), keyId);
    return result.changes === 1;
  }

  list(): ApiKeyRecord[] {
    return this.db
      .prepare<[], Row>('SELECT * FROM api_keys ORDER BY created_at, key_id')
      .all()
      .map((row) => ({ keyId: row.key_id, user: row.user_name, createdAt: row.created_at, revokedAt: row.revoked_at, lastUsedAt: row.last_used_at }));
  }
}
