import { signedInPerson } from '../http/guard.js';
import type { ServicePlugin } from '../http/service-plugin.js';
import { parseRequest } from '../http/validation.js';
import type { Person } from './people-store.js';
import { decodeCursor, encodeCursor, lookupBody, lookupBodyLimitBytes, searchQuery } from './schemas.js';

/** A directory entry as clients see it (org-service/API.md). */
export interface DirectoryEntry {
  id: string;
  kind: Person['kind'];
  displayName: string;
  email: string | null;
  communicationUserId: string | null;
}

export const toEntry = (person: Person): DirectoryEntry => ({
  id: person.id,
  kind: person.kind,
  displayName: person.displayName,
  email: person.email,
  communicationUserId: person.communicationUserId,
});

/**
 * GET /directory/search, POST /directory/lookup, GET /directory/me. Everything is scoped to the
 * caller's organisation, and disabled people are never returned.
 */
export const directoryPlugin: ServicePlugin = async (app, context) => {
  const onRequest = context.guard({ bucket: 'directory', perMinute: context.rateLimits.directoryPerUserPerMinute });

  app.get('/directory/search', { onRequest }, async (request) => {
    const { org } = signedInPerson(request);
    const query = parseRequest(searchQuery, request.query, 'query');
    const page = await context.people.search(org, {
      q: query.q ?? '',
      limit: query.limit ?? 20,
      after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
    });
    return { people: page.people.map(toEntry), nextCursor: page.next ? encodeCursor(page.next) : null };
  });

  app.post('/directory/lookup', { onRequest, bodyLimit: lookupBodyLimitBytes }, async (request) => {
    const { org } = signedInPerson(request);
    const body = parseRequest(lookupBody, request.body, 'body');
    return { people: (await context.people.lookup(org, body.communicationUserIds)).map(toEntry) };
  });

  app.get('/directory/me', { onRequest }, async (request) => ({ person: toEntry(signedInPerson(request)) }));
};
