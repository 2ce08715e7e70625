import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAcsIdentity, type FakeAcsIdentity } from './fixtures/fake-acs-identity/index.js';
import { cliPath, repositoryRoot, startTokenServiceProcess, type TokenServiceProcess } from './fixtures/token-service-process.js';

const run = promisify(execFile);

/** Runs the CLI like an admin would; resolves with its output and exit code. */
async function cli(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', cliPath, ...args], { cwd: repositoryRoot, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let acs: FakeAcsIdentity;
let service: TokenServiceProcess;

beforeAll(async () => {
  acs = await startFakeAcsIdentity();
  service = await startTokenServiceProcess({ acs, env: { ACS_TOKEN_LIFETIME_MINUTES: '60' } });
}, 60_000);
afterAll(async () => {
  await service?.stop();
  await acs.stop();
});

const post = (path: string, auth: string) => fetch(`${service.url}${path}`, { method: 'POST', headers: { authorization: auth } });

describe('the token service as a separate process', () => {
  it('serves /healthz and issues, reuses and revokes tokens through the real SDK over HTTPS', async () => {
    expect(await (await fetch(`${service.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const auth = `ApiKey ${service.createApiKey('process-user')}`;
    const first = await post('/token', auth);
    expect(first.status).toBe(200);
    const body = (await first.json()) as { token: string; communicationUserId: string; expiresOn: string; acsEndpoint: string };
    expect(body.acsEndpoint).toBe(acs.url);
    expect(await acs.tokenIsValid(body.token)).toBe(true);
    expect(acs.requests.every((r) => r.signatureValid)).toBe(true);
    const second = (await (await post('/token', auth)).json()) as typeof body;
    expect(second.communicationUserId).toBe(body.communicationUserId);
    expect((await post('/sign-out', auth)).status).toBe(204);
    expect(await acs.tokenIsValid(body.token)).toBe(false);
    expect(await acs.tokenIsValid(second.token)).toBe(false);
  });

  it('logs one line per request, and never a token, key or the connection string', async () => {
    const key = service.createApiKey('log-check');
    const { token } = (await (await post('/token', `ApiKey ${key}`)).json()) as { token: string };
    await post('/token', `ApiKey ${key}broken`);
    const logs = service.logText();
    expect(logs).toContain('"message":"request"');
    for (const secret of [key, token, acs.connectionString.split('accesskey=')[1]!]) expect(logs).not.toContain(secret);
  });

  it('answers 503 with Retry-After while ACS fails', async () => {
    const auth = `ApiKey ${service.createApiKey('outage')}`;
    acs.fail({ status: 503 });
    try {
      const response = await post('/token', auth);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('10');
    } finally {
      acs.clearFailures();
    }
  });
});

describe('CLI', () => {
  it('creates, lists and revokes API keys; the key is printed once and works against the running service', async () => {
    const env = { TOKEN_SERVICE_DB: service.databasePath };
    const created = await cli(['create-api-key', 'cli-user@example.com'], env);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^acsk_[0-9a-f]{16}_[\w-]{43}$/);
    expect(created.stderr).toMatch(/shown only now/);
    expect((await post('/token', `ApiKey ${key}`)).status).toBe(200);

    const keyId = key.split('_')[1]!;
    const listed = await cli(['list-api-keys'], env);
    expect(listed.stdout).toContain(keyId);
    expect(listed.stdout).toContain('cli-user@example.com');
    // The secret is everything after the key ID (base64url, which may itself hold '_').
    expect(listed.stdout).not.toContain(key.slice(`acsk_${keyId}_`.length));

    const revoked = await cli(['revoke-api-key', keyId], env);
    expect(revoked.code).toBe(0);
    expect((await post('/token', `ApiKey ${key}`)).status).toBe(401);
    expect((await cli(['list-api-keys'], env)).stdout).toMatch(new RegExp(`${keyId}.*revoked`));
    expect((await cli(['revoke-api-key', keyId], env)).code).toBe(1);
  });

  it('refuses bad input with a clear message and exit code 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    try {
      const env = { TOKEN_SERVICE_DB: join(dir, 'db.sqlite') };
      expect(await cli([], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/Usage/) });
      expect(await cli(['create-api-key'], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/Usage: create-api-key <user>/) });
      expect(await cli(['create-api-key', 'two words'], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/user name/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('will not serve without a valid connection string, and never echoes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    try {
      const base = { TOKEN_SERVICE_DB: join(dir, 'db.sqlite'), PORT: '0' };
      const none = await cli(['serve'], base);
      expect(none).toMatchObject({ code: 1, stderr: expect.stringMatching(/No ACS connection string/) });
      const secretish = 'endpoint=http://insecure.example/;accesskey=U0VDUkVUS0VZMTIz';
      const insecure = await cli(['serve'], { ...base, ACS_CONNECTION_STRING: secretish });
      expect(insecure.code).toBe(1);
      expect(insecure.stderr).toMatch(/must use https/);
      expect(insecure.stderr).not.toContain('U0VDUkVUS0VZMTIz');
      const file = join(dir, 'acs.txt');
      writeFileSync(file, 'accesskey=U0VDUkVUS0VZMTIz');
      const fromFile = await cli(['serve'], { ...base, ACS_CONNECTION_STRING_FILE: file });
      expect(fromFile.code).toBe(1);
      expect(fromFile.stderr).not.toContain('U0VDUkVUS0VZMTIz');
      const badConfig = await cli(['serve'], { ...base, ACS_CONNECTION_STRING: acs.connectionString, ACS_TOKEN_LIFETIME_MINUTES: '5' });
      expect(badConfig).toMatchObject({ code: 1, stderr: expect.stringMatching(/ACS_TOKEN_LIFETIME_MINUTES must be a whole number from 60 to 1440/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the connection string from a file (ACS_CONNECTION_STRING_FILE)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const file = join(dir, 'acs-connection-string');
    writeFileSync(file, `${acs.connectionString}\n`);
    const fromFile = await startTokenServiceProcess({ acs, env: { ACS_CONNECTION_STRING: '', ACS_CONNECTION_STRING_FILE: file } });
    try {
      const response = await fetch(`${fromFile.url}/token`, { method: 'POST', headers: { authorization: `ApiKey ${fromFile.createApiKey('file-user')}` } });
      expect(response.status).toBe(200);
    } finally {
      await fromFile.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run org-service (the one command in the README)', () => {
  it('starts the service from the repository root', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'npm-start-'));
    // detached: npm → sh → node; a process group lets the test stop exactly what it started.
    const child = spawn('npm', ['run', '--silent', 'org-service'], {
      cwd: repositoryRoot,
      detached: true,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ACS_CONNECTION_STRING: acs.connectionString, NODE_EXTRA_CA_CERTS: acs.caFile, PORT: '0', TOKEN_SERVICE_DB: join(dir, 'db.sqlite') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    try {
      const url = await new Promise<string>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`not listening:\n${stderr}`)), 45_000);
        child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
          stderr += chunk;
          const line = stderr.split('\n').find((l) => l.includes('"token service listening"'));
          if (line) {
            clearTimeout(timer);
            done((JSON.parse(line) as { url: string }).url);
          }
        });
        child.once('exit', (code) => fail(new Error(`exited ${code}:\n${stderr}`)));
      });
      expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
      // The start-up line's token lifetime survives the logger's secret-name masking.
      const listening = JSON.parse(stderr.split('\n').find((l) => l.includes('"token service listening"'))!) as Record<string, unknown>;
      expect(listening).toMatchObject({ lifetimeMinutes: 480 });
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(-child.pid!, 'SIGTERM');
        await new Promise((done) => child.once('exit', done));
      }
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
