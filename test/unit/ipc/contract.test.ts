/**
 * Every channel of the contract, through the real router and handlers: a well-formed call
 * succeeds; malformed ones (wrong types, missing or extra fields, huge strings, prototype
 * pollution keys) get the typed invalid-payload error; foreign frames are refused.
 */
import { describe, expect, it } from 'vitest';
import { listChannels, type InvokeChannelName, type RequestOf } from '../../../contract/index.js';
import { appFrame, startTestMainServices } from '../../fixtures/main-services.js';

/** One valid request per invoke channel; the type makes a new channel fail to compile here. */
const validRequests: { [C in InvokeChannelName]: RequestOf<C> } = {
  'app:getInfo': undefined,
  'app:getStartupNotices': undefined,
  'app:reportStartup': { sinceNavigationMs: 191.4 },
  'app:openExternal': { url: 'https://learn.microsoft.com/azure/communication-services/' },
  'settings:get': undefined,
  'settings:set': { language: 'es' },
  'locale:get': undefined,
  'auth:getState': undefined,
  'auth:signInWithApiKey': { serviceUrl: 'https://tokens.example.test/', apiKey: 'dev-key-alice' },
  'auth:signInWithOidc': { serviceUrl: 'https://tokens.example.test/' },
  'auth:cancelSignIn': undefined,
  'auth:signOut': undefined,
  'auth:retryNow': undefined,
  'auth:getToken': undefined,
  'auth:replaceRefusedToken': { refusedExpiresOn: '2026-03-02T10:00:00.000Z' },
  'policy:getReport': undefined,
  'policy:getChangeState': undefined,
  'policy:restartToApply': undefined,
  'updates:getState': undefined,
  'updates:check': undefined,
  'updates:restartToUpdate': undefined,
  'presence:get': undefined,
  'presence:set': { status: 'doNotDisturb' },
  'notifications:incomingCall': { callId: 'b6a1c7e2-1f0a-4c55-9d1e-5b8f3a2c9e10', callerName: 'Ada', callerId: '4:+34600000000', withVideo: false },
  'notifications:callEnded': { callId: 'b6a1c7e2-1f0a-4c55-9d1e-5b8f3a2c9e10', reason: 'missed' },
  'notifications:chatMessage': { threadId: '19:abc@thread.v2', messageId: '1700000000000', senderName: 'Ada', preview: 'Hello' },
  'notifications:chatRead': { threadId: '19:abc@thread.v2' },
  'notifications:missedCallsSeen': undefined,
  'deeplinks:ready': undefined,
  'tray:windowState': undefined,
  'chat:outboxList': undefined,
  'chat:outboxPut': {
    clientMessageId: '0b7c2f8e-5d1a-4c3e-9f7a-1234567890ab',
    // The user startTestMainServices signs in: main keeps only the signed-in user's entries.
    ownerId: '8:acs:seeded',
    threadId: '19:abc@thread.v2',
    content: 'hello',
    createdAt: '2026-11-25T05:00:00.000Z',
    attempts: 0,
    state: 'pending',
    maybeSent: false,
  },
  'chat:outboxRemove': { clientMessageId: '0b7c2f8e-5d1a-4c3e-9f7a-1234567890ab' },
  'chat:unreadChanged': { total: 3 },
  'calls:historyList': undefined,
  'calls:historyAdd': {
    direction: 'incoming',
    peerRawId: '4:+14255550100',
    peerDisplay: 'Front Desk',
    startedAt: '2026-11-25T09:00:00.000Z',
    durationSeconds: 42,
    outcome: 'completed',
    endCode: 0,
    endSubCode: 0,
  },
  'calls:historyClear': undefined,
  'calls:historyRecoveryNotice': undefined,
  'calls:activityChanged': { inCall: true },
  'calls:screenShareChoose': { requestId: '6d1f7c1e-0000-4000-8000-000000000000', sourceId: 'screen:0:0' },
  // The people routes are answered by the fake in test/fixtures/fake-org-people.ts.
  'people:search': { query: 'ada' },
  'people:lookup': { communicationUserIds: ['8:acs:00000000-0000-0000-0000-000000000001_ada'] },
  'people:watchPresence': { personIds: ['p_ada', 'p_jose'] },
  'people:getContacts': undefined,
  'people:setFavourite': { person: { id: 'p_ada', kind: 'person', displayName: 'Ada Lovelace', email: 'ada@contoso.test', communicationUserId: null }, favourite: true },
  'people:noteRecent': { person: { id: 'p_jose', kind: 'person', displayName: 'José Álvarez', email: null, communicationUserId: '8:acs:00000000-0000-0000-0000-000000000001_jose' } },
  'live:getState': undefined,
};

