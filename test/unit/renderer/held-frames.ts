/** Animation frames run by the test: a callback waits until `paint()`, to look at what happens before a frame. */
import { vi } from 'vitest';

export function holdFrames() {
  const frames: FrameRequestCallback[] = [];
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  return {
    paint() {
      for (const callback of frames.splice(0)) callback(performance.now());
    },
  };
}
