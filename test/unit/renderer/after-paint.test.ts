/**
 * The two ways start-up work waits for the first paint: right after it (the 'shell-interactive'
 * mark), or once the browser is idle after it (prefetching the SDKs and the Settings view).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint, whenIdleAfterPaint } from '../../../renderer/lib/after-paint.js';
import { holdFrames } from './held-frames.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('afterNextPaint', () => {
  it('runs the task in a task queued by the next frame, not in the frame itself', () => {
    vi.useFakeTimers();
    const frames = holdFrames();
    const task = vi.fn();
    afterNextPaint(task);
    vi.runAllTimers();
    expect(task).not.toHaveBeenCalled();
    frames.paint();
    expect(task).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(task).toHaveBeenCalledOnce();
  });
});

describe('whenIdleAfterPaint', () => {
  it('asks for an idle moment (at most 2 s away) once the next frame has been painted', () => {
    const frames = holdFrames();
    const idle: { callback: IdleRequestCallback; options?: IdleRequestOptions }[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: IdleRequestCallback, options?: IdleRequestOptions) => idle.push({ callback, ...(options ? { options } : {}) }));
    const task = vi.fn();
    whenIdleAfterPaint(task);
    expect(idle).toHaveLength(0);
    frames.paint();
    expect(idle).toHaveLength(1);
    expect(idle[0]!.options).toEqual({ timeout: 2000 });
    expect(task).not.toHaveBeenCalled();
    idle[0]!.callback({ didTimeout: false, timeRemaining: () => 10 });
    expect(task).toHaveBeenCalledOnce();
  });

  it('waits a moment instead where the browser has no requestIdleCallback', () => {
    vi.useFakeTimers();
    const frames = holdFrames();
    expect('requestIdleCallback' in window).toBe(false);
    const task = vi.fn();
    whenIdleAfterPaint(task);
    frames.paint();
    vi.advanceTimersByTime(49);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledOnce();
  });
});
