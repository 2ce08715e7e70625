/**
 * A stand-in for main behind the bridge: records each invoke and keeps the event listeners the
 * bridge subscribes, so a test can emit events as main would.
 */
import type { BridgeTransport } from '../../../preload/build-api.js';
import type { IpcResult } from '../../../contract/errors.js';

/** How main answers an invoke; `serial` counts invokes from 1, so answers can be told apart. */
export type FakeAnswer = (channel: string, serial: number) => Promise<IpcResult<unknown>>;

/** By default main answers every invoke with its channel name. */
const answerWithChannel: FakeAnswer = async (channel) => ({ ok: true, value: channel });

export function fakeTransport(answer: FakeAnswer = answerWithChannel) {
  const invoked: [channel: string, request: unknown][] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const transport: BridgeTransport = {
    invoke: (channel, request) => {
      invoked.push([channel, request]);
      return answer(channel, invoked.length);
    },
    subscribe: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  // A copy: a listener may unsubscribe while the event is being delivered.
  const emit = (channel: string, payload: unknown) => [...(listeners.get(channel) ?? [])].forEach((l) => l(payload));
  const invokedChannels = () => invoked.map(([channel]) => channel);
  return { transport, invoked, invokedChannels, emit, listeners };
}
