/**
 * Early answers for the start-up reads (contract/startup-reads.ts). Asked for when the bridge
 * is built; each is handed out once, to the renderer's first request-less call of its channel.
 * An answer is dropped (and that call goes to main as usual) when its invalidating event fires
 * first, or when main refused or failed it: a failure is never served from here, so errors reach
 * the renderer exactly as a live call gives them.
 */
import type { IpcResult } from '../contract/errors.js';
import type { StartupRead } from '../contract/startup-reads.js';
import type { BridgeTransport } from './build-api.js';

export interface Prefetched {
  /** The early answer for `channel`, once; undefined when there is none (any more). */
  take(channel: string): Promise<IpcResult<unknown>> | undefined;
}

export function prefetchReads(transport: BridgeTransport, reads: readonly StartupRead[]): Prefetched {
  const early = new Map<string, { answer: Promise<IpcResult<unknown>>; stopWatching: () => void }>();
  const drop = (channel: string) => {
    early.get(channel)?.stopWatching();
    early.delete(channel);
  };
  for (const { channel, invalidatedBy } of reads) {
    const answer = transport.invoke(channel, undefined);
    // Nobody may take it; a rejection must not surface as an unhandled one.
    answer.catch(() => {});
    const stopWatching = invalidatedBy ? transport.subscribe(invalidatedBy, () => drop(channel)) : () => {};
    early.set(channel, { answer, stopWatching });
  }
  return {
    take(channel) {
      const entry = early.get(channel);
      if (!entry) return undefined;
      drop(channel);
      return entry.answer;
    },
  };
}
