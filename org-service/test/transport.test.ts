import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCertificate } from './fixtures/fake-acs-identity/certificate.js';
import { startFakeAcsIdentity, type FakeAcsIdentity } from './fixtures/fake-acs-identity/index.js';
import { startInProcessTokenService } from './fixtures/in-process-token-service.js';

let acs: FakeAcsIdentity;
beforeAll(async () => {
  acs = await startFakeAcsIdentity();
});
afterAll(async () => {
  await acs.stop();
});

describe('transport', () => {
  it('serves HTTPS itself when TLS_CERT_FILE and TLS_KEY_FILE are set', async () => {
    const { cert, key } = await testCertificate();
    const dir = mkdtempSync(join(tmpdir(), 'tls-'));
    writeFileSync(join(dir, 'cert.pem'), cert);
    writeFileSync(join(dir, 'key.pem'), key);
    const service = await startInProcessTokenService(acs, { TLS_CERT_FILE: join(dir, 'cert.pem'), TLS_KEY_FILE: join(dir, 'key.pem') });
    try {
      expect(service.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const body = await new Promise<string>((done, fail) => {
        get(`${service.url}/healthz`, { ca: cert }, (response) => {
          let text = '';
          response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => done(text));
        }).on('error', fail);
      });
      expect(JSON.parse(body)).toEqual({ status: 'ok' });
    } finally {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers a request that is not valid HTTP with the JSON error shape', async () => {
    const service = await startInProcessTokenService(acs);
    try {
      const { port } = new URL(service.url);
      const reply = await new Promise<string>((done, fail) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.write('GARBAGE / NOPE\r\n\r\n'));
        let text = '';
        socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => done(text)).on('error', fail);
      });
      expect(reply).toMatch(/^HTTP\/1\.1 400/);
      expect(JSON.parse(reply.split('\r\n\r\n')[1]!)).toEqual({ error: { code: 'bad_request', message: 'The request is not valid HTTP.' } });
    } finally {
      await service.stop();
    }
  });
});
