/**
 * The rows of a conversation view: a day separator wherever the day changes, and each
 * message flagged with whether it starts a group (a new sender, a new day, or more than five
 * minutes since the previous message of the same sender).
 */
import type { ChatItem } from './chat-item.js';

export type MessageRow = { type: 'day'; key: string; day: number } | { type: 'message'; key: string; item: ChatItem; groupStart: boolean; own: boolean };

const groupGapMs = 5 * 60_000;

export function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export function buildRows(items: readonly ChatItem[], selfId: string): MessageRow[] {
  const rows: MessageRow[] = [];
  let lastDay = -1;
  let previous: ChatItem | null = null;
  for (const item of items) {
    const day = startOfDay(item.createdOn);
    const newDay = day !== lastDay;
    if (newDay) {
      rows.push({ type: 'day', key: `day-${day}`, day });
      lastDay = day;
    }
    const isSystem = item.kind !== 'text' && item.kind !== 'html';
    const groupStart =
      newDay || isSystem || previous === null || previous.kind !== item.kind || previous.senderId !== item.senderId || item.createdOn - previous.createdOn > groupGapMs;
    rows.push({ type: 'message', key: item.key, item, groupStart, own: item.senderId === selfId });
    previous = item;
  }
  return rows;
}
