/**
 * The person picker (a combobox) on its own and where it is used: the dial box (names offer
 * people; numbers and raw IDs dial as before), New chat (people as chips; raw IDs typed or
 * pasted still accepted) and Add people in a conversation.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import PersonPicker from '../../../../renderer/people/PersonPicker.svelte';
import DialPanel from '../../../../renderer/calling/DialPanel.svelte';
import NewConversation from '../../../../renderer/chat/NewConversation.svelte';
import ParticipantsPanel from '../../../../renderer/chat/ParticipantsPanel.svelte';
import { setPeopleRuntime } from '../../../../renderer/people/people-runtime.svelte.js';
import { setup } from '../calling/service-setup.js';
import { ana, anaBot, andres, anneNew, peopleFake } from './people-fixtures.js';

const pages = {
  an: { people: [ana, andres, anaBot, anneNew], nextCursor: 'page2' },
  'an|page2': { people: [{ ...ana, id: 'p_anabel', displayName: 'Anabel Soto', email: 'anabel@contoso.com', communicationUserId: '8:acs:11111111-2222-3333-4444-555555555555_0000-anabel' }], nextCursor: null },
  ana: { people: [ana], nextCursor: null },
};

afterEach(() => setPeopleRuntime(null));

function picker(options: { onenter?: (text: string) => void } = {}) {
  const f = peopleFake({ pages, presence: [{ personId: ana.id, status: 'available', since: '2026-12-01T09:00:00Z' }] });
  const onpick = vi.fn();
  render(PersonPicker, { id: 'find', label: 'Find someone', onpick, people: f.runtime, ...options });
  return { ...f, onpick, box: screen.getByRole('combobox', { name: 'Find someone' }) };
}

describe('PersonPicker', () => {
  it('offers people as the user types, moves with the arrow keys and picks with Enter', async () => {
    const p = picker();
    expect(p.box).toHaveAttribute('aria-expanded', 'false');
    await fireEvent.input(p.box, { target: { value: 'an' } });
    const listbox = await screen.findByRole('listbox', { name: 'Suggestions' });
    expect(p.box).toHaveAttribute('aria-expanded', 'true');
    expect(p.box).toHaveAttribute('aria-controls', listbox.id);
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(4));
    // People without an ACS identity cannot be called or chatted with: not offered.
    expect(screen.getAllByRole('option').map((o) => o.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Ana García ana@contoso.com',
      'Andrés Ruiz andres@contoso.com',
      'Bot Ana Helpdesk',
      'Show more',
    ]);
    // The bot has its label and no presence dot; Ana's dot says she is available.
    const [first, , bot] = screen.getAllByRole('option');
    expect(bot!.querySelector('[role="img"]')).toBeNull();
    await waitFor(() => expect(first!.querySelector('[role="img"]')).toHaveAccessibleName('Available'));
    expect(p.recorded.searches).toEqual([{ query: 'an' }]);

    await fireEvent.keyDown(p.box, { key: 'ArrowDown' });
    expect(p.box).toHaveAttribute('aria-activedescendant', first!.id);
    expect(first).toHaveAttribute('aria-selected', 'true');
    await fireEvent.keyDown(p.box, { key: 'ArrowDown' });
    await fireEvent.keyDown(p.box, { key: 'ArrowUp' });
    expect(p.box).toHaveAttribute('aria-activedescendant', first!.id);
    // The focus never left the box.
    expect(document.activeElement === p.box || document.activeElement === document.body).toBe(true);
    await fireEvent.keyDown(p.box, { key: 'Enter' });
    expect(p.onpick).toHaveBeenCalledWith(ana);
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(p.box).not.toHaveAttribute('aria-activedescendant');
  });

  it('pages on with "Show more", from the keyboard too', async () => {
    const p = picker();
    await fireEvent.input(p.box, { target: { value: 'an' } });
    await screen.findByRole('option', { name: 'Show more' });
    await fireEvent.keyDown(p.box, { key: 'ArrowUp' });
    expect(p.box).toHaveAttribute('aria-activedescendant', screen.getByRole('option', { name: 'Show more' }).id);
    await fireEvent.keyDown(p.box, { key: 'Enter' });
    expect(await screen.findByRole('option', { name: /Anabel Soto/ })).toBeInTheDocument();
    expect(p.recorded.searches).toEqual([{ query: 'an' }, { query: 'an', cursor: 'page2' }]);
    expect(screen.queryByRole('option', { name: 'Show more' })).toBeNull();
    expect(p.onpick).not.toHaveBeenCalled();
  });

  it('closes with Escape, and picks with a click', async () => {
    const p = picker();
    await fireEvent.input(p.box, { target: { value: 'ana' } });
    await screen.findByRole('option', { name: /Ana García/ });
    await fireEvent.keyDown(p.box, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(p.box).toHaveAttribute('aria-expanded', 'false');
    expect(p.box).toHaveValue('ana');
    await fireEvent.keyDown(p.box, { key: 'ArrowDown' });
    await fireEvent.click(await screen.findByRole('option', { name: /Ana García/ }));
    expect(p.onpick).toHaveBeenCalledWith(ana);
  });

  it('says when nobody matches, and gives a raw ID typed to onenter', async () => {
    const onenter = vi.fn();
    const p = picker({ onenter });
    await fireEvent.input(p.box, { target: { value: 'zed' } });
    expect(await screen.findByText('Nobody found for “zed”.')).toBeInTheDocument();
    await fireEvent.input(p.box, { target: { value: '8:acs:zed' } });
    await fireEvent.keyDown(p.box, { key: 'Enter' });
    expect(onenter).toHaveBeenCalledWith('8:acs:zed');
    expect(p.onpick).not.toHaveBeenCalled();
  });
});

describe('the dial box with people', () => {
  it('offers people for a name and calls the one picked by their ACS identity', async () => {
    const f = peopleFake({ pages });
    setPeopleRuntime(f.runtime);
    const { service, double } = await setup();
    render(DialPanel, { service, defaultCountry: 'US' });
    const box = screen.getByRole('combobox', { name: 'Name, number or ID' });
    await fireEvent.input(box, { target: { value: 'ana' } });
    await screen.findByRole('option', { name: /Ana García/ });
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    // Enter picks (it does not submit the form with the half-typed name).
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(box).toHaveValue('Ana García');
    expect(await screen.findByText('Will call Ana García')).toBeInTheDocument();
    expect(double.client.agent!.started).toHaveLength(0);
    await fireEvent.click(screen.getByRole('button', { name: 'Call' }));
    await waitFor(() => expect(double.client.agent!.started[0]?.participants).toEqual([{ communicationUserId: ana.communicationUserId }]));
    await waitFor(() => expect(f.recorded.noted).toEqual([ana]));
    expect(box).toHaveValue('');
  });

  it('does not search for numbers or raw IDs, which dial as before', async () => {
    const f = peopleFake({ pages });
    setPeopleRuntime(f.runtime);
    const { service, double } = await setup();
    render(DialPanel, { service, defaultCountry: 'US' });
    const box = screen.getByLabelText('Name, number or ID');
    await fireEvent.input(box, { target: { value: '+1 425 555 0100' } });
    await fireEvent.input(box, { target: { value: '8:echo123' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(f.recorded.searches).toEqual([]);
    expect(screen.queryByRole('listbox')).toBeNull();
    await fireEvent.input(box, { target: { value: '4255550100' } });
    await fireEvent.submit(box.closest('form')!);
    await waitFor(() => expect(double.client.agent!.started[0]?.participants).toEqual([{ phoneNumber: '+14255550100' }]));
  });

  it('drops the person picked when the text is edited', async () => {
    const f = peopleFake({ pages });
    setPeopleRuntime(f.runtime);
    const { service } = await setup();
    render(DialPanel, { service, defaultCountry: 'US' });
    const box = screen.getByLabelText('Name, number or ID');
    await fireEvent.input(box, { target: { value: 'ana' } });
    await fireEvent.click(await screen.findByRole('option', { name: /Ana García/ }));
    expect(await screen.findByText('Will call Ana García')).toBeInTheDocument();
    await fireEvent.input(box, { target: { value: 'Ana Garcí' } });
    expect(screen.queryByText('Will call Ana García')).toBeNull();
  });
});

describe('New chat with people', () => {
  it('picks people as chips, takes pasted IDs too, and starts the chat with their names', async () => {
    const f = peopleFake({ pages, directory: [andres] });
    const oncreate = vi.fn(async () => undefined);
    render(NewConversation, { oncreate, oncancel: vi.fn(), people: f.runtime });
    const box = screen.getByRole('combobox', { name: 'People' });
    await fireEvent.input(box, { target: { value: 'ana' } });
    await screen.findByRole('option', { name: /Ana García/ });
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    await fireEvent.keyDown(box, { key: 'Enter' });
    const chips = screen.getByRole('list', { name: 'Chosen people' });
    expect(chips).toHaveTextContent('Ana García');
    expect(box).toHaveValue('');

    // Ana is chosen: she is not offered again.
    await fireEvent.input(box, { target: { value: 'an' } });
    await screen.findByRole('option', { name: /Andrés Ruiz/ });
    expect(screen.queryByRole('option', { name: /Ana García/ })).toBeNull();
    await fireEvent.keyDown(box, { key: 'Escape' });
    await fireEvent.input(box, { target: { value: '' } });

    // Pasted IDs become chips at once, under the directory's name when it knows them.
    const paste = new Event('paste', { bubbles: true, cancelable: true }) as Event & { clipboardData: unknown };
    paste.clipboardData = { getData: () => `${andres.communicationUserId}\n8:acs:someone-else` };
    await fireEvent(box, paste);
    expect(paste.defaultPrevented).toBe(true);
    await waitFor(() => expect(chips).toHaveTextContent('Andrés Ruiz'));
    expect(screen.getByRole('button', { name: 'Remove 8:acs:someone-else' })).toBeInTheDocument();

    await fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    expect(screen.getByRole('alert')).toHaveTextContent('A group chat needs a topic.');
    await fireEvent.input(screen.getByLabelText('Topic'), { target: { value: 'Launch' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    expect(oncreate).toHaveBeenCalledWith('Launch', [{ id: ana.communicationUserId, displayName: 'Ana García' }, { id: andres.communicationUserId }, { id: '8:acs:someone-else' }]);
    await waitFor(() => expect(f.recorded.noted).toEqual([ana]));
  });

  it('adds a raw ID typed with Enter, and refuses what is not one', async () => {
    const f = peopleFake({ pages });
    render(NewConversation, { oncreate: vi.fn(async () => undefined), oncancel: vi.fn(), people: f.runtime });
    const box = screen.getByRole('combobox', { name: 'People' });
    await fireEvent.input(box, { target: { value: '8:acs:bob' } });
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(screen.getByRole('button', { name: 'Remove 8:acs:bob' })).toBeInTheDocument();
    await fireEvent.input(box, { target: { value: 'bob@example' } });
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(screen.getByRole('alert')).toHaveTextContent('“bob@example” is not an ACS user ID');
  });
});

describe('Add people in a conversation', () => {
  it('adds the person picked under the directory name, and names participants from the directory', async () => {
    const f = peopleFake({ pages, directory: [andres] });
    setPeopleRuntime(f.runtime);
    const onadd = vi.fn(async () => undefined);
    render(ParticipantsPanel, {
      participants: [
        { id: '8:acs:me', displayName: 'Me' },
        { id: andres.communicationUserId!, displayName: '8:acs:…andres' },
      ],
      selfId: '8:acs:me',
      onadd,
      onremove: vi.fn(async () => undefined),
      onclose: vi.fn(),
    });
    expect(await screen.findByText('Andrés Ruiz')).toBeInTheDocument();
    const box = screen.getByRole('combobox', { name: 'Add someone' });
    await fireEvent.input(box, { target: { value: 'ana' } });
    await fireEvent.click(await screen.findByRole('option', { name: /Ana García/ }));
    expect(onadd).toHaveBeenCalledWith(ana.communicationUserId, 'Ana García');
  });
});
