/**
 * Runs `task` once the next frame has been painted. A requestAnimationFrame callback runs
 * before its frame's style, layout and paint; a task it queues runs after them.
 */
export function afterNextPaint(task: () => void): void {
  requestAnimationFrame(() => setTimeout(task, 0));
}