const invokeChannels = listChannels().filter((c) => c.def.kind === 'invoke').map((c) => c.channel as InvokeChannelName);

/** Malformed variants derived from the valid request, so every channel gets every kind. */
function malformedVariants(valid: unknown): [string, unknown][] {
  const huge = 'x'.repeat(1_000_000);
  const variants: [string, unknown][] = [
    ['wrong type (number)', 42],
    ['wrong type (array)', [valid]],
    ['prototype pollution', JSON.parse('{"__proto__": {"polluted": true}}')],
    ['constructor key', { constructor: { prototype: { polluted: true } } }],
    ['deeply nested', JSON.parse('['.repeat(40) + ']'.repeat(40))],
  ];
  if (valid === undefined) {
    variants.push(['unexpected object', { extra: true }], ['huge string', huge]);
    return variants;
  }
  const object = valid as Record<string, unknown>;
  variants.push(['extra field', { ...object, extra: 1 }]);
  variants.push(['nested pollution', { ...object, nested: JSON.parse('{"__proto__": {"x": 1}}') }]);
  for (const [key, value] of Object.entries(object)) {
    const { [key]: _omitted, ...rest } = object;
    variants.push([`missing ${key}`, rest]);
    variants.push([`${key} of the wrong type`, { ...object, [key]: typeof value === 'string' ? 7 : 'seven' }]);
    if (typeof value === 'string') variants.push([`huge ${key}`, { ...object, [key]: huge }]);
  }
  return variants;
}

describe('IPC contract', () => {
  it('has a handler for every invoke channel', () => {
    const { services } = startTestMainServices();
    expect(services.router.unhandledChannels()).toEqual([]);
    expect(Object.keys(validRequests).sort()).toEqual([...invokeChannels].sort());
  });

  describe.each(invokeChannels)('%s', (channel) => {
    it('accepts a well-formed call from the app frame', async () => {
      const { services } = startTestMainServices();
      const result = await services.router.dispatch(channel, validRequests[channel], appFrame);
      expect(result).toMatchObject({ ok: true });
    });

    it.each(malformedVariants(validRequests[channel]))('answers %s with a typed error', async (_name, payload) => {
      const { services } = startTestMainServices();
      const result = await services.router.dispatch(channel, payload, appFrame);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload', messageKey: 'errors:ipc.invalidPayload' } });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it.each([
      ['a remote page', { frameUrl: 'https://evil.example/index.html', isTopFrame: true }],
      ['an iframe of the app', { frameUrl: 'http://127.0.0.1:5999/index.html', isTopFrame: false }],
      ['a lookalike origin', { frameUrl: 'http://127.0.0.1:59990/index.html', isTopFrame: true }],
      ['an unknown frame', { frameUrl: undefined, isTopFrame: true }],
    ])('refuses a call from %s', async (_name, sender) => {
      const { services, shell } = startTestMainServices();
      const result = await services.router.dispatch(channel, validRequests[channel], sender);
      expect(result).toEqual({ ok: false, error: { code: 'forbidden-sender', messageKey: 'errors:ipc.forbiddenSender' } });
      expect(shell.opened).toEqual([]);
    });
  });

  it('answers an unknown channel with a typed error', async () => {
    const { services } = startTestMainServices();
    for (const channel of ['nope:nothing', 'settings:changed', '__proto__', 'constructor']) {
      expect(await services.router.dispatch(channel, undefined, appFrame)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
  });
});
