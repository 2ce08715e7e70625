import { describe, expect, it } from 'vitest';
import { scrub } from '../src/logger.js';
import { memoryLogger } from './fixtures/memory-logger.js';

describe('token service logger', () => {
  it('drops fields whose names suggest secrets', () => {
    const log = memoryLogger();
    log.info('x', { accessToken: 'a', apiKey: 'b', connectionString: 'c', authorization: 'd', route: '/token', status: 200 });
    expect(log.lines[0]).toMatchObject({ accessToken: '[redacted]', apiKey: '[redacted]', connectionString: '[redacted]', authorization: '[redacted]', route: '/token', status: 200 });
    log.info('y', { refresh_token: 'e', 'x-api-key': 'f', requestBody: 'g', clientSecret: 'h', acs_access_key: 'i' });
    expect(log.lines[1]).toMatchObject({ refresh_token: '[redacted]', 'x-api-key': '[redacted]', requestBody: '[redacted]', clientSecret: '[redacted]', acs_access_key: '[redacted]' });
  });

  it('masks any field whose name mentions a secret word, wherever the word sits in the name', () => {
    const log = memoryLogger();
    log.info('x', { tokenValue: 'a', secretValue: 'b', apiKeyRaw: 'c', passwordHash: 'd', tokenLifetimeMinutes: 480, keyId: '0123456789abcdef', tokenCount: 3, headerDump: 'e' });
    expect(log.lines[0]).toMatchObject({ tokenValue: '[redacted]', secretValue: '[redacted]', apiKeyRaw: '[redacted]', passwordHash: '[redacted]', tokenLifetimeMinutes: '[redacted]', keyId: '[redacted]', tokenCount: '[redacted]', headerDump: '[redacted]' });
  });

  it('keeps fields named for what they hold', () => {
    const log = memoryLogger();
    log.info('token service listening', { lifetimeMinutes: 480, signIn: 'oidc+api-keys', acsEndpoint: 'https://x.communication.azure.com/', requestId: 'r1', errorCode: 'E1' });
    expect(log.lines[0]).toMatchObject({ lifetimeMinutes: 480, signIn: 'oidc+api-keys', acsEndpoint: 'https://x.communication.azure.com/', requestId: 'r1', errorCode: 'E1' });
  });

  it('masks secret-looking values wherever they appear, including the message', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln';
    const key = 'acsk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const log = memoryLogger();
    log.warn(`failed with ${jwt}`, { detail: `endpoint=https://x/;accesskey=c2VjcmV0 and ${key}`, header: 'HMAC-SHA256 SignedHeaders=x&Signature=abc' });
    const text = log.text();
    for (const secret of [jwt, key, 'c2VjcmV0', 'Signature=abc']) expect(text).not.toContain(secret);
    expect(scrub('plain words')).toBe('plain words');
  });

  it('does not let a field overwrite the level, time or message', () => {
    const log = memoryLogger();
    log.error('real', { level: 'debug', message: 'fake' });
    expect(log.lines[0]).toMatchObject({ level: 'error', message: 'real' });
  });
});
