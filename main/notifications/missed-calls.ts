/**
 * Missed calls the user has not seen yet: the one count the tray badge, the tray menu and the
 * call history's "Missed calls: N" all show. It goes down only when the user has seen them (the
 * Calls view in the window in front, notifications:missedCallsSeen). The count is kept with the
 * call history (CallHistoryStore), so a restart does not hide a missed call.
 */
export class MissedCalls {
  private readonly unseen = new Set<string>();
  /** Counted before the last restart; their call IDs are not kept. */
  private carried = 0;
  private readonly listeners = new Set<(count: number) => void>();

  get count(): number {
    return this.carried + this.unseen.size;
  }

  /** The count saved before a restart. */
  restore(count: number): void {
    const carried = Number.isInteger(count) && count > 0 ? count : 0;
    if (carried === this.carried) return;
    this.carried = carried;
    this.emit();
  }

  /** Counts a call once, however many times its end is reported. */
  add(callId: string): void {
    if (this.unseen.has(callId)) return;
    this.unseen.add(callId);
    this.emit();
  }

  /** A call counted too early (kept quiet by Do not disturb, then answered after all). */
  remove(callId: string): void {
    if (this.unseen.delete(callId)) this.emit();
  }

  has(callId: string): boolean {
    return this.unseen.has(callId);
  }

  markSeen(): void {
    if (this.count === 0) return;
    this.unseen.clear();
    this.carried = 0;
    this.emit();
  }

  onChange(listener: (count: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.count);
  }
}
