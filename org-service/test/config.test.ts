import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAcsConnectionString, readAcsConnection } from '../src/acs/connection-string.js';
import { ConfigError, loadConfig, packageDirectory } from '../src/config.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('loadConfig', () => {
  it('has safe defaults: loopback, API keys on without OIDC, an 8-hour token, the database in org-service/data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8787, tokenLifetimeMinutes: 480, apiKeysEnabled: true, trustProxy: false });
    expect(config.oidc).toBeUndefined();
    expect(config.databasePath).toBe(resolve(packageDirectory, 'data', 'org-service.sqlite'));
  });

  it('turns API keys off by default once an issuer is configured, unless asked for', () => {
    const oidc = { OIDC_ISSUER: 'https://login.microsoftonline.com/t/v2.0', OIDC_AUDIENCE: 'api://x' };
    expect(loadConfig(oidc).apiKeysEnabled).toBe(false);
    expect(loadConfig({ ...oidc, API_KEYS_ENABLED: 'true' }).apiKeysEnabled).toBe(true);
    expect(loadConfig(oidc).oidc).toEqual({ issuer: oidc.OIDC_ISSUER, audience: ['api://x'], userClaims: ['oid', 'sub'], clockToleranceSeconds: 60 });
  });

  it('enforces ACS\'s 60–1440 minute token lifetime', () => {
    expect(loadConfig({ ACS_TOKEN_LIFETIME_MINUTES: '60' }).tokenLifetimeMinutes).toBe(60);
    expect(loadConfig({ ACS_TOKEN_LIFETIME_MINUTES: '1440' }).tokenLifetimeMinutes).toBe(1440);
    for (const bad of ['59', '1441', '90.5', 'soon']) {
      expect(problemsOf({ ACS_TOKEN_LIFETIME_MINUTES: bad })[0]).toMatch(/ACS_TOKEN_LIFETIME_MINUTES must be a whole number from 60 to 1440/);
    }
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      ACS_CONNECTION_STRING: 'a',
      ACS_CONNECTION_STRING_FILE: 'b',
      OIDC_ISSUER: 'http://idp.example.com/',
      TLS_CERT_FILE: 'cert.pem',
      LOG_LEVEL: 'loud',
      API_KEYS_ENABLED: 'maybe',
    });
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/not both/);
    expect(problems.join('\n')).toMatch(/OIDC_ISSUER must be an https URL/);
    expect(problems.join('\n')).toMatch(/TLS_CERT_FILE and TLS_KEY_FILE/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL/);
    expect(problems.join('\n')).toMatch(/API_KEYS_ENABLED must be true or false/);
  });

  it('needs an audience with an issuer, and some way to sign in', () => {
    expect(problemsOf({ OIDC_ISSUER: 'https://idp.example.com/' })[0]).toMatch(/OIDC_AUDIENCE is required/);
    expect(problemsOf({ API_KEYS_ENABLED: 'false' })[0]).toMatch(/No way to sign in/);
    expect(problemsOf({ OIDC_AUDIENCE: 'x' })[0]).toMatch(/OIDC_ISSUER is not/);
  });

  it('resolves relative paths against the directory npm was started from (INIT_CWD)', () => {
    const config = loadConfig({ INIT_CWD: '/srv/app', TOKEN_SERVICE_DB: 'state/tokens.sqlite', ACS_CONNECTION_STRING_FILE: 'secrets/acs' });
    expect(config.databasePath).toBe('/srv/app/state/tokens.sqlite');
    expect(config.acsConnectionStringFile).toBe('/srv/app/secrets/acs');
    expect(loadConfig({ INIT_CWD: '/srv/app', TOKEN_SERVICE_DB: '/var/lib/t.sqlite' }).databasePath).toBe('/var/lib/t.sqlite');
  });

  it('never puts a connection string into a problem message', () => {
    const secret = 'endpoint=https://x.communication.azure.com/;accesskey=c2VjcmV0a2V5';
    const problems = problemsOf({ ACS_CONNECTION_STRING: secret, ACS_CONNECTION_STRING_FILE: '/x', PORT: '-1' });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).not.toContain('c2VjcmV0a2V5');
  });
});

describe('ACS connection string', () => {
  const key = Buffer.from('a-very-secret-access-key-32bytes').toString('base64');

  it('parses endpoint and key in any order and case, normalising the endpoint', () => {
    expect(parseAcsConnectionString(`endpoint=https://contoso.communication.azure.com;accesskey=${key}`).endpoint).toBe('https://contoso.communication.azure.com/');
    expect(parseAcsConnectionString(`AccessKey=${key};Endpoint=https://contoso.communication.azure.com/`).endpoint).toBe('https://contoso.communication.azure.com/');
  });

  it('refuses malformed strings without echoing them', () => {
    for (const bad of [`accesskey=${key}`, 'endpoint=https://x/', `endpoint=not a url;accesskey=${key}`, `endpoint=http://x/;accesskey=${key}`, 'endpoint=https://x/;accesskey=not base64!']) {
      let message = '';
      try {
        parseAcsConnectionString(bad);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message, bad).not.toBe('');
      expect(message).not.toContain(key);
      expect(message).not.toContain('not base64!');
    }
  });

  it('reads from exactly one source', () => {
    expect(() => readAcsConnection({})).toThrow(/No ACS connection string/);
    expect(() => readAcsConnection({ value: 'a', file: 'b' })).toThrow(/not both/);
    expect(() => readAcsConnection({ file: '/definitely/missing' })).toThrow(/could not be read/);
  });
});
