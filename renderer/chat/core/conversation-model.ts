/**
 * One conversation's messages, merged from every source without gaps or duplicates:
 * listed pages (polling, history), realtime events, and the user's own pending sends.
 * A message is the same message when it has the same server id, or when the signed-in user
 * sent it carrying the client message id of one of their pending sends in its metadata.
 * Metadata is the sender's to write, so another person's message is matched by server id
 * only: nobody can overwrite or hide someone else's row. Newer versions win; a deletion is
 * final. Plain TypeScript: the Svelte store wraps it, tests drive it directly.
 */
import type { ChatMessage, ChatMessageDeletedEvent, ChatMessageEditedEvent, ChatMessageReceivedEvent, ChatMessageReadReceipt, ReadReceiptReceivedEvent, TypingIndicatorReceivedEvent } from '@azure/communication-chat';
import { rawIdOf } from '../../lib/identifiers.js';
import { compareItems, itemFromMessage, ownClientMessageId, type ChatItem } from './chat-item.js';

export interface PendingSend {
  clientMessageId: string;
  content: string;
  createdAt: string;
  state: 'pending' | 'failed';
  senderDisplayName?: string;
}

export interface Typer {
  id: string;
  name: string;
  until: number;
}

/** How long a typing indicator lasts without a new notification (the SDK sends at most one per 8 s). */
export const typingLifetimeMs = 10_000;

export class ConversationModel {
  private readonly byKey = new Map<string, ChatItem>();
  private readonly keyById = new Map<string, string>();
  private readonly receipts = new Map<string, { messageId: string; readOn: number }>();
  private readonly typers = new Map<string, Typer>();
  private sorted: ChatItem[] | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly arrivalListeners = new Set<(items: readonly ChatItem[]) => void>();
  private batchDepth = 0;
  private dirty = false;
  /** Server time of the newest confirmed message held (what "new" is measured against). */
  private newestOn = -Infinity;
  /** `newestOn` when the current batch began: a listing's own messages do not raise the bar for each other. */
  private batchFloor = -Infinity;
  private arrivals: ChatItem[] = [];

  constructor(
    readonly threadId: string,
    /** The signed-in user's communicationUserId: their messages are "own", their receipts are not "seen". */
    readonly selfId: string,
    private readonly now: () => number = Date.now,
  ) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Confirmed messages that were not here before and are newer than everything that was
   * (not history paged in): what may deserve a notification. Told once per batch.
   */
  onArrival(listener: (items: readonly ChatItem[]) => void): () => void {
    this.arrivalListeners.add(listener);
    return () => this.arrivalListeners.delete(listener);
  }

