import { describe, expect, it } from 'vitest';
import { ApiKeyStore } from '../src/auth/api-key-store.js';
import { generateApiKey, parseApiKey, sha256 } from '../src/auth/api-keys.js';
import { openStore } from '../src/store/database.js';

describe('API keys', () => {
  it('are high-entropy, carry a key id, and are stored only as a SHA-256 of the secret', async () => {
    const store = await openStore(':memory:');
    const keys = new ApiKeyStore(store);
    const { key, keyId } = await keys.create('alice');
    const parsed = parseApiKey(key)!;
    expect(parsed.keyId).toBe(keyId);
    expect(Buffer.from(parsed.secret, 'base64url')).toHaveLength(32);
    const row = await store.db.selectFrom('api_keys').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(parsed.secret);
    expect(row.secret_sha256).toBe(sha256(parsed.secret));
    expect(await keys.verify(key)).toEqual({ user: 'alice', org: 'default' });
    const [listed] = await keys.list();
    expect(listed).toMatchObject({ keyId, user: 'alice', org: 'default', revokedAt: null });
    expect(listed!.lastUsedAt).not.toBeNull();
    await store.close();
  });

  it('carry the organisation they were made for', async () => {
    const store = await openStore(':memory:');
    const keys = new ApiKeyStore(store);
    const { key } = await keys.create('bo@fabrikam.test', 'fabrikam');
    expect(await keys.verify(key)).toEqual({ user: 'bo@fabrikam.test', org: 'fabrikam' });
    await expect(keys.create('bo', 'two words')).rejects.toThrow(/organisation/);
    await store.close();
  });

  it('refuses a key with a wrong secret, an unknown id or a bad shape, and a revoked key', async () => {
    const store = await openStore(':memory:');
    const keys = new ApiKeyStore(store);
    const { key, keyId } = await keys.create('bob');
    const other = generateApiKey().key;
    const wrongSecret = `acsk_${keyId}_${other.split('_')[2]}`;
    for (const bad of [wrongSecret, other, `${key}x`, key.toUpperCase(), '', 'acsk__']) expect(await keys.verify(bad)).toBeUndefined();
    expect(await keys.revoke(key)).toBe(true);
    expect(await keys.verify(key)).toBeUndefined();
    expect(await keys.revoke(keyId)).toBe(false);
    await store.close();
  });

  it('gives every key a different id and secret', () => {
    const keys = Array.from({ length: 50 }, () => generateApiKey());
    expect(new Set(keys.map((k) => k.keyId)).size).toBe(50);
    expect(new Set(keys.map((k) => k.key)).size).toBe(50);
  });
});
