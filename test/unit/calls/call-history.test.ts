/** Call history in main: persistence, missed calls, corrupt files, and the activity blocker. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewCallHistoryEntry } from '../../../contract/channels-calls.js';
import { CallHistoryStore, maxHistoryEntries } from '../../../main/calls/call-history-store.js';
import { CallActivity, type DisplaySleepBlocker } from '../../../main/calls/call-activity.js';
import { MissedCalls } from '../../../main/notifications/missed-calls.js';
import { recordingDesktop } from '../../fixtures/desktop-recorder.js';
import { confStoreFactory } from '../../fixtures/conf-store-factory.js';
import { appFrame, startTestMainServices, tempDir } from '../../fixtures/main-services.js';

const entry = (overrides: Partial<NewCallHistoryEntry> = {}): NewCallHistoryEntry => ({
  direction: 'outgoing',
  peerRawId: '4:+14255550100',
  peerDisplay: '+14255550100',
  startedAt: '2026-11-25T09:00:00.000Z',
  durationSeconds: 30,
  outcome: 'completed',
  endCode: 0,
  endSubCode: 0,
  ...overrides,
});

const open = (directory: string) => new CallHistoryStore({ directory, factory: confStoreFactory, projectVersion: '0.1.0', now: () => new Date('2026-11-25T10:00:00Z') });

describe('CallHistoryStore', () => {
  it('keeps calls newest first across a restart, with ids', () => {
    const dir = tempDir();
    const first = open(dir);
    first.add(entry({ peerDisplay: 'first' }));
    first.add(entry({ peerDisplay: 'second', direction: 'incoming', outcome: 'missed', durationSeconds: 0 }));
    const again = open(dir);
    const view = again.view();
    expect(view.entries.map((e) => e.peerDisplay)).toEqual(['second', 'first']);
    expect(new Set(view.entries.map((e) => e.id)).size).toBe(2);
    expect(again.recoveryNotice).toBeNull();
    expect(existsSync(join(dir, 'call-history.json'))).toBe(true);
  });

  it('shows main\'s one missed-call count, keeps it across a restart, and forgets it once seen', () => {
    const dir = tempDir();
    const missed = new MissedCalls();
    const store = new CallHistoryStore({ directory: dir, factory: confStoreFactory, projectVersion: '0.1.0', missedCalls: missed });
    const views: number[] = [];
    store.onChange((view) => views.push(view.missedCount));
    // Recording a missed call does not count it: the notifier does, once per call ID.
    store.add(entry({ outcome: 'missed' }));
    expect(store.view().missedCount).toBe(0);
    missed.add('call-1');
    missed.add('call-1');
    missed.add('call-2');
    expect(store.view().missedCount).toBe(2);
    expect(views).toEqual([0, 1, 2]);
    // A restart: the tray's count starts where it was.
    const restartedCount = new MissedCalls();
    const again = new CallHistoryStore({ directory: dir, factory: confStoreFactory, projectVersion: '0.1.0', missedCalls: restartedCount });
    expect(restartedCount.count).toBe(2);
    expect(again.view().missedCount).toBe(2);
    restartedCount.add('call-3');
    restartedCount.markSeen();
    expect(again.view()).toMatchObject({ missedCount: 0 });
    expect(new CallHistoryStore({ directory: dir, factory: confStoreFactory, projectVersion: '0.1.0' }).view().missedCount).toBe(0);
    expect(again.view().entries).toHaveLength(1);
  });

  it('clearing the history also counts its missed calls as seen', () => {
    const missed = new MissedCalls();
    const store = new CallHistoryStore({ directory: tempDir(), factory: confStoreFactory, projectVersion: '0.1.0', missedCalls: missed });
    store.add(entry({ outcome: 'missed' }));
    missed.add('call-1');
    expect(store.clear()).toEqual({ entries: [], missedCount: 0 });
    expect(missed.count).toBe(0);
  });

  it('caps the history, dropping the oldest', () => {
    const store = open(tempDir());
    for (let i = 0; i < maxHistoryEntries + 5; i++) store.add(entry({ peerDisplay: `call ${i}` }));
    const entries = store.view().entries;
    expect(entries).toHaveLength(maxHistoryEntries);
    expect(entries[0]?.peerDisplay).toBe(`call ${maxHistoryEntries + 4}`);
  });

  it('refuses an entry that breaks the schema', () => {
    const store = open(tempDir());
    expect(() => store.add(entry({ outcome: 'exploded' as never }))).toThrow();
    expect(store.view().entries).toEqual([]);
  });

  it('moves an unreadable file aside, starts empty and says where the old one is', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'call-history.json'), '{ not json');
    const store = open(dir);
    expect(store.view()).toEqual({ entries: [], missedCount: 0 });
    expect(store.recoveryNotice?.backupPath).toMatch(/call-history\.unreadable-2026-11-25T10-00-00-000Z\.json$/);
    expect(readFileSync(store.recoveryNotice!.backupPath, 'utf8')).toBe('{ not json');
    store.add(entry());
    expect(open(dir).view().entries).toHaveLength(1);
  });

  it('drops only the bad entries of a hand-edited file and keeps a copy of the original', () => {
    const dir = tempDir();
    const good = { id: 'a', ...entry() };
    writeFileSync(join(dir, 'call-history.json'), JSON.stringify({ entries: [good, { id: 'b', outcome: 'nope' }, 'junk'], missedCount: 0 }));
    const store = open(dir);
    expect(store.view().entries).toEqual([good]);
    expect(store.recoveryNotice?.backupPath).toMatch(/invalid/);
    expect(JSON.parse(readFileSync(store.recoveryNotice!.backupPath, 'utf8')).entries).toHaveLength(3);
  });
});

describe('calls channels through the real router', () => {
  it('adds, lists, emits historyChanged, and survives a restart of the services', async () => {
    const dir = tempDir();
    const { services, events } = startTestMainServices({ settingsDirectory: dir });
    const added = await services.router.dispatch('calls:historyAdd', entry({ outcome: 'missed', direction: 'incoming' }), appFrame);
    expect(added).toMatchObject({ ok: true, value: { entries: [{ outcome: 'missed' }] } });
    expect(events.sent.filter((e) => e.channel === 'calls:historyChanged')).toHaveLength(1);
    const restarted = startTestMainServices({ settingsDirectory: dir });
    expect(await restarted.services.router.dispatch('calls:historyList', undefined, appFrame)).toMatchObject({
      ok: true,
      value: { entries: [{ outcome: 'missed', peerRawId: '4:+14255550100' }] },
    });
  });

  it('one missed-call count for the tray badge and the history, cleared by the user\'s look and kept across a restart', async () => {
    const dir = tempDir();
    const rec = recordingDesktop();
    const { services, events } = startTestMainServices({ settingsDirectory: dir, desktop: rec.desktop });
    const invoke = (channel: string, payload?: unknown) => services.router.dispatch(channel, payload, appFrame);
    await invoke('notifications:incomingCall', { callId: 'call-1', callerName: 'Ada', callerId: '4:+34600123456', withVideo: false });
    await invoke('notifications:callEnded', { callId: 'call-1', reason: 'missed' });
    await invoke('calls:historyAdd', entry({ outcome: 'missed', direction: 'incoming' }));
    expect(rec.lastBadge()?.count).toBe(1);
    expect(events.sent.filter((e) => e.channel === 'calls:historyChanged').at(-1)?.payload).toMatchObject({ missedCount: 1 });
    expect(await invoke('calls:historyList')).toMatchObject({ ok: true, value: { missedCount: 1 } });

    const restarted = startTestMainServices({ settingsDirectory: dir, desktop: recordingDesktop().desktop });
    expect(restarted.services.desktop.missedCalls.count).toBe(1);
    await restarted.services.router.dispatch('notifications:missedCallsSeen', undefined, appFrame);
    expect(await restarted.services.router.dispatch('calls:historyList', undefined, appFrame)).toMatchObject({ ok: true, value: { missedCount: 0 } });
    expect(restarted.events.sent.filter((e) => e.channel === 'calls:historyChanged').at(-1)?.payload).toMatchObject({ missedCount: 0 });
  });

  it('keeps the display awake exactly while in a call', async () => {
    const calls: string[] = [];
    const blocker: DisplaySleepBlocker = { start: () => (calls.push('start'), 7), stop: (id) => void calls.push(`stop ${id}`) };
    const { services } = startTestMainServices({ displaySleepBlocker: blocker });
    const seen: boolean[] = [];
    services.callActivity.onChange((inCall) => seen.push(inCall));
    await services.router.dispatch('calls:activityChanged', { inCall: true }, appFrame);
    await services.router.dispatch('calls:activityChanged', { inCall: true }, appFrame);
    await services.router.dispatch('calls:activityChanged', { inCall: false }, appFrame);
    expect(calls).toEqual(['start', 'stop 7']);
    expect(seen).toEqual([true, false]);
  });
});

describe('CallActivity', () => {
  it('does nothing when the state does not change', () => {
    const calls: string[] = [];
    const activity = new CallActivity({ start: () => (calls.push('start'), 1), stop: () => void calls.push('stop') });
    activity.set(false);
    expect(calls).toEqual([]);
    expect(activity.inCall).toBe(false);
  });
});
