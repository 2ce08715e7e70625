/** The people clients over a scripted in-process fetch, with a stub session and fake time. */
import { vi } from 'vitest';
import type { FetchLike } from '../../../main/auth/token-service-client.js';
import type { OrgServiceSession } from '../../../main/live/org-service-session.js';
import { OrgServiceRequests } from '../../../main/people/org-service-requests.js';
import { fakeTime } from '../../fixtures/fake-time.js';
import { recordingLogger } from '../../fixtures/recorders.js';

export type Route = (request: { method: string; path: string; search: URLSearchParams; body: unknown; signal: AbortSignal | undefined }) => Response | Promise<Response>;

export const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export function peopleRequests(route: Route) {
  const time = fakeTime();
  const logger = recordingLogger();
  const seen: { method: string; path: string; body: unknown; authorization: string | null }[] = [];
  const session = { signedIn: true };
  const credentialRefused = vi.fn();
  const orgSession: OrgServiceSession = {
    isSignedIn: () => session.signedIn,
    authorization: async () => (session.signedIn ? { serviceUrl: 'https://org.example.test/api/', authorization: 'ApiKey people-key' } : null),
    credentialRefused,
    onSessionChange: () => () => {},
  };
  const fetch: FetchLike = async (input, init) => {
    const url = new URL(input);
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    seen.push({ method: init.method ?? 'GET', path: url.pathname, body, authorization: new Headers(init.headers).get('authorization') });
    return route({ method: init.method ?? 'GET', path: url.pathname, search: url.searchParams, body, signal: init.signal ?? undefined });
  };
  const requests = new OrgServiceRequests({ fetch, session: orgSession, timers: time.timers, log: logger.log });
  return { requests, time, logger, seen, session, credentialRefused };
}
