/** The unread chat total the renderer reports; the tray badge (another feature) listens to it. */
export class UnreadCounter {
  private current = 0;
  private readonly listeners = new Set<(total: number) => void>();

  get total(): number {
    return this.current;
  }

  set(total: number): void {
    if (total === this.current) return;
    this.current = total;
    for (const listener of this.listeners) listener(total);
  }

  onChange(listener: (total: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
