import type { EventChannelName, PayloadOf } from '../../contract/index.js';

/** Sends contract events to the app's windows. The Electron adapter implements it. */
export interface EventSink {
  send(channel: string, payload: unknown): void;
}

/** Typed front of an EventSink: only contract event channels with their payload types. */
export class IpcEvents {
  constructor(private readonly sink: EventSink) {}

  emit<C extends EventChannelName>(channel: C, payload: PayloadOf<C>): void {
    this.sink.send(channel, payload);
  }
}
