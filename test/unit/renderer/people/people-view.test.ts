/**
 * The People section's states (signed out, contacts loading, favourites and recents, empty,
 * results with "Show more", nobody found, errors with Try again, no directory), its actions,
 * and its keyboard; and the status line's live channel.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import PeopleView from '../../../../renderer/people/PeopleView.svelte';
import StatusArea from '../../../../renderer/shell/StatusArea.svelte';
import { NetworkState } from '../../../../renderer/shell/network-state.svelte.js';
import { setPeopleRuntime } from '../../../../renderer/people/people-runtime.svelte.js';
import { chatSession } from '../../../../renderer/chat/chat-session.svelte.js';
import { i18n } from '../../../../renderer/i18n/i18n.svelte.js';
import type { Contacts, DirectoryPage } from '../../../../contract/channels-people.js';
import type { IpcResult } from '../../../../contract/index.js';
import { ana, anaBot, andres, ok, peopleFake, type PeopleFakeOptions } from './people-fixtures.js';

const since = '2026-12-01T09:00:00Z';
const presence = [
  { personId: ana.id, status: 'inACall' as const, since },
  { personId: andres.id, status: 'offline' as const, since },
];

afterEach(async () => {
  setPeopleRuntime(null);
  vi.restoreAllMocks();
  await i18n.setLocale('en');
});

function view(options: PeopleFakeOptions = {}, props: { signedIn?: boolean; chatAllowed?: boolean } = {}) {
  const f = peopleFake({ presence, ...options });
  render(PeopleView, { people: f.runtime, signedIn: props.signedIn ?? true, selfId: '8:acs:me', chatAllowed: props.chatAllowed ?? true });
  return f;
}

const rowOf = (name: string) => screen.getByText(name).closest('li') as HTMLElement;

describe('PeopleView', () => {
  it('asks to sign in when nobody is', () => {
    const f = view({}, { signedIn: false });
    expect(screen.getByText('Sign in to find people in your organisation.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Search people')).toBeNull();
    expect(f.calls.filter((c) => c.startsWith('people:'))).toEqual([]);
  });

  it('shows favourites and recents with presence while the box is empty, and says when they are empty', async () => {
    let answer: (value: IpcResult<Contacts>) => void = () => {};
    const f = view({ contacts: () => new Promise((resolve) => (answer = resolve)) });
    expect(await screen.findByText('Loading your contacts…')).toBeInTheDocument();
    answer(ok({ favourites: [ana], recents: [anaBot, andres] }));
    const favourites = await screen.findByRole('region', { name: 'Favourites' });
    const recents = screen.getByRole('region', { name: 'Recent' });
    expect(within(favourites).getByText('Ana García')).toBeInTheDocument();
    expect(within(favourites).getByText('ana@contoso.com')).toBeInTheDocument();
    expect(within(recents).getAllByRole('listitem')).toHaveLength(2);
    await waitFor(() => expect(within(rowOf('Ana García')).getByRole('img')).toHaveAccessibleName('In a call'));
    expect(within(rowOf('Andrés Ruiz')).getByRole('img')).toHaveAccessibleName('Offline');
    // A bot: labelled, no presence dot (and not watched).
    expect(within(rowOf('Ana Helpdesk')).getByText('Bot')).toBeInTheDocument();
    expect(within(rowOf('Ana Helpdesk')).queryByRole('img')).toBeNull();
    expect(f.recorded.watches.at(-1)?.sort()).toEqual([ana.id, andres.id].sort());
    expect(within(rowOf('Ana García')).getByRole('button', { name: 'Remove Ana García from favourites' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('says when there are no favourites or recents yet', async () => {
    view();
    expect(await screen.findByText('No favourites yet. Star someone to keep them here.')).toBeInTheDocument();
    expect(screen.getByText('People you call or chat with appear here.')).toBeInTheDocument();
  });

  it('searches as the user types, pages with "Show more", and says when nobody matches', async () => {
    const f = view({
      pages: {
        an: { people: [ana, andres], nextCursor: 'c2' },
        'an|c2': { people: [anaBot], nextCursor: null },
      },
    });
    const box = screen.getByLabelText('Search people');
    await fireEvent.input(box, { target: { value: 'an' } });
    const results = await screen.findByRole('region', { name: 'Search results' });
    await waitFor(() => expect(within(results).getAllByRole('listitem')).toHaveLength(2));
    expect(screen.getByRole('status')).toHaveTextContent('2 people found');
    await fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(within(results).getAllByRole('listitem')).toHaveLength(3));
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
    expect(f.recorded.searches).toEqual([{ query: 'an' }, { query: 'an', cursor: 'c2' }]);

    await fireEvent.input(box, { target: { value: 'zzz' } });
    expect(await screen.findByText('Nobody found for “zzz”.')).toBeInTheDocument();
    // Emptied: back to the contacts.
    await fireEvent.input(box, { target: { value: '' } });
    expect(await screen.findByRole('region', { name: 'Favourites' })).toBeInTheDocument();
  });

  it('moves through the people with the arrow keys, from the box and back', async () => {
    view({ pages: { an: { people: [ana, andres], nextCursor: null } } });
    const box = screen.getByLabelText('Search people');
    await fireEvent.input(box, { target: { value: 'an' } });
    await screen.findByText('Andrés Ruiz');
    box.focus();
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(screen.getByRole('button', { name: 'Call Ana García' })).toHaveFocus();
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(screen.getByRole('button', { name: 'Call Andrés Ruiz' })).toHaveFocus();
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(box).toHaveFocus();
  });

  it('shows a failure with Try again, and the results once it works', async () => {
    let fail = true;
    view({
      search: (): IpcResult<DirectoryPage> =>
        fail ? { ok: false, error: { code: 'failed', messageKey: 'orgService:errors.unreachable' } } : ok({ people: [ana], nextCursor: null }),
    });
    await fireEvent.input(screen.getByLabelText('Search people'), { target: { value: 'ana' } });
    expect(await screen.findByRole('alert')).toHaveTextContent("Your organisation's service cannot be reached.");
    fail = false;
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Ana García')).toBeInTheDocument();
  });

  it.each([
    ['orgService:errors.notSupported', 'Your organisation\'s service does not offer this yet.'],
    ['orgService:errors.signedOut', 'Sign in to see the people of your organisation.'],
    ['people:errors.noDirectory', 'Your organisation\'s service has no people directory'],
  ])('says %s (no directory, not signed in) without a Try again that cannot help', async (messageKey, text) => {
    view({ search: () => ({ ok: false, error: { code: 'failed', messageKey } }) });
    await fireEvent.input(screen.getByLabelText('Search people'), { target: { value: 'ana' } });
    expect(await screen.findByRole('alert')).toHaveTextContent(text);
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('says when the favourites are full, in main\'s words', async () => {
    view({
      contacts: { favourites: [], recents: [ana] },
      answers: { 'people:setFavourite': () => ({ ok: false, error: { code: 'failed', messageKey: 'orgService:contacts.favouritesFull', params: { max: 200 } } }) },
    });
    await fireEvent.click(await screen.findByRole('button', { name: 'Add Ana García to favourites' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You can keep up to 200 favourites.');
  });

  it('translates a contacts failure, and tries again', async () => {
    let fail = true;
    view({ contacts: () => (fail ? { ok: false, error: { code: 'internal', messageKey: 'errors:ipc.internal' } } : ok({ favourites: [ana], recents: [] })) });
    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong while looking for people.');
    fail = false;
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('region', { name: 'Favourites' })).toBeInTheDocument();
  });

  it('calls and chats with a person through the app flows, noting them as recent; stars them', async () => {
    const open = vi.spyOn(chatSession, 'openConversationWith').mockImplementation(() => {});
    const f = view({ pages: { ana: { people: [ana], nextCursor: null } } });
    await fireEvent.input(screen.getByLabelText('Search people'), { target: { value: 'ana' } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Chat with Ana García' }));
    expect(open).toHaveBeenCalledWith({ userId: ana.communicationUserId, displayName: 'Ana García' });
    await waitFor(() => expect(f.recorded.noted).toEqual([ana]));
    // No calling runtime here: the calling flow's own message.
    await fireEvent.click(screen.getByRole('button', { name: 'Call Ana García' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Calling is not connected yet');
    expect(f.recorded.noted).toHaveLength(2);
    await fireEvent.click(screen.getByRole('button', { name: 'Add Ana García to favourites' }));
    expect(await screen.findByRole('button', { name: 'Remove Ana García from favourites' })).toHaveAttribute('aria-pressed', 'true');
    expect(f.recorded.favourites).toEqual([{ person: ana, favourite: true }]);
  });

  it('offers no Chat when IT turned chat off', async () => {
    view({ contacts: { favourites: [ana], recents: [] } }, { chatAllowed: false });
    expect(await screen.findByRole('button', { name: 'Call Ana García' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Chat with Ana García' })).toBeNull();
  });

  it('speaks Spanish', async () => {
    await i18n.setLocale('es');
    view();
    expect(screen.getByLabelText('Buscar personas')).toBeInTheDocument();
    expect(await screen.findByText('Aún no tiene favoritos. Marque a alguien con la estrella para tenerlo aquí.')).toBeInTheDocument();
  });
});

describe('the status line: live channel', () => {
  it('shows connected, reconnecting and offline as main reports them, in English and Spanish', async () => {
    const f = peopleFake({ live: { status: 'connecting', retryAt: null } });
    setPeopleRuntime(f.runtime);
    render(StatusArea, { network: new NetworkState() });
    const pill = await screen.findByTestId('live');
    expect(pill).toHaveTextContent('Live updates: Connecting…');
    f.emit('live:stateChanged', { status: 'connected', retryAt: null });
    await waitFor(() => expect(screen.getByTestId('live')).toHaveTextContent('Live updates: Connected'));
    expect(screen.getByTestId('live')).toHaveAttribute('data-status', 'connected');
    f.emit('live:stateChanged', { status: 'reconnecting', retryAt: Date.now() + 10_000 });
    await waitFor(() => expect(screen.getByTestId('live')).toHaveTextContent('Live updates: Reconnecting…'));
    expect(screen.getByTestId('live').getAttribute('title')).toMatch(/^Reconnecting at /);
    f.emit('live:stateChanged', { status: 'offline', retryAt: null });
    await waitFor(() => expect(screen.getByTestId('live')).toHaveTextContent('Live updates: Offline'));
    await i18n.setLocale('es');
    await waitFor(() => expect(screen.getByTestId('live')).toHaveTextContent('Actualizaciones en directo: Sin conexión'));
    f.emit('live:stateChanged', { status: 'reconnecting', retryAt: null });
    await waitFor(() => expect(screen.getByTestId('live')).toHaveTextContent('Actualizaciones en directo: Reconectando…'));
  });

  it('shows nothing for the live channel while signed out or when the service has none', async () => {
    const f = peopleFake({ live: { status: 'signedOut', retryAt: null } });
    setPeopleRuntime(f.runtime);
    render(StatusArea, { network: new NetworkState() });
    await waitFor(() => expect(f.calls).toContain('live:getState'));
    expect(screen.queryByTestId('live')).toBeNull();
  });
});
