/**
 * The calling feature's composition root in the renderer: one CallingService and the call
 * history, wired to main through the bridge (history, "in a call", ringing calls for the OS
 * notifications, the user's choices on those notifications) and to the user's settings.
 * Sign-in starts it with the shared credential: `callingRuntime()?.start(credential,
 * displayName)`; sign-out stops it.
 */
import type { CommunicationTokenCredential } from '@azure/communication-common';
import type { SoftphoneApi } from '../../contract/index.js';
import type { SettingsState } from '../settings/settings-state.svelte.js';
import { call } from '../lib/bridge.js';
import { handleCallActions } from './call-actions.js';
import { CallHistoryState } from './call-history-state.svelte.js';
import { createCallNotifications } from './call-notifications.js';
import { CallingService } from './calling-service.svelte.js';
import { provideCallingSdk } from './sdk-provider.js';
import { installTestHooks } from './test-hooks.js';

export class CallingRuntime {
  readonly history: CallHistoryState;
  readonly service: CallingService;
  /** The call history should be brought into view (the tray's "Missed calls"); the Calls view does it. */
  historyRequested = $state(false);

  constructor(
    private readonly api: SoftphoneApi,
    private readonly settings: SettingsState,
    options: { renewCredential?: () => Promise<CommunicationTokenCredential> } = {},
  ) {
    this.history = new CallHistoryState(api);
    this.service = new CallingService({
      loadSdk: provideCallingSdk,
      // The shell renders (and sign-in can start calling) only once settings are loaded.
      settings: () => {
        if (!settings.view) throw new Error('settings are not loaded yet');
        return settings.view.values;
      },
      saveSettings: (patch) => settings.update(patch),
      recordHistory: (entry) => this.history.add(entry),
      setInCall: (inCall) => void call(api.calls.activityChanged({ inCall })).catch(() => {}),
      ringing: createCallNotifications(api),
      ...(options.renewCredential ? { renewCredential: options.renewCredential } : {}),
    });
  }

  /** Starts acting on notification and tray choices; returns the function that stops it. */
  handleDesktopActions(): () => void {
    return handleCallActions({ service: this.service, showHistory: () => (this.historyRequested = true) });
  }

  async load(): Promise<void> {
    await this.history.load();
  }

  start(credential: CommunicationTokenCredential, displayName: string): Promise<void> {
    return this.service.start(credential, displayName);
  }

  async stop(): Promise<void> {
    await this.service.stop();
  }
}

let current = $state<CallingRuntime | null>(null);

/** The runtime, once the app has made it (null before, and when the bridge is missing). */
export function callingRuntime(): CallingRuntime | null {
  return current;
}

export function initCallingRuntime(
  api: SoftphoneApi,
  settings: SettingsState,
  options: { renewCredential?: () => Promise<CommunicationTokenCredential> } = {},
): CallingRuntime {
  if (!current) {
    current = new CallingRuntime(api, settings, options);
    current.handleDesktopActions();
  }
  installTestHooks(current);
  void current.load().catch(() => {});
  return current;
}
