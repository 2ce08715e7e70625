/**
 * The presence store: views register the people they show, the store merges them into one
 * bounded set for people:watchPresence (debounced), follows people:presenceChanged, and drops
 * what no view shows any more. And the dot that shows a status, by its label.
 */
import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { PresenceWatch } from '../../../../renderer/people/presence-watch.svelte.js';
import PresenceDot from '../../../../renderer/people/PresenceDot.svelte';
import { i18n } from '../../../../renderer/i18n/i18n.svelte.js';
import { fakeSoftphone } from '../fake-softphone.js';
import { peopleFake } from './people-fixtures.js';

const since = '2026-12-01T09:00:00Z';
const sorted = (ids: string[] | undefined) => [...(ids ?? [])].sort();

afterEach(() => i18n.setLocale('en'));

describe('PresenceWatch', () => {
  it('sends the union of what the views show, once, and answers each status', async () => {
    const f = peopleFake({ presence: [{ personId: 'a', status: 'available', since }, { personId: 'c', status: 'inACall', since }] });
    const watch = f.runtime.presence;
    const people = watch.register(['a', 'b']);
    const chat = watch.register(['b', 'c']);
    await watch.flush();
    expect(f.recorded.watches).toHaveLength(1);
    expect(sorted(f.recorded.watches[0])).toEqual(['a', 'b', 'c']);
    expect(watch.status('a')).toBe('available');
    expect(watch.status('c')).toBe('inACall');
    expect(watch.status('b')).toBeNull();

    // One view goes: who only it showed leaves the set; b stays (the other view shows them).
    people.release();
    await watch.flush();
    expect(sorted(f.recorded.watches.at(-1))).toEqual(['b', 'c']);
    expect(watch.status('a')).toBeNull();

    // Changes come for who is watched; one for somebody no view shows is not kept.
    f.emit('people:presenceChanged', [{ personId: 'b', status: 'away', since }, { personId: 'a', status: 'busy', since }]);
    expect(watch.status('b')).toBe('away');
    expect(watch.status('a')).toBeNull();

    // The same set again is not sent again.
    chat.update(['c', 'b']);
    await watch.flush();
    expect(f.recorded.watches).toHaveLength(2);

    chat.release();
    await watch.flush();
    expect(f.recorded.watches.at(-1)).toEqual([]);
  });

  it('waits for the changes to settle before sending', async () => {
    const fake = fakeSoftphone({ 'people:watchPresence': { presence: [] } });
    const watch = new PresenceWatch(fake.api, { debounceMs: 20 });
    const view = watch.register(['a']);
    view.update(['a', 'b']);
    view.update(['a', 'b', 'c']);
    expect(fake.calls.filter((c) => c === 'people:watchPresence')).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(fake.calls.filter((c) => c === 'people:watchPresence')).toHaveLength(1);
    watch.dispose();
  });

  it('keeps the set within 500 people, the most recently shown', async () => {
    const f = peopleFake();
    const watch = f.runtime.presence;
    watch.register(Array.from({ length: 400 }, (_, i) => `old${i}`));
    watch.register(Array.from({ length: 200 }, (_, i) => `new${i}`));
    await watch.flush();
    const sent = f.recorded.watches.at(-1)!;
    expect(sent).toHaveLength(500);
    expect(sent).toContain('new199');
    expect(sent).toContain('old399');
    expect(sent).not.toContain('old0');
  });

  it('shows no status when main cannot answer, and tries again with the next change', async () => {
    const fake = fakeSoftphone();
    const watch = new PresenceWatch(fake.api, { debounceMs: 0 });
    const view = watch.register(['a']);
    await watch.flush();
    expect(watch.status('a')).toBeNull();
    view.update(['a']);
    await watch.flush();
    expect(fake.calls.filter((c) => c === 'people:watchPresence')).toHaveLength(2);
  });

  it('forgets what it heard for the previous user, and sends the set again', async () => {
    const f = peopleFake({ presence: [{ personId: 'a', status: 'available', since }] });
    const watch = f.runtime.presence;
    watch.register(['a']);
    await watch.flush();
    expect(watch.status('a')).toBe('available');
    f.runtime.reset();
    expect(watch.status('a')).toBeNull();
    await watch.flush();
    expect(f.recorded.watches).toHaveLength(2);
  });
});

describe('PresenceDot', () => {
  it.each([
    ['available', 'Available'],
    ['busy', 'Busy'],
    ['doNotDisturb', 'Do not disturb'],
    ['beRightBack', 'Be right back'],
    ['away', 'Away'],
    ['inACall', 'In a call'],
    ['offline', 'Offline'],
    [null, 'Presence unknown'],
  ] as const)('%s is labelled "%s"', (status, label) => {
    render(PresenceDot, { status });
    expect(screen.getByRole('img', { name: label })).toHaveAttribute('data-status', status ?? 'unknown');
  });

  it('says it in Spanish', async () => {
    await i18n.setLocale('es');
    render(PresenceDot, { status: 'inACall' });
    expect(screen.getByRole('img', { name: 'En una llamada' })).toBeInTheDocument();
  });
});
