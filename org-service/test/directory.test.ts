import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAcsIdentity, type FakeAcsIdentity } from './fixtures/fake-acs-identity/index.js';
import { startInProcessTokenService, type InProcessTokenService } from './fixtures/in-process-token-service.js';

let acs: FakeAcsIdentity;
let service: InProcessTokenService;
let caller: string;

const imported = [
  { displayName: 'José Álvarez', email: 'jose@contoso.com', kind: 'person' as const },
  { displayName: 'Ana María López', email: 'ana.lopez@contoso.com', kind: 'person' as const },
  { displayName: 'Jean-Luc Picard', email: 'jlp@contoso.com', kind: 'person' as const },
  { displayName: 'Zoë Ångström', email: 'zoe@contoso.com', kind: 'person' as const },
  { displayName: 'Dana Díaz', email: 'Dana@Contoso.com', kind: 'person' as const },
  ...Array.from({ length: 30 }, (_, i) => ({ displayName: `Person ${String(i).padStart(2, '0')} Müller`, email: `p${i}@contoso.com`, kind: 'person' as const })),
];

beforeAll(async () => {
  acs = await startFakeAcsIdentity();
  service = await startInProcessTokenService(acs, { RATE_LIMIT_PER_USER_PER_MINUTE: '2' });
  await service.people.importPeople('contoso', imported);
  await service.people.importPeople('fabrikam', [{ displayName: 'José Fabrikam', email: 'jose@fabrikam.com', kind: 'person' }]);
  caller = `ApiKey ${await service.createApiKey('caller@contoso.com', 'contoso')}`;
});
afterAll(async () => {
  await service.stop();
  await acs.stop();
});

const search = async (query: string, auth = caller) => service.call('GET', `/directory/search?${query}`, { auth });
const names = (response: { json: { people: Array<{ displayName: string }> } }) => response.json.people.map((p) => p.displayName);
const lookup = (body: string, auth = caller) => service.call('POST', '/directory/lookup', { auth, body, headers: { 'content-type': 'application/json' } });

