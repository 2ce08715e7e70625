import { describe, expect, it } from 'vitest';
import { userStatuses, type PresenceView, type UserStatus } from '../../../contract/channels-tray.js';
import { IdleWatcher } from '../../../main/presence/idle-watcher.js';
import { PresenceTracker, presenceOf } from '../../../main/presence/presence-tracker.js';

function memory(initial: unknown = undefined) {
  const saved: UserStatus[] = [];
  return { saved, persistence: { load: () => initial, save: (s: UserStatus) => void saved.push(s) } };
}

describe('presence state machine', () => {
  it('starts Available, or from what was saved; a damaged saved value falls back to Available', () => {
    expect(new PresenceTracker(memory().persistence).view()).toEqual({ status: 'available', chosen: 'available', reason: null });
    expect(new PresenceTracker(memory('beRightBack').persistence).status).toBe('beRightBack');
    for (const bad of ['inACall', 'online', 42, null, { status: 'busy' }]) {
      expect(new PresenceTracker(memory(bad).persistence).status, String(bad)).toBe('available');
    }
  });

  it('moves between every pair of chosen statuses and persists each choice', () => {
    const { saved, persistence } = memory();
    const tracker = new PresenceTracker(persistence);
    for (const from of userStatuses) {
      for (const to of userStatuses) {
        tracker.choose(from);
        expect(tracker.choose(to)).toEqual({ status: to, chosen: to, reason: null });
      }
    }
    expect(saved.length).toBe(userStatuses.length * userStatuses.length * 2);
    expect(saved.at(-1)).toBe('appearOffline');
  });

  // Expected status for each chosen status under each automatic condition.
  const table: [UserStatus, { inCall: string; idle: string; locked: string }][] = [
    ['available', { inCall: 'inACall', idle: 'away', locked: 'away' }],
    ['busy', { inCall: 'inACall', idle: 'away', locked: 'away' }],
    ['doNotDisturb', { inCall: 'doNotDisturb', idle: 'doNotDisturb', locked: 'doNotDisturb' }],
    ['beRightBack', { inCall: 'inACall', idle: 'beRightBack', locked: 'beRightBack' }],
    ['away', { inCall: 'inACall', idle: 'away', locked: 'away' }],
    ['appearOffline', { inCall: 'appearOffline', idle: 'appearOffline', locked: 'appearOffline' }],
  ];

  it.each(table)('%s: in a call, idle, locked, and back', (chosen, expected) => {
    const tracker = new PresenceTracker(memory(chosen).persistence);
    expect(tracker.setInCall(true).status).toBe(expected.inCall);
    expect(tracker.setInCall(false).status).toBe(chosen);
    expect(tracker.setIdle(true).status).toBe(expected.idle);
    expect(tracker.setIdle(false).status).toBe(chosen);
    expect(tracker.setLocked(true).status).toBe(expected.locked);
    expect(tracker.setLocked(false).status).toBe(chosen);
  });

  it('says why the status is automatic', () => {
    expect(presenceOf('available', true, true, true).reason).toBe('inCall');
    expect(presenceOf('available', false, true, true).reason).toBe('locked');
    expect(presenceOf('busy', false, true, false).reason).toBe('idle');
    expect(presenceOf('away', false, true, false).reason).toBe(null);
  });

  it('a call outranks idleness, and ending the call while idle shows Away', () => {
    const tracker = new PresenceTracker(memory().persistence);
    tracker.setIdle(true);
    expect(tracker.setInCall(true).status).toBe('inACall');
    expect(tracker.setInCall(false)).toEqual({ status: 'away', chosen: 'available', reason: 'idle' });
  });

  it('unlocking the screen clears idleness too (the user is back)', () => {
    const tracker = new PresenceTracker(memory().persistence);
    tracker.setIdle(true);
    tracker.setLocked(true);
    expect(tracker.setLocked(false).status).toBe('available');
  });

  it('choosing a status while automatic keeps the automatic one until its cause ends', () => {
    const tracker = new PresenceTracker(memory().persistence);
    tracker.setInCall(true);
    expect(tracker.choose('busy')).toEqual({ status: 'inACall', chosen: 'busy', reason: 'inCall' });
    expect(tracker.choose('doNotDisturb').status).toBe('doNotDisturb');
    expect(tracker.choose('available').status).toBe('inACall');
    expect(tracker.setInCall(false).status).toBe('available');
  });

  it('tells listeners about changes only', () => {
    const tracker = new PresenceTracker(memory().persistence);
    const seen: PresenceView[] = [];
    tracker.onChange((v) => seen.push(v));
    tracker.setIdle(false);
    tracker.choose('available');
    tracker.setInCall(true);
    tracker.setInCall(true);
    tracker.setIdle(true); // hidden by the call: no visible change
    tracker.setInCall(false);
    expect(seen.map((v) => v.status)).toEqual(['inACall', 'away']);
  });
});

describe('idle watcher', () => {
  function clock() {
    let seconds = 0;
    let tick: (() => void) | null = null;
    return {
      set: (s: number) => ((seconds = s), tick?.()),
      clock: { idleSeconds: () => seconds, every: (_ms: number, t: () => void) => ((tick = t), () => void (tick = null)) },
      running: () => tick !== null,
    };
  }

  it('reports idle after the configured minutes, and back on input', () => {
    const c = clock();
    const changes: boolean[] = [];
    const watcher = new IdleWatcher(c.clock, () => 10, (idle) => changes.push(idle));
    watcher.start();
    c.set(9 * 60 + 59);
    c.set(10 * 60);
    c.set(11 * 60);
    c.set(3);
    expect(changes).toEqual([true, false]);
    watcher.stop();
    expect(c.running()).toBe(false);
  });

  it('never reports idle when the setting is 0, and re-checks when it changes', () => {
    const c = clock();
    let minutes = 0;
    const changes: boolean[] = [];
    const watcher = new IdleWatcher(c.clock, () => minutes, (idle) => changes.push(idle));
    watcher.start();
    c.set(10_000);
    expect(changes).toEqual([]);
    minutes = 5;
    watcher.check();
    expect(changes).toEqual([true]);
  });
});
