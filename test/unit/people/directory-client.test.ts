import { describe, expect, it } from 'vitest';
import { DirectoryClient } from '../../../main/people/directory-client.js';
import { CallerNames } from '../../../main/people/caller-names.js';
import { UserFacingError } from '../../../main/ipc/user-facing-error.js';
import { json, peopleRequests, type Route } from './people-setup.js';

const ada = { id: 'p_ada', kind: 'person', displayName: 'Ada Lovelace', email: 'ada@contoso.test', communicationUserId: '8:acs:ada' };
const jose = { id: 'p_jose', kind: 'person', displayName: 'José Álvarez', email: null, communicationUserId: '8:acs:jose' };

function client(route: Route) {
  const setup = peopleRequests(route);
  const directory = new DirectoryClient({ requests: setup.requests, log: setup.logger.log, now: setup.time.clock.now });
  return { ...setup, directory };
}

async function failureKey(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return (error as UserFacingError).messageKey;
}

describe('DirectoryClient', () => {
  it('searches under the service URL\'s own path, with the session\'s Authorization', async () => {
    const { directory, seen } = client(({ search }) => json(200, { people: [ada], nextCursor: search.get('cursor') ? null : 'c2' }));
    expect(await directory.search('ada')).toEqual({ people: [ada], nextCursor: 'c2' });
    expect(await directory.search('ada', 'c2')).toMatchObject({ nextCursor: null });
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/api/directory/search', authorization: 'ApiKey people-key' });
  });

  it.each([
    ['not JSON', () => new Response('<html>proxy error</html>', { status: 200 })],
    ['no people list', () => json(200, { nextCursor: null })],
    ['people not a list', () => json(200, { people: 'everyone', nextCursor: null })],
    ['a cursor that is not a string', () => json(200, { people: [], nextCursor: 7 })],
    ['a huge reply', () => json(200, { people: [], nextCursor: null, padding: 'x'.repeat(300_000) })],
    ['a list longer than any page', () => json(200, { people: Array.from({ length: 500 }, () => ada), nextCursor: null })],
  ])('refuses a reply with %s with a translated message', async (_name, reply) => {
    const { directory } = client(reply);
    expect(await failureKey(directory.search('a'))).toBe('orgService:errors.badReply');
  });

  it.each([
    [401, 'orgService:errors.refused'],
    [403, 'orgService:errors.refused'],
    [404, 'orgService:errors.notSupported'],
    [429, 'orgService:errors.rateLimited'],
    [503, 'orgService:errors.unavailable'],
    [400, 'orgService:errors.badRequest'],
  ])('turns HTTP %i into %s', async (status, key) => {
    const { directory, credentialRefused } = client(() => json(status, { error: { code: 'x', message: 'y' } }));
    expect(await failureKey(directory.search('a'))).toBe(key);
    expect(credentialRefused).toHaveBeenCalledTimes(status === 401 || status === 403 ? 1 : 0);
  });

  it('says so when the service cannot be reached, times out or nobody is signed in', async () => {
    const down = client(() => Promise.reject(new TypeError('fetch failed')));
    expect(await failureKey(down.directory.search('a'))).toBe('orgService:errors.unreachable');
    const slow = client(({ signal }) => new Promise<Response>((_r, reject) => signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))));
    const pending = failureKey(slow.directory.search('a'));
    await slow.time.advance(10_000);
    expect(await pending).toBe('orgService:errors.timeout');
    const out = client(() => json(200, { people: [], nextCursor: null }));
    out.session.signedIn = false;
    expect(await failureKey(out.directory.search('a'))).toBe('orgService:errors.signedOut');
    expect(out.seen).toEqual([]);
  });

  it('leaves out entries that do not fit, cleans names and shows unknown kinds as person', async () => {
    const { directory, logger } = client(() =>
      json(200, {
        people: [
          { ...ada, displayName: '\u202EAda\u0007 Lovelace ' },
          { ...jose, kind: 'hologram', extra: true },
          { ...ada, id: 'not an id!' },
          { ...ada, displayName: '\u0000' },
          'nobody',
        ],
        nextCursor: null,
      }),
    );
    const page = await directory.search('');
    expect(page.people).toEqual([
      { ...ada, displayName: 'Ada Lovelace' },
      { ...jose, kind: 'person' },
    ]);
    expect(logger.lines.find((l) => l.message.includes('left out'))?.fields).toEqual({ route: 'search', skipped: 3 });
    expect(JSON.stringify(logger.lines)).not.toMatch(/Ada|ada@|8:acs/);
  });

  it('looks up only what it does not know, and keeps only what it asked for', async () => {
    const { directory, seen } = client(({ body }) => {
      const ids = (body as { communicationUserIds: string[] }).communicationUserIds;
      return json(200, { people: [ada, jose, { ...ada, id: 'p_other', communicationUserId: '8:acs:other' }].filter((p) => ids.includes(p.communicationUserId) || p.id === 'p_other') });
    });
    expect(await directory.lookup(['8:acs:ada', '8:acs:unknown'])).toEqual([ada]);
    expect(directory.cache.get('8:acs:other')).toBeUndefined();
    // Ada is cached and the unknown id is remembered as unknown: only José is asked for.
    expect(await directory.lookup(['8:acs:ada', '8:acs:unknown', '8:acs:jose'])).toEqual([ada, jose]);
    expect(seen.map((s) => s.body)).toEqual([{ communicationUserIds: ['8:acs:ada', '8:acs:unknown'] }, { communicationUserIds: ['8:acs:jose'] }]);
    expect(await directory.lookup(['8:acs:ada', '8:acs:jose'])).toHaveLength(2);
    expect(seen).toHaveLength(2);
  });

  it('forgets a person after a directory event, and everything at a change of user', async () => {
    const { directory, seen } = client(() => json(200, { people: [ada] }));
    await directory.lookup(['8:acs:ada']);
    directory.personChanged('p_ada');
    await directory.lookup(['8:acs:ada']);
    expect(seen).toHaveLength(2);
    directory.clear();
    expect(directory.cache.size).toBe(0);
  });

  it('validates /directory/me', async () => {
    expect(await client(() => json(200, { person: ada })).directory.me()).toEqual(ada);
    expect(await failureKey(client(() => json(200, { people: [ada] })).directory.me())).toBe('orgService:errors.badReply');
  });
});

describe('CallerNames', () => {
  it('names a colleague from the cache, or by a quick lookup; nothing for phone numbers or strangers', async () => {
    const { directory, seen } = client(({ body }) => json(200, { people: [ada].filter((p) => (body as { communicationUserIds: string[] }).communicationUserIds.includes(p.communicationUserId)) }));
    const names = new CallerNames(directory, () => true);
    expect(await names.nameFor('8:acs:ada')).toBe('Ada Lovelace');
    expect(await names.nameFor('8:acs:ada')).toBe('Ada Lovelace');
    expect(await names.nameFor('8:acs:stranger')).toBeNull();
    expect(await names.nameFor('4:+34600000000')).toBeNull();
    expect(seen).toHaveLength(2);
  });

  it('gives up after its short timeout (the toast shows what it did before)', async () => {
    const { directory, time } = client(({ signal }) => new Promise<Response>((_r, reject) => signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))));
    const names = new CallerNames(directory, () => true, 800);
    const pending = names.nameFor('8:acs:slow');
    await time.advance(800);
    expect(await pending).toBeNull();
  });
});
