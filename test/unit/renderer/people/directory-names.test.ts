/**
 * Names and presence for raw ACS ids: one batched people:lookup per moment, the directory's
 * name in call history, call screens and the chat list (today's fallback otherwise), and a
 * presence dot beside one-to-one conversations and the remote party of a call.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallHistoryView } from '../../../../contract/channels-calls.js';
import type { CallHistoryState } from '../../../../renderer/calling/call-history-state.svelte.js';
import CallHistoryList from '../../../../renderer/calling/CallHistoryList.svelte';
import ActiveCall from '../../../../renderer/calling/ActiveCall.svelte';
import ConversationList from '../../../../renderer/chat/ConversationList.svelte';
import type { ConversationRow } from '../../../../renderer/chat/chat-store.svelte.js';
import { DirectoryCache } from '../../../../renderer/people/directory-cache.svelte.js';
import { setPeopleRuntime } from '../../../../renderer/people/people-runtime.svelte.js';
import { setup } from '../calling/service-setup.js';
import { fakeSoftphone } from '../fake-softphone.js';
import { ana, andres, anaBot, peopleFake } from './people-fixtures.js';

const since = '2026-12-01T09:00:00Z';

afterEach(() => setPeopleRuntime(null));

describe('DirectoryCache', () => {
  it('asks main once for the ids of one moment, remembers unknown ones, and skips what is not an ACS user', async () => {
    const f = peopleFake({ directory: [ana, andres] });
    const cache = f.runtime.directory;
    expect(cache.nameOf(ana.communicationUserId)).toBeNull();
    expect(cache.nameOf(andres.communicationUserId)).toBeNull();
    expect(cache.nameOf('8:acs:unknown')).toBeNull();
    expect(cache.nameOf('4:+14255550100')).toBeNull();
    await waitFor(() => expect(cache.nameOf(ana.communicationUserId)).toBe('Ana García'));
    expect(cache.nameOf(andres.communicationUserId)).toBe('Andrés Ruiz');
    expect(f.recorded.lookups).toEqual([[ana.communicationUserId, andres.communicationUserId, '8:acs:unknown']]);
    cache.nameOf('8:acs:unknown');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(f.recorded.lookups).toHaveLength(1);
  });

  it('sends at most 100 ids a lookup', async () => {
    const f = peopleFake();
    for (let i = 0; i < 150; i++) f.runtime.directory.person(`8:acs:user${i}`);
    await waitFor(() => expect(f.recorded.lookups.map((ids) => ids.length)).toEqual([100, 50]));
  });

  it('waits before asking again after a failed lookup', async () => {
    let now = 0;
    const fake = fakeSoftphone();
    const cache = new DirectoryCache(fake.api, { batchMs: 0, retryAfterMs: 1000, now: () => now });
    const lookups = () => fake.calls.filter((c) => c === 'people:lookup').length;
    cache.person('8:acs:x');
    await waitFor(() => expect(lookups()).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 5));
    cache.person('8:acs:x');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(lookups()).toBe(1);
    now = 2000;
    cache.person('8:acs:x');
    await waitFor(() => expect(lookups()).toBe(2));
  });
});

describe('directory names and dots in calls and chat', () => {
  it('call history shows the directory name for ACS ids it knows, and the old fallback otherwise', async () => {
    setPeopleRuntime(peopleFake({ directory: [ana] }).runtime);
    const entry = { direction: 'outgoing', startedAt: '2026-11-25T08:00:00.000Z', durationSeconds: 0, outcome: 'completed', endCode: 0, endSubCode: 0 } as const;
    const view: CallHistoryView = {
      missedCount: 0,
      entries: [
        { ...entry, id: '1', peerRawId: ana.communicationUserId!, peerDisplay: ana.communicationUserId! },
        { ...entry, id: '2', peerRawId: '8:acs:stranger', peerDisplay: '' },
        { ...entry, id: '3', peerRawId: '4:+14255550111', peerDisplay: 'Sam' },
      ],
    };
    const oncallback = vi.fn();
    render(CallHistoryList, { history: { view, recoveredBackupPath: null } as unknown as CallHistoryState, oncallback });
    await fireEvent.click(await screen.findByRole('button', { name: 'Call back Ana García' }));
    expect(oncallback).toHaveBeenCalledWith(ana.communicationUserId);
    expect(screen.getByRole('button', { name: 'Call back 8:acs:stranger' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Call back Sam' })).toBeInTheDocument();
  });

  it('a directory change from the service makes the next render ask for the person again', async () => {
    const directory = [ana];
    const f = peopleFake({ directory });
    setPeopleRuntime(f.runtime);
    const entry = { direction: 'outgoing', startedAt: '2026-11-25T08:00:00.000Z', durationSeconds: 0, outcome: 'completed', endCode: 0, endSubCode: 0 } as const;
    const view: CallHistoryView = { missedCount: 0, entries: [{ ...entry, id: '1', peerRawId: ana.communicationUserId!, peerDisplay: '' }] };
    render(CallHistoryList, { history: { view, recoveredBackupPath: null } as unknown as CallHistoryState, oncallback: vi.fn() });
    await screen.findByRole('button', { name: 'Call back Ana García' });
    // Ana signed in with her new name; the service tells everyone watching her.
    directory[0] = { ...ana, displayName: 'Ana García-López' };
    f.emit('people:directoryChanged', { personId: 'p_someone_else' });
    f.emit('people:directoryChanged', { personId: ana.id });
    await screen.findByRole('button', { name: 'Call back Ana García-López' });
    expect(f.recorded.lookups).toEqual([[ana.communicationUserId], [ana.communicationUserId]]);
  });

  it('the chat list names one-to-one conversations from the directory, with the person\'s presence; bots get no dot', async () => {
    const f = peopleFake({ directory: [ana, anaBot], presence: [{ personId: ana.id, status: 'away', since }] });
    setPeopleRuntime(f.runtime);
    const row = (threadId: string, participants: ConversationRow['participants'], title: string | null, topic = ''): ConversationRow => ({
      threadId,
      loaded: true,
      topic,
      lastActivity: null as unknown as number,
      participants,
      title,
      preview: null,
      unread: 0,
    });
    render(ConversationList, {
      conversations: [
        row('a', [{ id: '8:acs:me', displayName: 'Me' }, { id: ana.communicationUserId!, displayName: 'ana (old name)' }], 'ana (old name)'),
        row('b', [{ id: '8:acs:me', displayName: 'Me' }, { id: anaBot.communicationUserId!, displayName: 'bot' }], 'bot'),
        row('c', [{ id: '8:acs:me', displayName: 'Me' }, { id: ana.communicationUserId!, displayName: 'x' }, { id: '8:acs:zoe', displayName: 'Zoe' }], 'Launch', 'Launch'),
      ],
      selected: null,
      selfId: '8:acs:me',
      loaded: true,
      onselect: vi.fn(),
      onnew: vi.fn(),
    });
    const first = await screen.findByRole('button', { name: /Ana García/ });
    await waitFor(() => expect(first.querySelector('[role="img"]')).toHaveAccessibleName('Away'));
    const bot = screen.getByRole('button', { name: /Ana Helpdesk/ });
    expect(bot.querySelector('[role="img"]')).toBeNull();
    // A group keeps its topic and has no dot.
    const group = screen.getByRole('button', { name: /Launch/ });
    expect(group.querySelector('[role="img"]')).toBeNull();
    await waitFor(() => expect(f.recorded.watches.at(-1)).toEqual([ana.id]));
  });

  it('a call shows the remote party under the directory name, with their presence', async () => {
    const f = peopleFake({ directory: [andres], presence: [{ personId: andres.id, status: 'inACall', since }] });
    setPeopleRuntime(f.runtime);
    const { service, double } = await setup({}, { deps: { now: () => Date.now() } });
    await service.answer(double.client.agent!.ring({ identifier: { kind: 'communicationUser', communicationUserId: andres.communicationUserId! } }).id);
    render(ActiveCall, { service, session: service.active!, muteShortcut: 'Ctrl+Shift+M' });
    expect(await screen.findByRole('article', { name: 'Andrés Ruiz' })).toBeInTheDocument();
    expect(await screen.findByRole('img', { name: 'In a call' })).toBeInTheDocument();
  });
});
