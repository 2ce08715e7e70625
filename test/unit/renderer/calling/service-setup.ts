/** A CallingService over the SDK double, with everything it tells the app recorded. */
import { defaultSettings, type Settings, type SettingsPatch } from '../../../../contract/settings.js';
import type { CallHistoryEntry, NewCallHistoryEntry } from '../../../../contract/channels-calls.js';
import { CallingService, type CallingServiceDeps } from '../../../../renderer/calling/calling-service.svelte.js';
import { createSdkDouble, FakeCredential, type FakeCallAgent, type SdkDouble } from '../../../fixtures/calling-sdk-double/index.js';

export const alice = { kind: 'communicationUser' as const, communicationUserId: '8:acs:11111111-2222-3333-4444-555555555555_0000aaaa-bbbb' };
export const bobId = '8:acs:11111111-2222-3333-4444-555555555555_0000cccc-dddd';

/** A call from Sam's phone the caller gave up on before it was answered (487): a missed call in the history. */
export const missedEntry: CallHistoryEntry = {
  id: '1',
  direction: 'incoming',
  peerRawId: '4:+14255550111',
  peerDisplay: 'Sam',
  startedAt: '2026-11-25T09:00:00.000Z',
  durationSeconds: 0,
  outcome: 'missed',
  endCode: 487,
  endSubCode: 0,
};

export interface Setup {
  service: CallingService;
  double: SdkDouble;
  settings: Settings;
  saved: SettingsPatch[];
  history: NewCallHistoryEntry[];
  activity: boolean[];
  credential: FakeCredential;
  clock: { now: number };
  agent: () => FakeCallAgent;
  renewed: FakeCredential[];
  logs: { message: string; fields: Record<string, string | number> | undefined }[];
}

export async function setup(
  overrides: Partial<Settings> = {},
  options: { start?: boolean; deps?: Partial<CallingServiceDeps> } = {},
): Promise<Setup> {
  const double = createSdkDouble();
  const settings: Settings = { ...defaultSettings, callerId: '+14255550199', ...overrides };
  const saved: SettingsPatch[] = [];
  const history: NewCallHistoryEntry[] = [];
  const activity: boolean[] = [];
  const clock = { now: Date.parse('2026-11-25T09:00:00Z') };
  const renewed: FakeCredential[] = [];
  const logs: Setup['logs'] = [];
  const service = new CallingService({
    loadSdk: async () => double.sdk,
    settings: () => settings,
    saveSettings: async (patch) => {
      saved.push(patch);
      Object.assign(settings, patch);
    },
    recordHistory: (entry) => void history.push(entry),
    setInCall: (inCall) => activity.push(inCall),
    renewCredential: async () => {
      const fresh = new FakeCredential('fresh-token');
      renewed.push(fresh);
      return fresh;
    },
    log: (message, fields) => logs.push({ message, fields }),
    now: () => clock.now,
    ...options.deps,
  });
  const credential = new FakeCredential();
  if (options.start !== false) await service.start(credential, 'Dana Agent');
  return { service, double, settings, saved, history, activity, credential, clock, renewed, logs, agent: () => double.client.agent! };
}

/** Lets the SDK double's promise chains settle. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A promise the test resolves when it chooses. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
