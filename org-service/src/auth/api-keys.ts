import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Development API keys look like `acsk_<key id>_<secret>`. The key id is the database key and can
 * be shown and logged; the secret is 256 random bits, shown once and stored only as its SHA-256.
 * A fast hash is right here: with that much entropy there is nothing to brute-force, unlike a
 * password, so a slow KDF would only slow every request.
 */
const prefix = 'acsk';
const keyPattern = /^acsk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface ParsedApiKey {
  keyId: string;
  secret: string;
}

export function generateApiKey(): { key: string; keyId: string; secretSha256: string } {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { key: `${prefix}_${keyId}_${secret}`, keyId, secretSha256: sha256(secret) };
}

export function parseApiKey(key: string): ParsedApiKey | undefined {
  const match = keyPattern.exec(key);
  return match ? { keyId: match[1]!, secret: match[2]! } : undefined;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatches(secret: string, storedSha256: string): boolean {
  const presented = Buffer.from(sha256(secret), 'hex');
  const stored = Buffer.from(storedSha256, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
