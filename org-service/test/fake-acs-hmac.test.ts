import type { IncomingMessage } from 'node:http';
import { createCommunicationAccessKeyCredentialPolicy } from '@azure/communication-common';
import { AzureKeyCredential } from '@azure/core-auth';
import { describe, expect, it } from 'vitest';
import { hmacRefusal } from './fixtures/fake-acs-identity/hmac.js';

const key = Buffer.from('the-fake-resource-access-key-123').toString('base64');

/** Signs a request with the SDK's own HMAC policy and returns what the fake would receive. */
async function signedBySdk(method: string, url: string, body: string, signingKey = key) {
  const headers: Record<string, string> = {};
  const request = { method, url, body, headers: { set: (name: string, value: string) => (headers[name.toLowerCase()] = value) } };
  const policy = createCommunicationAccessKeyCredentialPolicy(new AzureKeyCredential(signingKey));
  await policy.sendRequest(request as never, async () => ({}) as never);
  const { pathname, search } = new URL(url);
  return { method, url: `${pathname}${search}`, headers } as unknown as IncomingMessage;
}

describe('the fake ACS HMAC check', () => {
  const url = 'https://127.0.0.1:4443/identities/8%3Aacs%3Ar_1/:issueAccessToken?api-version=2023-10-01';
  const body = '{"scopes":["chat","voip"],"expiresInMinutes":60}';

  it('accepts a request signed by the SDK with the right key', async () => {
    expect(hmacRefusal(await signedBySdk('POST', url, body), body, key)).toBeUndefined();
    expect(hmacRefusal(await signedBySdk('POST', 'https://127.0.0.1:4443/identities?api-version=2023-10-01', ''), '', key)).toBeUndefined();
  });

  it('refuses a wrong key, and any change to body, path, method, host or date after signing', async () => {
    expect(hmacRefusal(await signedBySdk('POST', url, body, Buffer.from('another-key').toString('base64')), body, key)).toBe('signature mismatch');
    expect(hmacRefusal(await signedBySdk('POST', url, body), body.replace('60', '1440'), key)).toBe('content hash mismatch');
    const otherPath = await signedBySdk('POST', url, body);
    (otherPath as { url: string }).url = otherPath.url!.replace('r_1', 'r_2');
    expect(hmacRefusal(otherPath, body, key)).toBe('signature mismatch');
    const otherMethod = await signedBySdk('POST', url, body);
    (otherMethod as { method: string }).method = 'DELETE';
    expect(hmacRefusal(otherMethod, body, key)).toBe('signature mismatch');
    const otherHost = await signedBySdk('POST', url, body);
    otherHost.headers.host = '127.0.0.1:4444';
    expect(hmacRefusal(otherHost, body, key)).toBe('signature mismatch');
    const otherDate = await signedBySdk('POST', url, body);
    otherDate.headers['x-ms-date'] = new Date(Date.now() - 60_000).toUTCString();
    expect(hmacRefusal(otherDate, body, key)).toBe('signature mismatch');
    const stale = await signedBySdk('POST', url, body);
    stale.headers['x-ms-date'] = new Date(Date.now() - 3600_000).toUTCString();
    expect(hmacRefusal(stale, body, key)).toBe('x-ms-date too far from now');
    const unsigned = await signedBySdk('POST', url, body);
    delete unsigned.headers.authorization;
    expect(hmacRefusal(unsigned, body, key)).toBe('missing signing headers');
  });
});
