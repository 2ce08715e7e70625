/**
 * Work that must not hold up the first paint. A requestAnimationFrame callback runs before its
 * frame's style, layout and paint; a task it queues runs after them.
 */

/** Runs `task` once the next frame has been painted. */
export function afterNextPaint(task: () => void): void {
  requestAnimationFrame(() => setTimeout(task, 0));
}

/**
 * Runs `task` after the next paint, once the browser is idle (at most 2 s later): for fetching
 * what the user may need soon, without competing with the start-up work still running.
 */
export function whenIdleAfterPaint(task: () => void): void {
  requestAnimationFrame(() => {
    if ('requestIdleCallback' in window) requestIdleCallback(task, { timeout: 2000 });
    else setTimeout(task, 50);
  });
}
