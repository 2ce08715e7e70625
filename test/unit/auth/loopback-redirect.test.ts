/** The RFC 8252 loopback listener: one good answer, and every way an answer can be wrong. */
import { describe, expect, it } from 'vitest';
import { LoopbackRedirectError, startLoopbackRedirect } from '../../../main/auth/loopback-redirect.js';
import { fakeTime } from '../../fixtures/fake-time.js';

const pages = { success: '<p>signed in</p>', failure: '<p>did not work</p>' };

async function listener(options: { timeoutMs?: number; signal?: AbortSignal; time?: ReturnType<typeof fakeTime> } = {}) {
  return startLoopbackRedirect({
    expectedState: 'state-123',
    timeoutMs: options.timeoutMs ?? 60_000,
    pages,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.time ? { timers: options.time.timers } : {}),
  });
}

const visit = async (redirectUri: string, query: string) => {
  const response = await fetch(`${redirectUri}?${query}`);
  return { status: response.status, body: await response.text() };
};

describe('loopback redirect', () => {
  it('listens on 127.0.0.1 at a random port and resolves with the redirect carrying the expected state', async () => {
    const loopback = await listener();
    expect(loopback.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const page = await visit(loopback.redirectUri, 'code=abc&state=state-123');
    expect(page).toEqual({ status: 200, body: pages.success });
    const url = await loopback.result;
    expect(url.searchParams.get('code')).toBe('abc');
  });

  it.each([
    ['a foreign state', 'code=abc&state=other', 'state-mismatch'],
    ['no state', 'code=abc', 'state-mismatch'],
    ['access_denied', 'error=access_denied&state=state-123', 'denied'],
    ['another provider error', 'error=server_error&error_description=%3Cscript%3E&state=state-123', 'provider-error'],
    ['no code', 'state=state-123', 'missing-code'],
  ])('fails on %s and shows the failure page without echoing the request', async (_name, query, kind) => {
    const loopback = await listener();
    const outcome = expect(loopback.result).rejects.toEqual(new LoopbackRedirectError(kind as never));
    const page = await visit(loopback.redirectUri, query);
    expect(page).toEqual({ status: 400, body: pages.failure });
    await outcome;
  });

  it('ignores other paths and keeps waiting', async () => {
    const loopback = await listener();
    expect((await fetch(new URL('/favicon.ico', loopback.redirectUri))).status).toBe(404);
    await visit(loopback.redirectUri, 'code=abc&state=state-123');
    await expect(loopback.result).resolves.toBeInstanceOf(URL);
  });

  it('gives up after its timeout and stops listening', async () => {
    const time = fakeTime();
    const loopback = await listener({ time, timeoutMs: 120_000 });
    const outcome = expect(loopback.result).rejects.toMatchObject({ kind: 'timeout' });
    await time.advance(120_000);
    await outcome;
    await expect(fetch(`${loopback.redirectUri}?code=late&state=state-123`)).rejects.toThrow();
  });

  it('stops when the sign-in is cancelled', async () => {
    const controller = new AbortController();
    const loopback = await listener({ signal: controller.signal });
    controller.abort();
    await expect(loopback.result).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('accepts only the first answer', async () => {
    const loopback = await listener();
    await visit(loopback.redirectUri, 'code=first&state=state-123');
    expect((await loopback.result).searchParams.get('code')).toBe('first');
    await expect(fetch(`${loopback.redirectUri}?code=second&state=state-123`)).rejects.toThrow();
  });
});
