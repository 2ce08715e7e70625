import { describe, expect, it } from 'vitest';
import { generateApiKey, parseApiKey, sha256 } from '../src/auth/api-keys.js';
import { ApiKeyStore } from '../src/store/api-key-store.js';
import { openDatabase } from '../src/store/database.js';

describe('API keys', () => {
  it('are high-entropy, carry a key id, and are stored only as a SHA-256 of the secret', () => {
    const db = openDatabase(':memory:');
    const store = new ApiKeyStore(db);
    const { key, keyId } = store.create('alice');
    const parsed = parseApiKey(key)!;
    expect(parsed.keyId).toBe(keyId);
    expect(Buffer.from(parsed.secret, 'base64url')).toHaveLength(32);
    const row = db.prepare('SELECT * FROM api_keys').get() as Record<string, string>;
    expect(JSON.stringify(row)).not.toContain(parsed.secret);
    expect(row.secret_sha256).toBe(sha256(parsed.secret));
    expect(store.verify(key)).toBe('alice');
    expect(store.list()[0]).toMatchObject({ keyId, user: 'alice', revokedAt: null });
    expect(store.list()[0]!.lastUsedAt).not.toBeNull();
    db.close();
  });

  it('refuses a key with a wrong secret, an unknown id or a bad shape, and a revoked key', () => {
    const db = openDatabase(':memory:');
    const store = new ApiKeyStore(db);
    const { key, keyId } = store.create('bob');
    const other = generateApiKey().key;
    const wrongSecret = `acsk_${keyId}_${other.split('_')[2]}`;
    for (const bad of [wrongSecret, other, `${key}x`, key.toUpperCase(), '', 'acsk__']) expect(store.verify(bad)).toBeUndefined();
    expect(store.revoke(key)).toBe(true);
    expect(store.verify(key)).toBeUndefined();
    expect(store.revoke(keyId)).toBe(false);
    db.close();
  });

  it('gives every key a different id and secret', () => {
    const keys = Array.from({ length: 50 }, () => generateApiKey());
    expect(new Set(keys.map((k) => k.keyId)).size).toBe(50);
    expect(new Set(keys.map((k) => k.key)).size).toBe(50);
  });
});