describe('GET /directory/search', () => {
  it('matches a prefix of any word of the name, ignoring case and accents', async () => {
    expect(names(await search('q=jose'))).toEqual(['José Álvarez']);
    expect(names(await search(`q=${encodeURIComponent('álv')}`))).toEqual(['José Álvarez']);
    expect(names(await search('q=ALVAREZ'))).toEqual(['José Álvarez']);
    expect(names(await search('q=luc'))).toEqual(['Jean-Luc Picard']);
    expect(names(await search('q=angst'))).toEqual(['Zoë Ångström']);
    expect(names(await search(`q=${encodeURIComponent('ana lóp')}`))).toEqual(['Ana María López']);
    expect(names(await search('q=nobody'))).toEqual([]);
  });

  it('matches a prefix of the e-mail address', async () => {
    expect(names(await search(`q=${encodeURIComponent('jose@')}`))).toEqual(['José Álvarez']);
    expect(names(await search(`q=${encodeURIComponent('dana@contoso.c')}`))).toEqual(['Dana Díaz']);
    expect(names(await search('q=jlp'))).toEqual(['Jean-Luc Picard']);
  });

  it('answers directory entries in the agreed shape', async () => {
    const response = await search('q=jose');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      people: [{ id: expect.stringMatching(/^p_[\w-]{22}$/), kind: 'person', displayName: 'José Álvarez', email: 'jose@contoso.com', communicationUserId: null }],
      nextCursor: null,
    });
  });

  it('pages through everyone of the org exactly once, in name order, with the cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await search(`q=&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      expect(response.json.people.length).toBeLessThanOrEqual(7);
      seen.push(...names(response));
      cursor = response.json.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    // Everyone imported, plus the caller (who is in the directory since their first request).
    expect(seen).toHaveLength(imported.length + 1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain('caller@contoso.com');
    expect(seen).not.toContain('José Fabrikam');
    const folded = seen.map((name) => name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase());
    expect([...folded].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(folded);
    // A narrower query pages the same way.
    const first = await search('q=muller&limit=20');
    const second = await search(`q=muller&limit=20&cursor=${first.json.nextCursor}`);
    expect([...names(first), ...names(second)]).toHaveLength(30);
    expect(second.json.nextCursor).toBeNull();
  });

  it('never shows people of another organisation', async () => {
    const fabrikam = `ApiKey ${await service.createApiKey('someone@fabrikam.com', 'fabrikam')}`;
    expect(names(await search('q=jose', fabrikam))).toEqual(['José Fabrikam']);
    expect(names(await search('q=jose'))).toEqual(['José Álvarez']);
  });

  it('never shows a disabled person, and a disabled person gets 403 from every route, /token too', async () => {
    const auth = `ApiKey ${await service.createApiKey('leaver@contoso.com', 'contoso')}`;
    expect((await service.token(auth)).status).toBe(200);
    expect(names(await search('q=leaver'))).toEqual(['leaver@contoso.com']);
    const person = (await service.people.findByEmail('leaver@contoso.com', 'contoso'))[0]!;
    await service.people.setDisabled(person.id, true);
    expect(names(await search('q=leaver'))).toEqual([]);
    for (const response of [await service.token(auth), await service.signOut(auth), await search('q=a', auth), await service.call('GET', '/directory/me', { auth })]) {
      expect(response.status).toBe(403);
      expect(response.json.error).toEqual({ code: 'forbidden', message: expect.stringMatching(/disabled/) });
    }
    await service.people.setDisabled(person.id, false);
    expect((await service.token(auth)).status).toBe(200);
  });

  it('has its own per-user rate limit, higher than /token\'s', async () => {
    // RATE_LIMIT_PER_USER_PER_MINUTE is 2 here; the directory's default is 600.
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await search(`q=${'jose'.slice(0, (i % 4) + 1)}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
  });

  const hostile: Array<[string, string, RegExp]> = [
    ['a q over 100 characters', `q=${'a'.repeat(101)}`, /^q: .*100/],
    ['q given twice', 'q=a&q=b', /^q: must be a single string/],
    ['limit 0', 'limit=0', /^limit: /],
    ['limit 51', 'limit=51', /^limit: /],
    ['a limit that is not a number', 'limit=ten', /^limit: /],
    ['a limit in exponent form', 'limit=1e1', /^limit: /],
    ['a negative limit', 'limit=-5', /^limit: /],
    ['a cursor that is not ours', 'cursor=not-a-cursor', /^cursor: /],
    ['a cursor of the wrong shape', `cursor=${Buffer.from(JSON.stringify({ a: 1 })).toString('base64url')}`, /^cursor: /],
    ['a huge cursor', `cursor=${'A'.repeat(5000)}`, /^cursor: /],
    ['an unknown parameter', 'q=a&sort=name', /Unknown query parameter "sort"/],
    ['a __proto__ parameter', '__proto__=x', /Unknown query parameter/],
    ['a constructor parameter', 'constructor=x', /Unknown query parameter/],
  ];
  for (const [name, query, message] of hostile) {
    it(`answers 400 naming the field for ${name}`, async () => {
      const response = await search(query);
      expect(response.status).toBe(400);
      expect(response.json.error).toEqual({ code: 'bad_request', message: expect.stringMatching(message) });
    });
  }

  it('needs a sign-in', async () => {
    expect((await service.call('GET', '/directory/search?q=jose')).status).toBe(401);
    expect((await service.call('GET', '/directory/me')).status).toBe(401);
    expect((await lookup('{"communicationUserIds":["8:acs:x"]}', 'ApiKey nope')).status).toBe(401);
  });
});

describe('a person imported before their first sign-in', () => {
  it('is linked to that sign-in by e-mail, case-insensitively, keeping the imported name', async () => {
    const [dana] = await service.people.findByEmail('dana@contoso.com', 'contoso');
    const auth = `ApiKey ${await service.createApiKey('DANA@contoso.com', 'contoso')}`;
    const me = await service.call('GET', '/directory/me', { auth });
    expect(me.json.person).toMatchObject({ id: dana!.id, displayName: 'Dana Díaz' });
    const token = await service.token(auth);
    expect((await service.call('GET', '/directory/me', { auth })).json.person.communicationUserId).toBe(token.json.communicationUserId);
    // The same e-mail in another organisation is someone else.
    const other = `ApiKey ${await service.createApiKey('dana@contoso.com', 'fabrikam')}`;
    expect((await service.call('GET', '/directory/me', { auth: other })).json.person.id).not.toBe(dana!.id);
  });
});

describe('GET /directory/me', () => {
  it('answers the caller\'s own entry, with their ACS identity once /token made it', async () => {
    const auth = `ApiKey ${await service.createApiKey('me@contoso.com', 'contoso')}`;
    const before = await service.call('GET', '/directory/me', { auth });
    expect(before.status).toBe(200);
    expect(before.json).toEqual({
      person: { id: expect.stringMatching(/^p_/), kind: 'person', displayName: 'me@contoso.com', email: 'me@contoso.com', communicationUserId: null },
    });
    const { json } = await service.token(auth);
    const after = await service.call('GET', '/directory/me', { auth });
    expect(after.json.person).toEqual({ ...before.json.person, communicationUserId: json.communicationUserId });
  });
});

describe('POST /directory/lookup', () => {
  it('finds people of the caller\'s org by ACS identity, leaving out unknown and foreign ones', async () => {
    const mine = (await service.token(caller)).json.communicationUserId as string;
    const fabrikamKey = `ApiKey ${await service.createApiKey('lookup@fabrikam.com', 'fabrikam')}`;
    const foreign = (await service.token(fabrikamKey)).json.communicationUserId as string;
    const response = await lookup(JSON.stringify({ communicationUserIds: [mine, foreign, '8:acs:unknown'] }));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ people: [expect.objectContaining({ displayName: 'caller@contoso.com', communicationUserId: mine })] });
    const hundred = Array.from({ length: 99 }, (_, i) => `8:acs:${'x'.repeat(240)}${i}`);
    expect((await lookup(JSON.stringify({ communicationUserIds: [...hundred, mine] }))).json.people).toHaveLength(1);
  });

  const hostile: Array<[string, string, RegExp]> = [
    ['no body', '', /body must be a JSON object/],
    ['an array', '[]', /body must be a JSON object/],
    ['a missing list', '{}', /^communicationUserIds: /],
    ['an empty list', '{"communicationUserIds":[]}', /^communicationUserIds: must list 1 to 100/],
    ['101 ids', JSON.stringify({ communicationUserIds: Array.from({ length: 101 }, (_, i) => `8:acs:${i}`) }), /^communicationUserIds: must list 1 to 100/],
    ['10,000 ids', JSON.stringify({ communicationUserIds: Array.from({ length: 10_000 }, (_, i) => `8:acs:${i}`) }), /too large/],
    ['a string instead of a list', '{"communicationUserIds":"8:acs:x"}', /^communicationUserIds: must be a list/],
    ['numbers', '{"communicationUserIds":[1,2]}', /^communicationUserIds\.0: must be a string/],
    ['an id over 256 characters', JSON.stringify({ communicationUserIds: ['8'.repeat(257)] }), /^communicationUserIds\.0: must be at most 256/],
    ['an unknown member', '{"communicationUserIds":["8:acs:x"],"org":"fabrikam"}', /unknown member "org"/],
    ['a __proto__ member', '{"communicationUserIds":["8:acs:x"],"__proto__":{"org":"x"}}', /not valid JSON/],
    ['a constructor.prototype member', '{"communicationUserIds":["8:acs:x"],"constructor":{"prototype":{"x":1}}}', /not valid JSON/],
    ['invalid JSON', '{"communicationUserIds":', /not valid JSON/],
  ];
  for (const [name, body, message] of hostile) {
    it(`answers 400 for ${name}`, async () => {
      const response = await lookup(body);
      expect(response.status).toBe(400);
      expect(response.json.error).toEqual({ code: 'bad_request', message: expect.stringMatching(message) });
    });
  }
});
