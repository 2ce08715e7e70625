/** The renderer's copy of the call history kept in main (with main's missed-call count), updated by calls:historyChanged. */
import type { CallHistoryView, NewCallHistoryEntry } from '../../contract/channels-calls.js';
import type { SoftphoneApi } from '../../contract/index.js';
import { call } from '../lib/bridge.js';

export class CallHistoryState {
  view = $state<CallHistoryView>({ entries: [], missedCount: 0 });
  recoveredBackupPath = $state<string | null>(null);
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly api: SoftphoneApi) {}

  async load(): Promise<void> {
    this.unsubscribe ??= this.api.calls.onHistoryChanged((view) => (this.view = view));
    const [view, notice] = await Promise.all([call(this.api.calls.historyList()), call(this.api.calls.historyRecoveryNotice())]);
    this.view = view;
    this.recoveredBackupPath = notice?.backupPath ?? null;
  }

  async add(entry: NewCallHistoryEntry): Promise<void> {
    this.view = await call(this.api.calls.historyAdd(entry));
  }

  /** The user has seen the missed calls: main's count (the tray badge too) goes to zero and comes back through historyChanged. */
  async markSeen(): Promise<void> {
    if (this.view.missedCount > 0) await call(this.api.notifications.missedCallsSeen());
  }

  async clear(): Promise<void> {
    this.view = await call(this.api.calls.historyClear());
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
