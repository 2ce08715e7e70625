/** Reactive stand-ins for the parts of the calling runtime that talk to main (component tests). */
import type { CallHistoryView } from '../../../../contract/channels-calls.js';
import type { CallingService } from '../../../../renderer/calling/calling-service.svelte.js';

/** Main's call history: the view, and "seen" recorded (as main would, the count goes to zero). */
export class HistoryStandIn {
  view = $state<CallHistoryView>({ entries: [], missedCount: 0 });
  recoveredBackupPath = $state<string | null>(null);
  readonly seen: number[] = [];

  constructor(view: CallHistoryView) {
    this.view = view;
  }

  async markSeen(): Promise<void> {
    this.seen.push(this.view.missedCount);
    this.view = { ...this.view, missedCount: 0 };
  }
}

export class RuntimeStandIn {
  historyRequested = $state(false);
  constructor(
    readonly service: CallingService,
    readonly history: HistoryStandIn,
  ) {}
}
