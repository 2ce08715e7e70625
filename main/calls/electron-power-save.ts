/** Electron adapter: keeps the display awake during a call. */
import { powerSaveBlocker } from 'electron';
import type { DisplaySleepBlocker } from './call-activity.js';

export const electronDisplaySleepBlocker: DisplaySleepBlocker = {
  start: () => powerSaveBlocker.start('prevent-display-sleep'),
  stop: (id) => powerSaveBlocker.stop(id),
};
