/**
 * The calling feature's composition root in the renderer: one CallingService and the call
 * history, wired to main through the bridge and to the user's settings. Sign-in starts it with
 * the shared credential: `callingRuntime()?.start(credential, displayName)`; sign-out stops it.
 */
import type { CommunicationTokenCredential } from '@azure/communication-common';
import type { SoftphoneApi } from '../../contract/index.js';
import type { SettingsState } from '../settings/settings-state.svelte.js';
import { call } from '../lib/bridge.js';
import { CallHistoryState } from './call-history-state.svelte.js';
import { CallingService } from './calling-service.svelte.js';
import { provideCallingSdk } from './sdk-provider.js';
import { installTestHooks } from './test-hooks.js';

export class CallingRuntime {
  readonly history: CallHistoryState;
  readonly service: CallingService;
  /** Text for the dial pad to show (a tel: link, "call back" from a notification); one click calls it. */
  pendingDial = $state<string | null>(null);

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
      ...(options.renewCredential ? { renewCredential: options.renewCredential } : {}),
    });
  }

  async load(): Promise<void> {
    await this.history.load();
  }

  start(credential: CommunicationTokenCredential, displayName: string): Promise<void> {
    return this.service.start(credential, displayName);
  }

  /** Puts a number or ID in the dial pad without dialling (the user confirms with Call). */
  prefillDial(text: string): void {
    this.pendingDial = text.slice(0, 300);
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
  current ??= new CallingRuntime(api, settings, options);
  installTestHooks(current);
  void current.load().catch(() => {});
  return current;
}
