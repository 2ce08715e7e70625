/**
 * A typed `window.softphone` for component tests, built from the contract by the preload's own
 * buildSoftphoneApi: every invoke looks its channel up in `answers` (anything unanswered fails,
 * as with main away), every on… records its listener so the test can push an event. The app's
 * start-up calls are answered by default (English, settings loaded, signed out).
 */
import { buildSoftphoneApi } from '../../../preload/build-api.js';
import { defaultSettings } from '../../../contract/settings.js';
import type { EventChannelName, InvokeChannelName, IpcResult, PayloadOf, RequestOf, ResponseOf } from '../../../contract/index.js';
import { signedOutState } from './fake-auth-api.js';

/** A channel's answer: its value (answered ok), or a function of the request giving the whole result. */
export type Answer<N extends InvokeChannelName> = ResponseOf<N> | ((request: RequestOf<N>) => IpcResult<ResponseOf<N>> | Promise<IpcResult<ResponseOf<N>>>);
export type Answers = { [N in InvokeChannelName]?: Answer<N> };

/** What an invoke answers when main fails (and what unanswered channels answer). */
export const failure: IpcResult<never> = { ok: false, error: { code: 'internal', messageKey: 'errors:ipc.internal' } };

/** The answers the app's start-up needs. */
export const startupAnswers = {
  'locale:get': { locale: 'en', systemLocale: 'en' },
  'app:getInfo': { name: 'ACS Softphone', version: '1.0.0', platform: 'linux', electron: '45', chrome: '144' },
  'app:getStartupNotices': { settingsRecovery: null },
  'app:reportStartup': undefined,
  'settings:get': { values: defaultSettings, locked: [] },
  'auth:getState': signedOutState,
} satisfies Answers;

export function fakeSoftphone(answers: Answers = {}) {
  const all: Answers = { ...startupAnswers, ...answers };
  /** Every invoke, in order, as "group:name". */
  const calls: string[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api = buildSoftphoneApi({
    invoke: async (channel, request) => {
      calls.push(channel);
      if (!(channel in all)) return failure;
      const answer = all[channel as InvokeChannelName] as unknown;
      return typeof answer === 'function' ? (answer as (request: unknown) => IpcResult<unknown> | Promise<IpcResult<unknown>>)(request) : { ok: true, value: answer };
    },
    subscribe: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  });
  return {
    api,
    calls,
    /** Main pushes an event to every listener of that channel. */
    emit<N extends EventChannelName>(channel: N, payload: PayloadOf<N>) {
      for (const listener of listeners.get(channel) ?? []) listener(payload);
    },
    /** How many listeners a channel has now. */
    listenerCount: (channel: EventChannelName) => listeners.get(channel)?.size ?? 0,
  };
}
