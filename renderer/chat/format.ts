/** Dates and errors as the chat UI shows them, in the UI's language. */
import { i18n, t } from '../i18n/i18n.svelte.js';
import { timeOf } from '../i18n/time-of-day.js';
import { BridgeError, messageKeyOf } from '../lib/bridge.js';
import { classifyFailure } from './core/backoff.js';
import { startOfDay } from './core/message-rows.js';

export function dayLabel(day: number, now = Date.now()): string {
  const today = startOfDay(now);
  if (day === today) return t('chat:message.today');
  if (day === startOfDay(today - 12 * 3600_000)) return t('chat:message.yesterday');
  return new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium' }).format(day);
}

/** For the conversation list: the time today, else the date. */
export function shortWhen(ms: number, now = Date.now()): string {
  if (startOfDay(ms) === startOfDay(now)) return timeOf(ms);
  return new Intl.DateTimeFormat(i18n.locale, { month: 'short', day: 'numeric' }).format(ms);
}

/**
 * The translated message for a failed chat operation: main's own reason when it refused (the
 * outbox is full, chat is turned off — an i18n key with its values), else what the service's
 * answer means for the user.
 */
export function chatErrorMessage(error: unknown): string {
  if (error instanceof BridgeError) {
    const { key, params } = messageKeyOf(error);
    return t(key, params ?? {});
  }
  return classifyFailure(error) === 'rejected' ? t('chat:errors.rejected') : t('chat:errors.unreachable');
}
