/**
 * The calls channels of the contract: the call history (whose missed-call count is main's one
 * count, shared with the tray), "in a call" from the renderer, and the screen-share picker.
 * main-services.ts calls this once, after the desktop integration that owns the missed calls.
 */
import type { Logger } from '../app/logger.js';
import type { IpcEvents } from '../ipc/event-emitter.js';
import type { IpcRouter } from '../ipc/ipc-router.js';
import type { MissedCalls } from '../notifications/missed-calls.js';
import type { StoreFactory } from '../settings/settings-store.js';
import type { CallActivity } from './call-activity.js';
import { CallHistoryStore } from './call-history-store.js';
import { ScreenSharePicker } from './screen-share-picker.js';

export interface CallServiceDeps {
  router: IpcRouter;
  events: IpcEvents;
  directory: string;
  factory: StoreFactory;
  projectVersion: string;
  log: Logger;
  missedCalls: MissedCalls;
  callActivity: CallActivity;
}

export function createCallServices(deps: CallServiceDeps) {
  const { router, events } = deps;
  const callHistory = new CallHistoryStore({ directory: deps.directory, factory: deps.factory, projectVersion: deps.projectVersion, missedCalls: deps.missedCalls });
  if (callHistory.recoveryNotice) deps.log.warn('calls: history file repaired at start-up');
  router.handle('calls:historyList', () => callHistory.view());
  router.handle('calls:historyAdd', (entry) => callHistory.add(entry));
  router.handle('calls:historyClear', () => callHistory.clear());
  router.handle('calls:historyRecoveryNotice', () => callHistory.recoveryNotice);
  router.handle('calls:activityChanged', ({ inCall }) => deps.callActivity.set(inCall));
  callHistory.onChange((view) => events.emit('calls:historyChanged', view));

  const screenSharePicker = new ScreenSharePicker({
    ask: (request) => events.emit('calls:screenShareRequest', request),
    closed: (requestId) => events.emit('calls:screenShareClosed', { requestId }),
  });
  router.handle('calls:screenShareChoose', ({ requestId, sourceId }) => screenSharePicker.choose(requestId, sourceId));
  return { callHistory, screenSharePicker };
}
