import { describe, expect, it } from 'vitest';
import { bringToFront, claimSingleInstance, type FocusableWindow } from '../../../main/app/single-instance.js';

function fakeHost(lock: boolean) {
  const calls: string[] = [];
  let listener: ((event: unknown, argv: string[]) => void) | undefined;
  return {
    calls,
    secondInstance: (argv: string[]) => listener?.({}, argv),
    host: {
      requestSingleInstanceLock: () => lock,
      quit: () => void calls.push('quit'),
      on: (_event: 'second-instance', l: (event: unknown, argv: string[]) => void) => (listener = l),
    },
  };
}

function fakeWindow(minimized: boolean): FocusableWindow & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    isDestroyed: () => false,
    isMinimized: () => minimized,
    restore: () => void calls.push('restore'),
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
  };
}

describe('single instance', () => {
  it('quits when another copy holds the lock', () => {
    const { host, calls } = fakeHost(false);
    expect(claimSingleInstance(host, () => {})).toBe(false);
    expect(calls).toEqual(['quit']);
  });

  it('hands a second start to the running copy, which comes to the front', () => {
    const { host, secondInstance } = fakeHost(true);
    const window = fakeWindow(true);
    const argvs: string[][] = [];
    expect(claimSingleInstance(host, (argv) => {
      argvs.push(argv);
      bringToFront(window);
    })).toBe(true);
    secondInstance(['app', 'tel:+34600000000']);
    expect(argvs).toEqual([['app', 'tel:+34600000000']]);
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('does nothing for a missing or destroyed window', () => {
    expect(() => bringToFront(null)).not.toThrow();
    const destroyed = { ...fakeWindow(false), isDestroyed: () => true };
    bringToFront(destroyed);
    expect(destroyed.calls).toEqual([]);
  });
});
