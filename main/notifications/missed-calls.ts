/** Missed calls since the user last looked: what the badge and the tray menu count. */
export class MissedCalls {
  private readonly unseen = new Set<string>();
  private readonly listeners = new Set<(count: number) => void>();

  get count(): number {
    return this.unseen.size;
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
    if (this.unseen.size === 0) return;
    this.unseen.clear();
    this.emit();
  }

  onChange(listener: (count: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.unseen.size);
  }
}
