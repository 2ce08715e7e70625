/**
 * The people:* and live:* channels through the real router and main's real services (the
 * service's people routes answered by test/fixtures/fake-org-people.ts).
 */
import { describe, expect, it, vi } from 'vitest';
import type { IncomingCall } from '../../../contract/channels-tray.js';
import { recordingDesktop } from '../../fixtures/desktop-recorder.js';
import { appFrame, startTestMainServices } from '../../fixtures/main-services.js';
import { fakeColleagues } from '../../fixtures/fake-org-people.js';

const [ada, jose] = fakeColleagues as [typeof fakeColleagues[0], typeof fakeColleagues[0]];
const dispatch = (services: ReturnType<typeof startTestMainServices>['services'], channel: string, payload?: unknown) => services.router.dispatch(channel, payload, appFrame);

describe('people channels', () => {
  it('searches and looks up through the directory', async () => {
    const { services } = startTestMainServices();
    expect(await dispatch(services, 'people:search', { query: 'jos' })).toEqual({ ok: true, value: { people: [jose], nextCursor: null } });
    expect(await dispatch(services, 'people:lookup', { communicationUserIds: [ada.communicationUserId, '8:acs:nobody'] })).toEqual({ ok: true, value: { people: [ada] } });
  });

  it.each([
    ['people:search', { query: 'x'.repeat(101) }],
    ['people:search', { query: 'a', cursor: 'c'.repeat(513) }],
    ['people:lookup', { communicationUserIds: [] }],
    ['people:lookup', { communicationUserIds: Array.from({ length: 101 }, (_, i) => `8:acs:${i}`) }],
    ['people:watchPresence', { personIds: ['not an id!'] }],
    ['people:watchPresence', { personIds: Array.from({ length: 501 }, (_, i) => `p_${i}`) }],
    ['people:setFavourite', { person: { ...ada, kind: 'alien' }, favourite: true }],
    ['people:setFavourite', { person: { ...ada, displayName: '' }, favourite: true }],
    ['people:noteRecent', { person: { ...ada, admin: true } }],
    ['live:getState', { status: 'connected' }],
  ])('%s refuses %j with the typed error', async (channel, payload) => {
    const { services } = startTestMainServices();
    expect(await dispatch(services, channel, payload)).toMatchObject({ ok: false, error: { code: 'invalid-payload', messageKey: 'errors:ipc.invalidPayload' } });
  });

  it('watches presence: answers now, and the service has the set', async () => {
    const { services, orgPeople } = startTestMainServices();
    const result = await dispatch(services, 'people:watchPresence', { personIds: ['p_ada', 'p_unknown'] });
    expect(result).toEqual({ ok: true, value: { presence: [{ personId: 'p_ada', status: 'available', since: '2026-03-02T09:00:00.000Z' }] } });
    expect(orgPeople.subscriptions).toEqual(['p_ada', 'p_unknown']);
  });

  it('keeps favourites and recents, announces them, and clears them when the user signs out', async () => {
    const { services, events } = startTestMainServices();
    expect(await dispatch(services, 'people:setFavourite', { person: ada, favourite: true })).toEqual({ ok: true, value: { favourites: [ada], recents: [] } });
    expect(await dispatch(services, 'people:noteRecent', { person: jose })).toEqual({ ok: true, value: { favourites: [ada], recents: [jose] } });
    expect(events.sent.filter((e) => e.channel === 'people:contactsChanged').at(-1)?.payload).toEqual({ favourites: [ada], recents: [jose] });
    await dispatch(services, 'auth:signOut');
    expect(await dispatch(services, 'people:getContacts')).toEqual({ ok: true, value: { favourites: [], recents: [] } });
    expect(await dispatch(services, 'people:noteRecent', { person: jose })).toEqual({ ok: false, error: { code: 'failed', messageKey: 'orgService:errors.signedOut' } });
  });

  it('reports the live channel\'s state and its changes', async () => {
    const { services, events, orgPeople } = startTestMainServices();
    await vi.waitFor(() => expect(services.people.live.state.status).toBe('connected'), { timeout: 3000, interval: 5 });
    expect(await dispatch(services, 'live:getState')).toEqual({ ok: true, value: { status: 'connected', retryAt: null } });
    expect(events.sent.filter((e) => e.channel === 'live:stateChanged').at(-1)?.payload).toEqual({ status: 'connected', retryAt: null });
    // The hello makes main publish the user's own presence.
    await vi.waitFor(() => expect(orgPeople.published).toBe('available'), { timeout: 3000, interval: 5 });
    await dispatch(services, 'auth:signOut');
    expect(await dispatch(services, 'live:getState')).toEqual({ ok: true, value: { status: 'signedOut', retryAt: null } });
  });

  it('answers people calls with a translated error when signed out', async () => {
    const { services } = startTestMainServices({}, { signedIn: false });
    expect(await dispatch(services, 'people:search', { query: 'a' })).toEqual({ ok: false, error: { code: 'failed', messageKey: 'orgService:errors.signedOut' } });
  });
});

describe('names in notifications', () => {
  const call = (callerId: string, callerName: string): IncomingCall => ({ callId: 'b6a1c7e2-1f0a-4c55-9d1e-5b8f3a2c9e10', callerName, callerId, withVideo: false });
  /** Main signed in, the window hidden: every call and message raises a notification. */
  async function hidden() {
    const rec = recordingDesktop({ style: 'windows-toast', visible: false, focused: false });
    const { services } = startTestMainServices({ desktop: rec.desktop });
    await dispatch(services, 'deeplinks:ready');
    return { rec, services, title: () => rec.live().at(-1)?.spec.title, body: () => rec.live().at(-1)?.spec.body };
  }

  it('an incoming call shows the directory\'s name for a colleague, and what the network said otherwise', async () => {
    const { services, body } = await hidden();
    await dispatch(services, 'notifications:incomingCall', call(ada.communicationUserId!, 'Evil Spoofer'));
    expect(body()).toContain('Ada Lovelace');
    expect(body()).not.toContain('Evil Spoofer');
    await dispatch(services, 'notifications:incomingCall', { ...call('4:+34600000000', 'Front Desk'), callId: 'c6a1c7e2-1f0a-4c55-9d1e-5b8f3a2c9e10' });
    expect(body()).toContain('Front Desk');
  });

  it('a chat message names its sender from the directory, else by the name ACS gave, never by raw id', async () => {
    const { services, title } = await hidden();
    const message = { threadId: '19:abc@thread.v2', messageId: '1', preview: 'Lunch?' };
    await dispatch(services, 'notifications:chatMessage', { ...message, senderName: 'ada (typed by herself)', senderId: ada.communicationUserId });
    expect(title()).toBe('Ada Lovelace');
    await dispatch(services, 'notifications:chatMessage', { ...message, threadId: '19:b@thread.v2', senderName: 'Guest Gail', senderId: '8:acs:stranger' });
    expect(title()).toBe('Guest Gail');
    await dispatch(services, 'notifications:chatMessage', { ...message, threadId: '19:c@thread.v2', senderName: '', senderId: '8:acs:stranger' });
    expect(title()).toBe('Someone');
  });
});