  /** Runs several changes and tells listeners once. */
  batch(change: () => void): void {
    if (this.batchDepth === 0) this.batchFloor = this.newestOn;
    this.batchDepth++;
    try {
      change();
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0 && this.dirty) this.emit();
    }
  }

  /** `reorder` false: only typing or receipts changed, so the sorted messages stay as they are. */
  private changed(reorder = true): void {
    if (reorder) this.sorted = null;
    this.dirty = true;
    if (this.batchDepth === 0) this.emit();
  }

  private emit(): void {
    this.dirty = false;
    for (const listener of this.listeners) listener();
    if (this.arrivals.length === 0) return;
    const arrived = this.arrivals;
    this.arrivals = [];
    for (const listener of this.arrivalListeners) listener(arrived);
  }

  /** Every message, oldest first. The same array is returned until something changes. */
  items(): readonly ChatItem[] {
    this.sorted ??= [...this.byKey.values()].sort(compareItems);
    return this.sorted;
  }

  get size(): number {
    return this.byKey.size;
  }

  find(idOrKey: string): ChatItem | undefined {
    return this.byKey.get(idOrKey) ?? this.byKey.get(this.keyById.get(idOrKey) ?? '');
  }

  /** Merges listed messages (a poll, a history page). */
  mergeListed(messages: readonly ChatMessage[]): void {
    this.batch(() => {
      for (const message of messages) this.upsert(itemFromMessage(message, this.selfId));
    });
  }

  private existingFor(item: ChatItem): ChatItem | undefined {
    if (item.id) {
      const key = this.keyById.get(item.id);
      if (key) return this.byKey.get(key);
    }
    // By client message id only for the user's own message coming back for their own send
    // that has no server id yet (itemFromMessage keeps the id only on own messages).
    if (!item.clientMessageId || item.senderId !== this.selfId) return undefined;
    const pending = this.byKey.get(item.clientMessageId);
    return pending && pending.senderId === this.selfId && pending.clientMessageId === item.clientMessageId && (!pending.confirmed || pending.id === item.id) ? pending : undefined;
  }

  /** A key no other row has: a repeated client message id (another device, a bug) must not replace a row. */
  private freeKey(item: ChatItem): string {
    if (!this.byKey.has(item.key)) return item.key;
    return `id:${item.id ?? item.key}`;
  }

  private upsert(incoming: ChatItem): void {
    const existing = this.existingFor(incoming);
    if (existing) {
      // A deletion is final, and an older version never replaces a newer one.
      if (existing.deletedOn !== null && existing.confirmed) return;
      if (existing.confirmed && incoming.version < existing.version && incoming.deletedOn === null) return;
      const merged: ChatItem = {
        ...existing,
        ...incoming,
        key: existing.key,
        // Realtime events carry no sequence id; keep the one a listing gave.
        sequenceId: incoming.sequenceId ?? existing.sequenceId,
      };
      this.byKey.set(existing.key, merged);
      if (merged.id) this.keyById.set(merged.id, existing.key);
    } else {
      const item = { ...incoming, key: this.freeKey(incoming) };
      this.byKey.set(item.key, item);
      if (item.id) this.keyById.set(item.id, item.key);
      const floor = this.batchDepth > 0 ? this.batchFloor : this.newestOn;
      if (item.confirmed && item.createdOn >= floor) this.arrivals.push(item);
    }
    if (incoming.confirmed && incoming.createdOn > this.newestOn) this.newestOn = incoming.createdOn;
    if (incoming.senderId && incoming.confirmed) this.typers.delete(incoming.senderId);
    this.changed();
  }

  applyReceived(event: ChatMessageReceivedEvent): void {
    if (event.threadId !== this.threadId) return;
    const senderId = rawIdOf(event.sender);
    const clientMessageId = ownClientMessageId(event.metadata, senderId, this.selfId);
    this.upsert({
      key: clientMessageId ?? event.id,
      id: event.id,
      clientMessageId,
      kind: event.type.toLowerCase() === 'html' ? 'html' : 'text',
      senderId,
      senderName: event.senderDisplayName?.trim() || senderId || '',
      text: event.message ?? '',
      createdOn: new Date(event.createdOn).getTime(),
      confirmed: true,
      sequenceId: null,
      version: Number(event.version) || 0,
      editedOn: null,
      deletedOn: null,
      status: 'sent',
    });
  }

  applyEdited(event: ChatMessageEditedEvent): void {
    if (event.threadId !== this.threadId) return;
    const existing = this.find(event.id);
    if (!existing) return this.applyReceived(event);
    if (Number(event.version) < existing.version || existing.deletedOn !== null) return;
    this.byKey.set(existing.key, { ...existing, text: event.message ?? '', editedOn: new Date(event.editedOn).getTime(), version: Number(event.version) || existing.version });
    this.changed();
  }

  applyDeleted(event: ChatMessageDeletedEvent | { threadId: string; id: string; deletedOn: Date }): void {
    if (event.threadId !== this.threadId) return;
    const existing = this.find(event.id);
    if (!existing) return;
    this.byKey.set(existing.key, { ...existing, text: '', deletedOn: new Date(event.deletedOn).getTime() });
    this.changed();
  }

  /** The user's own send, before the service has it. */
  addPending(send: PendingSend, senderName: string): void {
    const existing = this.byKey.get(send.clientMessageId);
    if (existing && (existing.confirmed || existing.senderId !== this.selfId)) return;
    this.byKey.set(send.clientMessageId, {
      key: send.clientMessageId,
      id: existing?.id ?? null,
      clientMessageId: send.clientMessageId,
      kind: 'text',
      senderId: this.selfId,
      senderName,
      text: send.content,
      createdOn: Date.parse(send.createdAt) || this.now(),
      confirmed: false,
      sequenceId: null,
      version: 0,
      editedOn: null,
      deletedOn: null,
      status: send.state,
    });
    this.changed();
  }

  private ownSend(clientMessageId: string): ChatItem | undefined {
    const existing = this.byKey.get(clientMessageId);
    return existing?.senderId === this.selfId && existing.clientMessageId === clientMessageId ? existing : undefined;
  }

  /** The service accepted our send and gave it an id; its listed copy will bring its time. */
  markSent(clientMessageId: string, id: string): void {
    const existing = this.ownSend(clientMessageId);
    if (!existing) return;
    this.keyById.set(id, clientMessageId);
    if (existing.confirmed) return;
    this.byKey.set(clientMessageId, { ...existing, id, status: 'sent' });
    this.changed();
  }

  markFailed(clientMessageId: string, failed: boolean): void {
    const existing = this.ownSend(clientMessageId);
    if (!existing || existing.confirmed) return;
    this.byKey.set(clientMessageId, { ...existing, status: failed ? 'failed' : 'pending' });
    this.changed();
  }

  /** Drops a pending send the user discarded. */
  discardPending(clientMessageId: string): void {
    const existing = this.ownSend(clientMessageId);
    if (!existing || existing.confirmed) return;
    this.byKey.delete(clientMessageId);
    this.changed();
  }

  setReceipts(receipts: readonly ChatMessageReadReceipt[]): void {
    this.batch(() => {
      for (const r of receipts) this.applyReceipt(rawIdOf(r.sender), r.chatMessageId, r.readOn);
    });
  }

  applyReadReceipt(event: ReadReceiptReceivedEvent): void {
    if (event.threadId !== this.threadId) return;
    this.applyReceipt(rawIdOf(event.sender), event.chatMessageId, new Date(event.readOn));
  }

  private applyReceipt(readerId: string | null, messageId: string, readOn: Date): void {
    if (!readerId) return;
    const current = this.receipts.get(readerId);
    if (current) {
      // A receipt only moves forward: by the position of the messages when both are known,
      // else by when they were read.
      const was = this.find(current.messageId)?.createdOn;
      const is = this.find(messageId)?.createdOn;
      if (was !== undefined && is !== undefined ? was >= is : current.readOn > readOn.getTime()) return;
    }
    this.receipts.set(readerId, { messageId, readOn: readOn.getTime() });
    this.changed(false);
  }

  /** Time (server ms) up to which someone else has read, or null. */
  seenUpTo(): number | null {
    let best: number | null = null;
    for (const [reader, receipt] of this.receipts) {
      if (reader === this.selfId) continue;
      const message = this.find(receipt.messageId);
      const at = message ? message.createdOn : null;
      if (at !== null && (best === null || at > best)) best = at;
    }
    return best;
  }

  /** The user's own read position (server ms of the message they last read), or null. */
  ownReadUpTo(): number | null {
    const own = this.receipts.get(this.selfId);
    if (!own) return null;
    return this.find(own.messageId)?.createdOn ?? own.readOn;
  }

  unreadCount(): number {
    const readUpTo = this.ownReadUpTo() ?? -Infinity;
    let count = 0;
    for (const item of this.byKey.values()) {
      if (item.confirmed && item.deletedOn === null && (item.kind === 'text' || item.kind === 'html') && item.senderId !== this.selfId && item.createdOn > readUpTo) count++;
    }
    return count;
  }

  /** Records that the user has now read up to `messageId` (before the service echoes it). */
  markReadLocally(messageId: string): void {
    this.applyReceipt(this.selfId, messageId, new Date(this.now()));
  }

  applyTyping(event: TypingIndicatorReceivedEvent): void {
    if (event.threadId !== this.threadId) return;
    const id = rawIdOf(event.sender);
    if (!id || id === this.selfId) return;
    // Local time, not the event's: the expiry must not depend on clock skew with the service.
    this.typers.set(id, { id, name: event.senderDisplayName?.trim() || id, until: this.now() + typingLifetimeMs });
    this.changed(false);
  }

  /** Who is typing now; expired indicators are dropped. */
  typing(): Typer[] {
    const now = this.now();
    for (const [id, typer] of this.typers) if (typer.until <= now) this.typers.delete(id);
    return [...this.typers.values()];
  }

  /** Newest confirmed message someone else sent: what a read receipt points at. */
  newestFromOthers(): ChatItem | undefined {
    const items = this.items();
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i]!;
      if (item.confirmed && item.id && item.senderId !== this.selfId) return item;
    }
    return undefined;
  }

  /** Newest confirmed message, for the read receipt and the conversation list. */
  newestConfirmed(): ChatItem | undefined {
    const items = this.items();
    for (let i = items.length - 1; i >= 0; i--) if (items[i]!.confirmed) return items[i];
    return undefined;
  }
}
